namespace Ocean.Utilities.Tee;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>tee [-a] [FILE...]: standard input to standard output and to each FILE (replaced, or added to with -a).</summary>
public static class Program
{
    private const int Failure = 1, ChunkBytes = 4096;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        bool append = false;
        int first = 0;
        for (; first < args.Length && args[first].Length > 1 && args[first][0] == '-'; first++)
        {
            if (args[first] != "-a")
            {
                Console.Error.WriteLine($"tee: unknown option {args[first]}");
                Console.Error.WriteLine("usage: tee [-a] [FILE...]");
                return Failure;
            }
            append = true;
        }
        int status = 0;
        var files = new List<File>();
        var names = new List<string>();
        ulong flags = VfsOpenFlags.Write | VfsOpenFlags.Create | (append ? VfsOpenFlags.Append : VfsOpenFlags.Truncate);
        for (int i = first; i < args.Length; i++)
        {
            File file = File.Open(args[i], flags);
            if (file.Ok && file.Kind == VfsNodeKind.Directory)
            {
                file.Close();
                status = Commands.Check("tee", args[i], Error.Of(-Ocean.Abi.Errno.EISDIR));
                continue;
            }
            if (Commands.Check("tee", args[i], file.Error) != 0)
            {
                status = Failure;
                continue;
            }
            files.Add(file);
            names.Add(args[i]);
        }
        var buffer = new byte[ChunkBytes];
        File input = File.StandardInput, output = File.StandardOutput;
        int count;
        while ((count = input.Read(buffer)) > 0)
        {
            var chunk = new ReadOnlySpan<byte>(buffer, 0, count);
            output.Write(chunk);
            for (int i = 0; i < files.Count; i++)
            {
                File file = files[i];
                if (file.Write(chunk) != count)
                    status = Commands.Check("tee", names[i], file.Error.Failed ? file.Error : Error.Of(-Ocean.Abi.Errno.EIO));
            }
        }
        foreach (File file in files)
            file.Close();
        return status;
    }
}
