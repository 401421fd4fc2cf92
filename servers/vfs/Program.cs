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
        Requests.Bounce = (byte*)Syscall.Mmap(0, VfsProtocol.MaxTransferBytes, Protection.Read | Protection.Write);
        if ((long)Requests.Bounce < 0)
        {
            Stdio.WriteLine("vfs: no memory for transfers");
            return 1;
        }
        RamFileSystem.Initialize();
        Stdio.WriteLine("vfs: started");
        Services.ReportReady();
        while (true)
        {
            IpcMessage request = default;
            request.Tag = MessageTag.AcceptCapabilitiesAt(0, MountTable.LandingSlot);
            if (Ipc.Receive(ServiceSlot.Endpoint, &request) < 0)
            {
                Stdio.WriteLine("vfs: no endpoint to serve");
                return 1;
            }
            IpcMessage reply = default;
            long result = Requests.Handle(&request, &reply);
            reply.Tag = result < 0 ? MessageTag.Make((uint)-result, 0) : MessageTag.Make(0, IpcLayout.MaxPayloadBytes);
            Ipc.Reply(&reply);
            Ipc.Delete(MountTable.LandingSlot);   // a capability nobody took (a Mount moved its own)
        }
    }
}
