namespace Ocean.Libc;

using System;
using System.Collections.Generic;
using System.IO;

/// <summary>
/// What head and tail share: "[-n N] [file...]", the first or the last N lines (10 if not given) of
/// each file, or of standard input if none is named; with several files, each under a
/// "==> name &lt;==" title. Standard input is read only as far as head needs (it may never end);
/// tail keeps a queue of N lines as they pass.
/// </summary>
public static class FirstAndLastLines
{
    private const int DefaultLines = 10, Failure = 1, Usage = 2;

    /// <summary>Runs <paramref name="program"/> (head, or tail when <paramref name="last"/>); returns its exit status.</summary>
    public static int Run(string program, string[] args, bool last)
    {
        int count = DefaultLines;
        var files = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "-n")
            {
                if (i + 1 == args.Length || !int.TryParse(args[++i], out count) || count < 0)
                {
                    Console.Error.WriteLine($"usage: {program} [-n LINES] [file...]");
                    return Usage;
                }
                continue;
            }
            files.Add(args[i]);
        }

        if (files.Count == 0)
        {
            foreach (string line in last ? LastOfInput(count) : FirstOfInput(count))
                Console.WriteLine(line);
            return 0;
        }
        int status = 0;
        for (int i = 0; i < files.Count; i++)
        {
            try
            {
                string[] lines = System.IO.File.ReadAllLines(files[i]);
                if (files.Count > 1)
                    Console.WriteLine($"{(i > 0 ? "\n" : "")}==> {files[i]} <==");
                int first = last ? Math.Max(0, lines.Length - count) : 0;
                for (int shown = first; shown < lines.Length && shown - first < count; shown++)
                    Console.WriteLine(lines[shown]);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"{program}: {e.Message}");
                status = Failure;
            }
        }
        return status;
    }

    private static IEnumerable<string> FirstOfInput(int count)
    {
        var first = new List<string>();
        string line;
        while (first.Count < count && (line = Console.ReadLine()) is not null)
            first.Add(line);
        return first;
    }

    private static IEnumerable<string> LastOfInput(int count)
    {
        var last = new Queue<string>();
        string line;
        while ((line = Console.ReadLine()) is not null)
        {
            last.Enqueue(line);
            if (last.Count > count)
                last.Dequeue();
        }
        return last;
    }
}
