namespace Ocean.Utilities.Rm;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>rm FILE...: removes each file (directories need rmdir).</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length == 0)
            return Commands.Usage("rm FILE...");
        int status = 0;
        for (int i = 0; i < args.Length; i++)
            status |= Commands.Check("rm", args[i], Files.Remove(args[i]));
        return status;
    }
}
