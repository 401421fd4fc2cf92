namespace Ocean.Servers.Vfs;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>Ocean's virtual file system server.</summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        // Path resolution and the mount table arrive with the storage issue.
        Stdio.WriteLine("vfs: started");
        return 0;
    }
}
