namespace Ocean.Utilities.Uniq;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// uniq [-c] [-d | -u] [FILE]: each run of equal adjacent lines once; -c with its count (as GNU's,
/// seven columns), -d only the runs of more than one line, -u only the single ones.
/// </summary>
public static class Program
{
    private const int Failure = 1;
    private const string UsageLine = "usage: uniq [-c] [-d | -u] [FILE]";

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static bool _count, _repeated, _unique;

    private static int Main(string[] args)
    {
        string path = null;
        foreach (string arg in args)
        {
            if (arg.Length > 1 && arg[0] == '-')
            {
                foreach (char option in arg.Substring(1))
                {
                    if (option == 'c')
                        _count = true;
                    else if (option == 'd')
                        _repeated = true;
                    else if (option == 'u')
                        _unique = true;
                    else
                        return Refuse($"uniq: unknown option -{option}");
                }
            }
            else if (path == null)
                path = arg;
            else
                return Refuse($"uniq: extra operand '{arg}'");
        }
        string[] lines;
        if (path == null)
        {
            var read = new System.Collections.Generic.List<string>();
            string line;
            while ((line = Console.ReadLine()) != null)
                read.Add(line);
            lines = read.ToArray();
        }
        else
        {
            try
            {
                lines = System.IO.File.ReadAllLines(path);
            }
            catch (System.IO.IOException e)
            {
                Console.Error.WriteLine($"uniq: {e.Message}");
                return Failure;
            }
        }
        for (int i = 0; i < lines.Length;)
        {
            int run = 1;
            while (i + run < lines.Length && lines[i + run] == lines[i])
                run++;
            if ((!_repeated || run > 1) && (!_unique || run == 1))
                Console.WriteLine(_count ? $"{run.ToString().PadLeft(7)} {lines[i]}" : lines[i]);
            i += run;
        }
        return 0;
    }

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, UsageLine, Failure);
}
