namespace Ocean.Utilities.Grep;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

/// <summary>
/// grep [-i] [-v] [-n] [-c] [-q] PATTERN [file...]: writes the lines of the files (standard input if
/// none is named, or "-") that match PATTERN, a basic regular expression (<see cref="BasicRegex"/>);
/// -i ignores case, -v selects the lines that do not match, -n puts each line's number first, -c
/// writes only how many, -q writes nothing. With several files each line says its file first.
/// Exits 0 when a line was selected, 1 when none was, 2 on an error (a file it cannot read still
/// lets the others be searched), as POSIX's grep.
/// </summary>
public static class Program
{
    private const int Selected = 0, NoneSelected = 1, Trouble = 2;
    private const string UsageText = "usage: grep [-i] [-v] [-n] [-c] [-q] PATTERN [file...]";

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Ocean.Libc.Runtime.Arguments);

    private sealed class Options
    {
        public bool IgnoreCase, Invert, Numbers, Count, Quiet;
    }

    private static int Main(string[] args)
    {
        var options = new Options();
        var operands = new List<string>();
        foreach (string arg in args)
        {
            if (arg.Length < 2 || arg[0] != '-' || operands.Count > 0)
            {
                operands.Add(arg);
                continue;
            }
            foreach (char flag in arg.Substring(1))
            {
                switch (flag)
                {
                    case 'i': options.IgnoreCase = true; break;
                    case 'v': options.Invert = true; break;
                    case 'n': options.Numbers = true; break;
                    case 'c': options.Count = true; break;
                    case 'q': options.Quiet = true; break;
                    default:
                        Console.Error.WriteLine($"grep: unknown option -{flag}");
                        Console.Error.WriteLine(UsageText);
                        return Trouble;
                }
            }
        }
        if (operands.Count == 0)
        {
            Console.Error.WriteLine(UsageText);
            return Trouble;
        }

        BasicRegex pattern;
        try
        {
            pattern = new BasicRegex(operands[0], options.IgnoreCase);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"grep: {e.Message}");
            return Trouble;
        }

        List<string> files = operands.GetRange(1, operands.Count - 1);
        if (files.Count == 0)
            files.Add("-");
        bool any = false, trouble = false;
        foreach (string file in files)
        {
            try
            {
                any |= Search(pattern, file, files.Count > 1 ? file + ":" : "", options);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"grep: {e.Message}");
                trouble = true;
            }
            if (any && options.Quiet)
                break;
        }
        return trouble ? Trouble : any ? Selected : NoneSelected;
    }

    // The lines of one file that are selected, written with the prefix; whether there was one.
    private static bool Search(BasicRegex pattern, string file, string prefix, Options options)
    {
        IEnumerable<string> lines = file == "-" ? StandardInput() : File.ReadAllLines(file);
        int number = 0, count = 0;
        foreach (string line in lines)
        {
            number++;
            if (pattern.IsMatch(line) == options.Invert)
                continue;
            count++;
            if (options.Quiet)
                return true;
            if (!options.Count)
                Console.WriteLine(options.Numbers ? $"{prefix}{number}:{line}" : prefix + line);
        }
        if (options.Count && !options.Quiet)
            Console.WriteLine($"{prefix}{count}");
        return count > 0;
    }

    private static IEnumerable<string> StandardInput()
    {
        string line;
        while ((line = Console.ReadLine()) is not null)
            yield return line;
    }
}
