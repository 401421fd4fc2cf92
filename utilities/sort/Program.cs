namespace Ocean.Utilities.Sort;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

/// <summary>
/// sort [-r] [-n] [-u] [-t CHAR] [-k N[,M]] [file...]: writes the lines of the files (standard input
/// if none is named) in order: by their characters (ordinal), by their leading number with -n,
/// reversed with -r, by the key from field N to field M (the line's end without M) with -k, fields
/// split at CHAR with -t (else at blanks, each field with the blanks before it, as POSIX's), and with
/// -u only the first line of each run of equal keys. Lines with equal keys keep the whole line's order. Written the way a C# developer writes a program:
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
        int keyStart = 0, keyEnd = 0;
        char separator = '\0';
        for (int a = 0; a < args.Length; a++)
        {
            string arg = args[a];
            if (arg.Length < 2 || arg[0] != '-')
            {
                files.Add(arg);
                continue;
            }
            for (int i = 1; i < arg.Length; i++)
            {
                if (arg[i] is 'k' or 't')
                {
                    char option = arg[i];
                    string value = i + 1 < arg.Length ? arg.Substring(i + 1) : a + 1 < args.Length ? args[++a] : null;
                    if (option == 't' && (value == null || value.Length != 1))
                        return Refuse("sort: -t takes one character");
                    if (option == 'k' && (value == null || !LineOrder.TryParseKey(value, out keyStart, out keyEnd)))
                        return Refuse($"sort: invalid key '{value}'");
                    if (option == 't')
                        separator = value[0];
                    break;
                }
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
                        return Refuse($"sort: unknown option -{arg[i]}");
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

        var order = new LineOrder(numeric, reverse, keyStart, keyEnd, separator);
        if (!unique)
        {
            lines.Sort(order);
            foreach (string line in lines)
                Console.WriteLine(line);
            return 0;
        }
        // -u: by the keys alone, equal ones in the order they came (as GNU's, which drops the
        // whole-line comparison then), and only the first of each run.
        var indices = new List<int>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
            indices.Add(i);
        indices.Sort((a, b) => order.CompareKeys(lines[a], lines[b]) is int keys && keys != 0 ? keys : a.CompareTo(b));
        string previous = null;
        foreach (int index in indices)
        {
            if (previous is not null && order.CompareKeys(previous, lines[index]) == 0)
                continue;
            Console.WriteLine(lines[index]);
            previous = lines[index];
        }
        return 0;
    }

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, "usage: sort [-r] [-n] [-u] [-t CHAR] [-k N[,M]] [file...]", Usage);

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
/// The order sort writes lines in: by their keys (the whole line, or fields <c>keyStart</c> to
/// <c>keyEnd</c>, 0 for the line's end), ordinal or (numeric) by the number a key starts with (blanks
/// before it allowed; none counts as 0); equal keys by the whole lines' characters, as GNU's last resort.
/// </summary>
public sealed class LineOrder(bool numeric, bool reverse, int keyStart = 0, int keyEnd = 0, char separator = '\0') : IComparer<string>
{
    public int Compare(string x, string y)
    {
        int order = KeyOrder(x, y);
        if (order == 0)
            order = string.CompareOrdinal(x, y);
        return reverse ? -order : order;
    }

    /// <summary>The keys' order alone, reversed with -r (what -u sorts and compares by).</summary>
    public int CompareKeys(string x, string y) => reverse ? -KeyOrder(x, y) : KeyOrder(x, y);

    /// <summary>N or N,M (fields from 1); false for anything else.</summary>
    public static bool TryParseKey(string text, out int start, out int end)
    {
        int comma = text.IndexOf(',');
        end = 0;
        return int.TryParse(comma < 0 ? text : text.Substring(0, comma), out start) && start >= 1 &&
               (comma < 0 || (int.TryParse(text.Substring(comma + 1), out end) && end >= start));
    }

    private int KeyOrder(string x, string y)
    {
        string a = Key(x), b = Key(y);
        if (!numeric)
            return string.CompareOrdinal(a, b);
        long m = LeadingNumber(a), n = LeadingNumber(b);
        return m == n ? 0 : m < n ? -1 : 1;
    }

    // Fields keyStart..keyEnd of the line: split at the separator, or (none) each a run of blanks and
    // the non-blanks after it.
    private string Key(string line)
    {
        if (keyStart == 0)
            return line;
        int start = FieldStart(line, keyStart);
        int end = keyEnd == 0 ? line.Length : FieldEnd(line, keyEnd);
        return start >= end ? "" : line.Substring(start, end - start);
    }

    private int FieldStart(string line, int field)
    {
        int position = 0;
        for (int f = 1; f < field && position < line.Length; f++)
            position = FieldEnd(line, position, separated: true);
        return position;
    }

    private int FieldEnd(string line, int field)
    {
        int position = FieldStart(line, field);
        return position >= line.Length ? line.Length : FieldEnd(line, position, separated: false);
    }

    // From a field's start: its end (separated: past the separator, where the next field starts).
    private int FieldEnd(string line, int position, bool separated)
    {
        if (separator != '\0')
        {
            int next = line.IndexOf(separator, position);
            return next < 0 ? line.Length : separated ? next + 1 : next;
        }
        while (position < line.Length && (line[position] == ' ' || line[position] == '\t'))
            position++;
        while (position < line.Length && line[position] != ' ' && line[position] != '\t')
            position++;
        return position;
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
