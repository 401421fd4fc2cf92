namespace Ocean.Utilities.Echo;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>echo [word...]: prints the words separated by blanks, then a line end.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        Stdio.WriteLine(string.Join(" ", args));
        return 0;
    }
}
