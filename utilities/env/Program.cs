namespace Ocean.Utilities.Env;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// env [-i] [NAME=VALUE...] [COMMAND [ARG...]]: runs COMMAND with the environment changed (-i: only
/// the NAME=VALUE given), or prints that environment as NAME=value lines without one. A command it
/// cannot find is status 127, one it cannot run 126, as POSIX's env.
/// </summary>
public static class Program
{
    private const int NotFound = 127, CannotRun = 126;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        int i = 0;
        var environment = new List<string>();
        if (i < args.Length && args[i] == "-i")
            i++;
        else
            environment.AddRange(EnvironmentBlock.Variables);
        for (; i < args.Length && args[i].IndexOf('=') > 0; i++)
        {
            string name = args[i].Substring(0, args[i].IndexOf('=') + 1);
            environment.RemoveAll(entry => entry.StartsWith(name));
            environment.Add(args[i]);
        }
        if (i == args.Length)
        {
            foreach (string entry in environment)
                Console.WriteLine(entry);
            return 0;
        }
        var arguments = new List<string>();
        for (int a = i + 1; a < args.Length; a++)
            arguments.Add(args[a]);
        Error error = Runtime.Exec(args[i], arguments, environment);
        Console.Error.WriteLine(error.Code == Errno.ENOENT ? $"env: {args[i]}: no such file or directory" : $"env: {args[i]}: {error.Message}");
        return error.Code == Errno.ENOENT ? NotFound : CannotRun;
    }
}
