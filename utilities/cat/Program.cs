namespace Ocean.Utilities.Cat;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>cat [FILE...]: copies each file (or standard input, for none or "-") to standard output.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const int ChunkBytes = 4096;

    private static int Main(string[] args)
    {
        var chunk = new byte[ChunkBytes];
        if (args.Length == 0)
            return CopyInput(chunk);
        int status = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string path = args[i];
            if (path == "-")
            {
                status |= CopyInput(chunk);
                continue;
            }
            File file = File.Open(path, VfsOpenFlags.Read);
            File output = File.StandardOutput;
            int count;
            while ((count = file.Read(chunk, ChunkBytes)) > 0)
                output.Write(chunk, count);
            file.Close();
            status |= Commands.Check("cat", path, file.Error);
        }
        return status;
    }

    private static int CopyInput(byte[] chunk)
    {
        File input = File.StandardInput, output = File.StandardOutput;
        int count;
        while ((count = input.Read(chunk, ChunkBytes)) > 0)
            output.Write(chunk, count);
        return input.Ok ? 0 : 1;
    }
}
