namespace Ocean.Utilities.Printenv;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>printenv [NAME...]: the environment as NAME=value lines, or the values of the names given (status 1 if one is not set).</summary>
public static class Program
{
    private const int NotSet = 1;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            foreach (string entry in EnvironmentBlock.Variables)
                Console.WriteLine(entry);
            return 0;
        }
        int status = 0;
        foreach (string name in args)
        {
            string value = EnvironmentBlock.GetVariable(name);
            if (value == null)
                status = NotSet;
            else
                Console.WriteLine(value);
        }
        return status;
    }
}
