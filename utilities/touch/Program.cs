namespace Ocean.Utilities.Touch;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>touch FILE...: creates each file that does not exist yet (an existing one is left as it is).</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => Commands.ForEachPath("touch", "FILE", args, PathAction.Touch);
}
