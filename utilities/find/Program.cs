namespace Ocean.Utilities.Find;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// find [PATH...] [-name PATTERN] [-type f|d]: every file and directory under each PATH (".", when
/// none), the PATH itself first, that matches all the tests given: -name a pattern of the last
/// component (libc's <see cref="Wildcards"/>), -type a regular file or a directory. Entries of a
/// directory come sorted by name (GNU's come in the order the file system keeps). Status 1 if some
/// PATH could not be read.
/// </summary>
public static class Program
{
    private const int Failure = 1;
    private const string UsageLine = "usage: find [PATH...] [-name PATTERN] [-type f|d]";

    private static string _name;
    private static char _type;
    private static int _status;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        var paths = new List<string>();
        int i = 0;
        for (; i < args.Length && !args[i].StartsWith('-'); i++)
            paths.Add(args[i]);
        for (; i < args.Length; i++)
        {
            string test = args[i];
            if (i + 1 == args.Length)
                return Refuse($"find: missing argument to '{test}'");
            string value = args[++i];
            if (test == "-name")
                _name = value;
            else if (test == "-type" && (value == "f" || value == "d"))
                _type = value[0];
            else if (test == "-type")
                return Refuse($"find: unknown argument to -type: {value}");
            else
                return Refuse($"find: unknown predicate '{test}'");
        }
        if (paths.Count == 0)
            paths.Add(".");
        foreach (string path in paths)
        {
            File start = File.Open(path, VfsOpenFlags.Read);
            VfsNodeKind kind = start.Kind;
            Error error = start.Error;
            start.Close();
            if (error.Failed)
            {
                _status = Commands.Check("find", path, error);
                continue;
            }
            Visit(path, LastComponent(path), kind);
        }
        return _status;
    }

    // Prints path if it passes the tests, then (a directory) everything under it.
    private static void Visit(string path, string name, VfsNodeKind kind)
    {
        bool directory = kind == VfsNodeKind.Directory;
        if ((_name == null || Wildcards.Matches(_name, name)) && (_type == 0 || (_type == 'd') == directory))
            Console.WriteLine(path);
        if (!directory)
            return;
        File file = File.Open(path, VfsOpenFlags.Read);
        var entries = new List<DirectoryEntry>();
        for (DirectoryEntry entry = file.ReadEntry(); entry.Name is not null; entry = file.ReadEntry())
            entries.Add(entry);
        Error error = file.Error;
        file.Close();
        if (error.Failed)
        {
            _status = Commands.Check("find", path, error);
            return;
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (DirectoryEntry entry in entries)
            Visit(path.EndsWith('/') ? path + entry.Name : path + "/" + entry.Name, entry.Name, entry.Kind);
    }

    private static string LastComponent(string path)
    {
        string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        int slash = trimmed.LastIndexOf('/');
        return slash < 0 || trimmed.Length == 1 ? trimmed : trimmed.Substring(slash + 1);
    }

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, UsageLine, Failure);
}
