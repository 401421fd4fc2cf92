namespace Ocean.Utilities.Sync;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>sync: every mounted file system writes what it caches to its disk.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args) => Commands.Check("sync", null, Error.Of(VfsClient.Sync()));
}
