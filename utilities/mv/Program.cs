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

    private static int Main(string[] args) => args.Length != 2 ? Commands.Usage("mv SOURCE TARGET") : Commands.Check("mv", args[0], Move(args[0], args[1]));

    private static Error Move(string source, string target)
    {
        target = Files.Destination(source, target);
        Error error = Files.Rename(source, target);
        if (error.Code != Errno.EXDEV)
            return error;
        error = Files.Copy(source, target);
        return error.Ok ? Files.Remove(source) : error;
    }
}
