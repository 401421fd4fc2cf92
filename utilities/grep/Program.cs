namespace Ocean.Utilities.Grep;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

/// <summary>
/// grep [-i] [-v] [-n] [-c] [-q] [-r] PATTERN [file...]: writes the lines of the files (standard
/// input if none is named, or "-") that match PATTERN, a basic regular expression (<see cref="BasicRegex"/>);
/// -i ignores case, -v selects the lines that do not match, -n puts each line's number first, -c
/// writes only how many, -q writes nothing, -r searches each directory named and every one below it
/// (its files by name; "." when none is named). With several files, or -r, each line says its file first.
/// Exits 0 when a line was selected, 1 when none was, 2 on an error (a file it cannot read still
/// lets the others be searched), as POSIX's grep.
/// </summary>
public static class Program
{
    private const int Selected = 0, NoneSelected = 1, Trouble = 2;
    private const string UsageText = "usage: grep [-i] [-v] [-n] [-c] [-q] [-r] PATTERN [file...]";

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Ocean.Libc.Runtime.Arguments);

    private sealed class Options
    {
        public bool IgnoreCase, Invert, Numbers, Count, Quiet, Recursive;
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
                    case 'r': options.Recursive = true; break;
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
            files.Add(options.Recursive ? "." : "-");
        bool any = false, trouble = false;
        if (options.Recursive)
            files = Walk(files, ref trouble);
        foreach (string file in files)
        {
            try
            {
                any |= Search(pattern, file, files.Count > 1 || options.Recursive ? file + ":" : "", options);
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

    // -r: each directory operand becomes the files below it (each directory's files, then its
    // subdirectories', by name); other operands stay as they are.
    private static List<string> Walk(List<string> operands, ref bool trouble)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        foreach (string operand in operands)
        {
            if (!Directory.Exists(operand))
            {
                files.Add(operand);
                continue;
            }
            pending.Push(operand);
            while (pending.Count > 0)
            {
                string directory = pending.Pop();
                try
                {
                    files.AddRange(Directory.GetFiles(directory));
                    string[] below = Directory.GetDirectories(directory);
                    for (int i = below.Length - 1; i >= 0; i--)
                        pending.Push(below[i]);
                }
                catch (IOException e)
                {
                    Console.Error.WriteLine($"grep: {e.Message}");
                    trouble = true;
                }
            }
        }
        return files;
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
