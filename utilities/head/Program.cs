namespace Ocean.Utilities.Head;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>head [-n N] [file...]: the first N lines (10 if not given) of each file, or of standard input (libc's FirstAndLastLines, shared with tail).</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => FirstAndLastLines.Run("head", args, last: false);
}
