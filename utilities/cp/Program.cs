namespace Ocean.Utilities.Cp;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>cp SOURCE TARGET: copies a file; a TARGET directory receives it under its own name.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => args.Length != 2 ? Commands.Usage("cp SOURCE TARGET")
        : Commands.Check("cp", args[0], Files.Copy(args[0], Files.Destination(args[0], args[1])));
}
