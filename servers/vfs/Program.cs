namespace Ocean.Servers.Vfs;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Ocean's virtual file system server, started by init, serving <see cref="VfsProtocol"/> on its
/// endpoint (<see cref="ServiceSlot.Endpoint"/>). So far it knows the directories of Ocean's name
/// space (/, /bin, /boot, /tmp) and answers stat on them; files, the RAM file system and mounts
/// arrive with the storage work.
/// </summary>
public static unsafe class Program
{
    private static readonly string[] Directories = { "/", "/bin", "/boot", "/tmp" };

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        Stdio.WriteLine("vfs: started");
        while (true)
        {
            IpcMessage message = default;
            if (Ipc.Receive(ServiceSlot.Endpoint, &message) < 0)
            {
                Stdio.WriteLine("vfs: no endpoint to serve");
                return 1;
            }
            IpcMessage reply = default;
            long error = MessageTag.Label(message.Tag) switch
            {
                (uint)VfsRequest.Stat => Stat(&message, &reply),
                _ => Errno.ENOSYS,
            };
            if (error != 0)
                reply.Tag = MessageTag.Make((uint)error, 0);
            Ipc.Reply(&reply);
        }
    }

    private static long Stat(IpcMessage* request, IpcMessage* reply)
    {
        if ((request->Tag & MessageTag.GrantRead) == 0)
            return Errno.EINVAL;
        byte* path = (byte*)request->Words[MessageTag.GrantAddressWord];
        int length = (int)request->Words[MessageTag.GrantLengthWord];
        for (int i = 0; i < Directories.Length; i++)
            if (Matches(path, length, Directories[i]))
            {
                reply->Tag = MessageTag.Make(0, 2 * sizeof(ulong));
                reply->Words[VfsProtocol.KindWord] = (ulong)VfsNodeKind.Directory;
                reply->Words[VfsProtocol.SizeWord] = 0;
                return 0;
            }
        return Errno.ENOENT;
    }

    private static bool Matches(byte* path, int length, string name)
    {
        if (length != name.Length)
            return false;
        for (int i = 0; i < length; i++)
            if (path[i] != name[i])
                return false;
        return true;
    }
}
