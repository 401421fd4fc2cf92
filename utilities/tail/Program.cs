namespace Ocean.Utilities.Tail;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

/// <summary>
/// tail [-n N] [file...]: the last N lines (10 if not given) of each file, or of standard input if
/// none is named (kept in a queue of N as they pass); with several files, each under a
/// "==> name &lt;==" title. Plain C#.
/// </summary>
public static class Program
{
    private const int DefaultLines = 10, Failure = 1, Usage = 2;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Ocean.Libc.Runtime.Arguments);

    private static int Main(string[] args)
    {
        int count = DefaultLines;
        var files = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "-n")
            {
                if (i + 1 == args.Length || !int.TryParse(args[++i], out count) || count < 0)
                {
                    Console.Error.WriteLine("usage: tail [-n LINES] [file...]");
                    return Usage;
                }
                continue;
            }
            files.Add(args[i]);
        }

        if (files.Count == 0)
        {
            var last = new Queue<string>();
            string line;
            while ((line = Console.ReadLine()) is not null)
            {
                last.Enqueue(line);
                if (last.Count > count)
                    last.Dequeue();
            }
            foreach (string kept in last)
                Console.WriteLine(kept);
            return 0;
        }
        int status = 0;
        for (int i = 0; i < files.Count; i++)
        {
            try
            {
                string[] lines = File.ReadAllLines(files[i]);
                if (files.Count > 1)
                    Console.WriteLine($"{(i > 0 ? "\n" : "")}==> {files[i]} <==");
                for (int shown = Math.Max(0, lines.Length - count); shown < lines.Length; shown++)
                    Console.WriteLine(lines[shown]);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"tail: {e.Message}");
                status = Failure;
            }
        }
        return status;
    }
}
