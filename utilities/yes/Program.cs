namespace Ocean.Utilities.Yes;

using System;
using System.Runtime.InteropServices;
using System.Text;
using Ocean.Libc;

/// <summary>yes [STRING...]: the words (or "y") on a line, again and again, until the reader goes away.</summary>
public static class Program
{
    private const int LinesPerWrite = 64;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        string line = (args.Length == 0 ? "y" : string.Join(" ", args)) + "\n";
        var block = new StringBuilder();
        for (int i = 0; i < LinesPerWrite; i++)
            block.Append(line);
        byte[] bytes = Latin1.ToBytes(block.ToString());
        File output = File.StandardOutput;
        while (output.Write(bytes) == bytes.Length)
        {
        }
        return 0;   // the pipe's reader is gone (head has its lines): done
    }
}
