namespace Ocean.Utilities.Rmdir;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>rmdir DIRECTORY...: removes each directory, which must be empty.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => Commands.ForEachPath("rmdir", "DIRECTORY", args, PathAction.RemoveDirectory);
}
