namespace Ocean.Utilities.Basename;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>basename NAME [SUFFIX]: NAME without its directories and trailing slashes, and without SUFFIX if it ends with it, as POSIX says.</summary>
public static class Program
{
    private const int Failure = 1;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length < 1 || args.Length > 2)
        {
            Console.Error.WriteLine(args.Length == 0 ? "basename: missing operand" : $"basename: extra operand '{args[2]}'");
            Console.Error.WriteLine("usage: basename NAME [SUFFIX]");
            return Failure;
        }
        Console.WriteLine(PathParts.Base(args[0], args.Length == 2 ? args[1] : null));
        return 0;
    }
}
