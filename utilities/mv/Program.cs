namespace Ocean.Utilities.Mv;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// mv SOURCE TARGET: renames; a TARGET directory receives SOURCE under its own name. Across file
/// systems (EXDEV) a file is copied and the original removed.
/// </summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length != 2)
            return Commands.Usage("mv SOURCE TARGET");
        string source = args[0];
        string target = Files.Destination(source, args[1]);
        if (target == null)
            return Commands.Check("mv", args[1], Error.Of(-Errno.ENAMETOOLONG));
        Error error = Files.Rename(source, target);
        if (error.Code == Errno.EXDEV)
        {
            error = Files.Copy(source, target);
            if (error.Ok)
                error = Files.Remove(source);
        }
        return Commands.Check("mv", source, error);
    }
}
