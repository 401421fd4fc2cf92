namespace Ocean.Utilities.Ls;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// ls [-a] [-l] [PATH...]: the entries of each directory (or the file itself), sorted by name; names
/// starting with '.' only with -a, as on Unix; -l adds kind and size. Plain C# over libc's directory reading: the entries in a list sorted by a lambda, each
/// line an interpolated string.
/// </summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const int Usage = 2;

    private static bool _long, _all;

    private static int Main(string[] args)
    {
        var paths = new List<string>(args);
        while (paths.Count > 0 && paths[0].Length > 1 && paths[0][0] == '-')
        {
            foreach (char option in paths[0].Substring(1))
            {
                if (option == 'l')
                    _long = true;
                else if (option == 'a')
                    _all = true;
                else
                {
                    Console.Error.WriteLine($"ls: unknown option -{option}");
                    Console.Error.WriteLine("usage: ls [-a] [-l] [PATH...]");
                    return Usage;
                }
            }
            paths.RemoveAt(0);
        }
        if (paths.Count == 0)
            return List(".", title: false);
        int status = 0;
        foreach (string path in paths)
            status |= List(path, title: paths.Count > 1);
        return status;
    }

    private static int List(string path, bool title)
    {
        File file = File.Open(path, VfsOpenFlags.Read);
        if (file.Kind != VfsNodeKind.Directory)
        {
            file.Close();
            if (file.Ok)
                Print(path, file.Kind, file.Size);
            return Commands.Check("ls", path, file.Error);
        }
        var entries = new List<DirectoryEntry>();
        for (DirectoryEntry entry = file.ReadEntry(); entry.Name is not null; entry = file.ReadEntry())
            if (_all || !entry.Name.StartsWith('.'))
                entries.Add(entry);
        file.Close();
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        if (title)
            Console.WriteLine($"{path}:");
        foreach (DirectoryEntry entry in entries)
            Print(entry.Name, entry.Kind, entry.Size);
        return Commands.Check("ls", path, file.Error);
    }

    private static void Print(string name, VfsNodeKind kind, ulong size)
    {
        bool directory = kind == VfsNodeKind.Directory;
        if (_long)
            Console.WriteLine($"{(directory ? 'd' : '-')} {size,10} {name}");
        else
            Console.WriteLine(directory ? name + "/" : name);
    }
}
