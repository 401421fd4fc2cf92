namespace Ocean.Servers.Blk;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>Ocean's userspace block device driver.</summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        // The ATA/virtio drivers arrive with the storage issue.
        Stdio.WriteLine("blk: started");
        return 0;
    }
}
