namespace Ocean.Utilities.Sort;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

/// <summary>
/// sort [-r] [-n] [-u] [file...]: writes the lines of the files (standard input if none is named) in
/// order: by their characters (ordinal), by their leading number with -n, reversed with -r, and with
/// -u only the first of each run of equal lines. Written the way a C# developer writes a program:
/// collections, a comparer, exceptions for what goes wrong, no pointers and no frees.
/// </summary>
public static class Program
{
    private const int Usage = 2, Failure = 2;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Ocean.Libc.Runtime.Arguments);

    private static int Main(string[] args)
    {
        var files = new List<string>();
        bool reverse = false, numeric = false, unique = false;
        foreach (string arg in args)
        {
            if (arg.Length < 2 || arg[0] != '-')
            {
                files.Add(arg);
                continue;
            }
            for (int i = 1; i < arg.Length; i++)
            {
                switch (arg[i])
                {
                    case 'r':
                        reverse = true;
                        break;
                    case 'n':
                        numeric = true;
                        break;
                    case 'u':
                        unique = true;
                        break;
                    default:
                        Console.Error.WriteLine($"sort: unknown option -{arg[i]}");
                        Console.Error.WriteLine("usage: sort [-r] [-n] [-u] [file...]");
                        return Usage;
                }
            }
        }

        List<string> lines;
        try
        {
            lines = ReadLines(files);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"sort: {e.Message}");
            return Failure;
        }

        var order = new LineOrder(numeric, reverse);
        lines.Sort(order);
        string previous = null;
        foreach (string line in lines)
        {
            if (unique && previous is not null && order.Compare(previous, line) == 0)
                continue;
            Console.WriteLine(line);
            previous = line;
        }
        return 0;
    }

    // Standard input when no file is named, or where one is named "-".
    private static List<string> ReadLines(List<string> files)
    {
        if (files.Count == 0)
            return ReadStandardInput();
        var lines = new List<string>();
        foreach (string file in files)
        {
            IEnumerable<string> more = file == "-" ? ReadStandardInput() : File.ReadAllLines(file);
            lines.AddRange(more);
        }
        return lines;
    }

    private static List<string> ReadStandardInput()
    {
        var lines = new List<string>();
        string line;
        while ((line = Console.ReadLine()) is not null)
            lines.Add(line);
        return lines;
    }
}

/// <summary>
/// The order sort writes lines in: ordinal, or (numeric) by the number a line starts with (blanks
/// before it allowed; a line without one counts as 0), equal numbers by their characters.
/// </summary>
public sealed class LineOrder(bool numeric, bool reverse) : IComparer<string>
{
    public int Compare(string x, string y)
    {
        int order = numeric ? CompareNumbers(x, y) : string.CompareOrdinal(x, y);
        return reverse ? -order : order;
    }

    private static int CompareNumbers(string x, string y)
    {
        long a = LeadingNumber(x), b = LeadingNumber(y);
        return a != b ? (a < b ? -1 : 1) : string.CompareOrdinal(x, y);
    }

    private static long LeadingNumber(string line)
    {
        int start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
            start++;
        int end = start < line.Length && line[start] == '-' ? start + 1 : start;
        while (end < line.Length && char.IsDigit(line[end]))
            end++;
        return long.TryParse(line.Substring(start, end - start), out long value) ? value : 0;
    }
}
