namespace Ocean.Utilities.Sync;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>sync: every mounted file system writes what it caches to its disk.</summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        long result = VfsClient.Sync();
        if (result < 0)
        {
            Errors.Report("sync", null, result);
            return 1;
        }
        return 0;
    }
}
