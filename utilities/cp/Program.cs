namespace Ocean.Utilities.Cp;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>cp SOURCE TARGET: copies a file; a TARGET directory receives it under its own name.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length != 2)
            return Commands.Usage("cp SOURCE TARGET");
        string source = args[0];
        string target = Files.Destination(source, args[1]);
        if (target == null)
            return Commands.Check("cp", args[1], Error.Of(-Errno.ENAMETOOLONG));
        return Commands.Check("cp", source, Files.Copy(source, target));
    }
}
