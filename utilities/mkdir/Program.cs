namespace Ocean.Utilities.Mkdir;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>mkdir DIRECTORY...: makes each directory (its parent must exist).</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => Commands.ForEachPath("mkdir", "DIRECTORY", args, PathAction.MakeDirectory);
}
