namespace Ocean.Utilities.Tr;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// tr SET1 SET2 | tr -d SET1: standard input to standard output with each byte of SET1 replaced by the
/// one at its place in SET2 (whose last byte stands for the rest, as GNU's), or deleted. Sets take
/// ranges (a-z) and the escapes \n, \t, \\ (<see cref="ByteSets"/>).
/// </summary>
public static class Program
{
    private const int Failure = 1, ChunkBytes = 4096;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        bool delete = args.Length > 0 && args[0] == "-d";
        int operands = args.Length - (delete ? 1 : 0);
        if (operands != (delete ? 1 : 2) || (!delete && args.Length > 0 && args[0].StartsWith('-') && args[0].Length > 1))
            return Refuse(operands == 0 ? "tr: missing operand" : "tr: wrong operands");
        byte[] from = ByteSets.Expand(args[delete ? 1 : 0]);
        byte[] to = delete ? null : ByteSets.Expand(args[1]);
        if (from == null || (!delete && to == null))
            return Refuse("tr: a range goes backwards");
        if (!delete && to.Length == 0 && from.Length > 0)
            return Refuse("tr: when not deleting, SET2 must not be empty");
        var map = new int[256];
        for (int b = 0; b < 256; b++)
            map[b] = b;
        for (int i = 0; i < from.Length; i++)
            map[from[i]] = delete ? -1 : to[i < to.Length ? i : to.Length - 1];
        var buffer = new byte[ChunkBytes];
        File input = File.StandardInput, output = File.StandardOutput;
        int count;
        while ((count = input.Read(buffer)) > 0)
        {
            int kept = 0;
            for (int i = 0; i < count; i++)
                if (map[buffer[i]] >= 0)
                    buffer[kept++] = (byte)map[buffer[i]];
            output.Write(new ReadOnlySpan<byte>(buffer, 0, kept));
        }
        return 0;
    }

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, "usage: tr SET1 SET2 | tr -d SET1", Failure);
}
