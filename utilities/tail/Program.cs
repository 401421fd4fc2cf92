namespace Ocean.Utilities.Tail;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// tail [-n N] [-f] [file...]: the last N lines (10 if not given) of each file, or of standard input
/// (libc's FirstAndLastLines, shared with head); with -f and one file, then whatever is added to it,
/// as it comes, until the program is stopped (Ctrl-C, kill).
/// </summary>
public static class Program
{
    private const int Usage = 2, Failure = 1, ChunkBytes = 4096;
    private const ulong PollNanoseconds = 250_000_000;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        var rest = new List<string>(args);
        bool follow = rest.Remove("-f");
        var files = new List<string>();
        for (int i = 0; i < rest.Count; i++)
        {
            if (rest[i] == "-n")
                i++;   // its count
            else
                files.Add(rest[i]);
        }
        if (follow && files.Count != 1)
        {
            Console.Error.WriteLine("tail: -f follows exactly one file");
            Console.Error.WriteLine("usage: tail [-n LINES] [-f] [file...]");
            return Usage;
        }
        int status = FirstAndLastLines.Run("tail", rest.ToArray(), last: true);
        return !follow || status != 0 ? status : Follow(files[0]);
    }

    // Reads the file to its end, then whatever comes after, polling: the VFS keeps the open file's
    // offset, so each read past the old end returns what was added since.
    private static int Follow(string path)
    {
        File file = File.Open(path, VfsOpenFlags.Read);
        if (Commands.Check("tail", path, file.Error) != 0)
            return Failure;
        var buffer = new byte[ChunkBytes];
        while (file.Read(buffer) > 0)
        {
        }
        File output = File.StandardOutput;
        while (true)
        {
            int count = file.Read(buffer);
            if (count < 0 || file.Error.Failed)
                return Commands.Check("tail", path, file.Error);
            if (count > 0)
                output.Write(new ReadOnlySpan<byte>(buffer, 0, count));
            else
                Syscall.Sleep(PollNanoseconds);
        }
    }
}
