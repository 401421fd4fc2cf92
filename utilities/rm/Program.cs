namespace Ocean.Utilities.Rm;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>rm FILE...: removes each file (directories need rmdir).</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => Commands.ForEachPath("rm", "FILE", args, PathAction.Remove);
}
