namespace Ocean.Utilities.Cut;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using Ocean.Libc;

/// <summary>
/// cut -c LIST [file...] | cut -f LIST [-d DELIM] [file...]: the characters, or the fields (split at
/// DELIM, a tab by default; a line without it is printed whole, as POSIX's), that LIST names, from
/// each line of the files or standard input. LIST: N, N-M, N-, -M, separated by commas (<see cref="CutList"/>).
/// </summary>
public static class Program
{
    private const int Usage = 1;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        string characters = null, fields = null;
        char delimiter = '\t';
        var paths = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg.Length < 2 || arg[0] != '-')
            {
                paths.Add(arg);
                continue;
            }
            char option = arg[1];
            string value = arg.Length > 2 ? arg.Substring(2) : i + 1 < args.Length ? args[++i] : null;
            if (value == null)
                return Refuse($"cut: option -{option} needs a value");
            switch (option)
            {
                case 'c': characters = value; break;
                case 'f': fields = value; break;
                case 'd':
                    if (value.Length != 1)
                        return Refuse("cut: the delimiter must be a single character");
                    delimiter = value[0];
                    break;
                default: return Refuse($"cut: unknown option -{option}");
            }
        }
        if ((characters == null) == (fields == null))
            return Refuse("cut: give exactly one of -c and -f");
        CutList list = CutList.Parse(characters ?? fields);
        if (list == null)
            return Refuse($"cut: invalid list '{characters ?? fields}'");
        int status = 0;
        if (paths.Count == 0)
        {
            string line;
            while ((line = Console.ReadLine()) != null)
                Console.WriteLine(Cut(line, list, fields != null, delimiter));
            return 0;
        }
        foreach (string path in paths)
        {
            string[] lines;
            try
            {
                lines = System.IO.File.ReadAllLines(path);
            }
            catch (System.IO.IOException e)
            {
                Console.Error.WriteLine($"cut: {e.Message}");
                status = 1;
                continue;
            }
            foreach (string line in lines)
                Console.WriteLine(Cut(line, list, fields != null, delimiter));
        }
        return status;
    }

    private static string Cut(string line, CutList list, bool byField, char delimiter)
    {
        if (!byField)
        {
            var kept = new StringBuilder();
            for (int i = 0; i < line.Length; i++)
                if (list.Contains(i + 1))
                    kept.Append(line[i]);
            return kept.ToString();
        }
        if (line.IndexOf(delimiter) < 0)
            return line;
        string[] parts = line.Split(delimiter);
        var chosen = new List<string>();
        for (int i = 0; i < parts.Length; i++)
            if (list.Contains(i + 1))
                chosen.Add(parts[i]);
        return string.Join(delimiter.ToString(), chosen.ToArray());
    }

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, "usage: cut -c LIST [file...] | cut -f LIST [-d DELIM] [file...]", Usage);
}
