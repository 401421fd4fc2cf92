namespace Ocean.Servers.Vfs;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Ocean's virtual file system server, started by init, serving <see cref="VfsProtocol"/> on its
/// endpoint (<see cref="ServiceSlot.Endpoint"/>): one name space of a RAM file system at "/"
/// (<see cref="RamFileSystem"/>: /tmp, /bin, and the boot modules read-only under /boot) and the file
/// systems mounted on its directories (<see cref="MountTable"/>), with per-client open files.
/// </summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry()
    {
        Mount.Bounce = (byte*)Memory.Map(0, VfsProtocol.MaxTransferBytes, Protection.Read | Protection.Write);
        if ((long)Mount.Bounce < 0)
        {
            Stdio.WriteLine("vfs: no memory for transfers");
            return 1;
        }
        Namespace.Initialize();
        Stdio.WriteLine("vfs: started");
        Services.ReportReady();
        new VfsServer().Serve(ServiceSlot.Endpoint);
        Stdio.WriteLine("vfs: no endpoint to serve");
        return 1;
    }
}
