namespace Ocean.Utilities.Touch;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>touch FILE...: creates each file that does not exist yet (an existing one is left as it is).</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length == 0)
            return Commands.Usage("touch FILE...");
        int status = 0;
        for (int i = 0; i < args.Length; i++)
            status |= Commands.Check("touch", args[i], Files.Touch(args[i]));
        return status;
    }
}
