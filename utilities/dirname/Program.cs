namespace Ocean.Utilities.Dirname;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>dirname NAME...: each NAME without its last component, as POSIX says ("." when there is no directory).</summary>
public static class Program
{
    private const int Failure = 1;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("dirname: missing operand");
            Console.Error.WriteLine("usage: dirname NAME...");
            return Failure;
        }
        foreach (string name in args)
            Console.WriteLine(PathParts.Directory(name));
        return 0;
    }
}
