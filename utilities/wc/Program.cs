namespace Ocean.Utilities.Wc;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

/// <summary>
/// wc [-l] [-w] [-c] [file...]: the lines, words and bytes of each file (standard input if none is
/// named), then their total when there are several; -l, -w and -c choose the counts. A word is a run
/// of characters between blanks. Plain C#: the counts are a record struct, the errors exceptions.
/// </summary>
public static class Program
{
    private const int Failure = 1, Usage = 2;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Ocean.Libc.Runtime.Arguments);

    private static int Main(string[] args)
    {
        var files = new List<string>();
        bool lines = false, words = false, bytes = false;
        foreach (string arg in args)
        {
            switch (arg)
            {
                case "-l":
                    lines = true;
                    break;
                case "-w":
                    words = true;
                    break;
                case "-c":
                    bytes = true;
                    break;
                default:
                    if (arg.Length > 1 && arg[0] == '-')
                    {
                        Console.Error.WriteLine($"wc: unknown option {arg}");
                        Console.Error.WriteLine("usage: wc [-l] [-w] [-c] [file...]");
                        return Usage;
                    }
                    files.Add(arg);
                    break;
            }
        }
        if (!lines && !words && !bytes)
            lines = words = bytes = true;
        var columns = new Columns(lines, words, bytes);

        if (files.Count == 0)
        {
            Console.WriteLine(columns.Format(Count(Input.ReadStandardInput()), null));
            return 0;
        }
        int status = 0;
        var total = new Counts(0, 0, 0);
        foreach (string file in files)
        {
            try
            {
                Counts counts = Count(File.ReadAllBytes(file));
                total = new Counts(total.Lines + counts.Lines, total.Words + counts.Words, total.Bytes + counts.Bytes);
                Console.WriteLine(columns.Format(counts, file));
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"wc: {e.Message}");
                status = Failure;
            }
        }
        if (files.Count > 1)
            Console.WriteLine(columns.Format(total, "total"));
        return status;
    }

    private static Counts Count(byte[] data)
    {
        long lines = 0, words = 0;
        bool inWord = false;
        foreach (byte b in data)
        {
            if (b == '\n')
                lines++;
            bool blank = char.IsWhiteSpace((char)b);
            if (!blank && !inWord)
                words++;
            inWord = !blank;
        }
        return new Counts(lines, words, data.Length);
    }

    private readonly record struct Counts(long Lines, long Words, long Bytes);

    private readonly record struct Columns(bool Lines, bool Words, bool Bytes)
    {
        // Each chosen count right-aligned in 7 columns, then the name, as wc prints them.
        public string Format(Counts counts, string name)
        {
            var parts = new List<string>();
            if (Lines)
                parts.Add($"{counts.Lines,7}");
            if (Words)
                parts.Add($"{counts.Words,7}");
            if (Bytes)
                parts.Add($"{counts.Bytes,7}");
            if (name is not null)
                parts.Add(name);
            return string.Join(" ", parts);
        }
    }
}

/// <summary>Standard input's bytes, all of them (a pipe or the console, until its end).</summary>
internal static class Input
{
    public static byte[] ReadStandardInput()
    {
        var data = new List<byte>();
        var chunk = new byte[4096];
        Ocean.Libc.File input = Ocean.Libc.File.StandardInput;
        int count;
        while ((count = input.Read(chunk, chunk.Length)) > 0)
            for (int i = 0; i < count; i++)
                data.Add(chunk[i]);
        return data.ToArray();
    }
}
