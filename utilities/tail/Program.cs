namespace Ocean.Utilities.Tail;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>tail [-n N] [file...]: the last N lines (10 if not given) of each file, or of standard input (libc's FirstAndLastLines, shared with head).</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => FirstAndLastLines.Run("tail", args, last: true);
}
