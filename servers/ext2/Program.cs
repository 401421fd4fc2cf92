namespace Ocean.Servers.Ext2;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The ext2 file system server: <c>ext2 DEVICE MOUNTPOINT</c> (init's service list: <c>arg=1 arg=/mnt</c>).
/// It mounts the block server's device DEVICE, attaches itself to the VFS at MOUNTPOINT, then serves
/// <see cref="FsProtocol"/> on its endpoint. Reply labels are 0 or a positive errno.
/// </summary>
public static unsafe class Program
{
    private const int UsageStatus = 2, FailureStatus = 1;
    /// <summary>Services start in any order: wait this long, this often, for the block server and the VFS.</summary>
    private const int StartAttempts = 50;
    private const ulong StartRetryNanoseconds = 100_000_000;
    private const int MessageBytes = 256;

    private static Ext2Volume _volume;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount != 3 || !Numbers.TryParse(Runtime.Argument(1), out long device) || device < 0)
        {
            Stdio.WriteLine("usage: ext2 DEVICE MOUNTPOINT (DEVICE: the block server's device number)");
            return UsageStatus;
        }
        byte* mountPoint = Runtime.Argument(2);
        // Without a volume (no such device, or one it refuses) it says so once and stays up, answering
        // EIO, rather than exiting and being restarted over and over by init.
        if (Start((int)device, mountPoint) != 0)
            Services.ReportReady();
        var server = new Ext2Server(_volume);
        server.Serve(ServiceSlot.Endpoint);
        Stdio.WriteLine("ext2: no endpoint to serve");
        if (server.Volume != null)
            server.Volume.Unmount();
        return FailureStatus;
    }

    private static int Start(int device, byte* mountPoint)
    {
        long error = 0;
        BlkDeviceInfo info = default;
        for (int attempt = 0; attempt < StartAttempts; attempt++)
        {
            error = BlkClient.Info(device, out info);
            if (error != -Errno.EAGAIN)
                break;
            Syscall.Sleep(StartRetryNanoseconds);
        }
        if (error < 0)
            return Refuse(device, "no such block device", error);

        _volume = Ext2Volume.Mount(new BlkBlockDevice(device, info.SectorCount), false, out error, out string reason);
        if (_volume == null)
            return Refuse(device, reason, error);

        // What mount and df show: "ext2 disk0p1".
        byte* name = stackalloc byte[VfsProtocol.MountNameWords * 8];
        int nameLength = 0;
        const string Kind = "ext2 ";
        for (; nameLength < Kind.Length; nameLength++)
            name[nameLength] = (byte)Kind[nameLength];
        for (int i = 0; i < BlkProtocol.NameWords * 8 && info.Name[i] != 0 && nameLength < VfsProtocol.MountNameWords * 8; i++)
            name[nameLength++] = info.Name[i];
        for (int attempt = 0; attempt < StartAttempts; attempt++)
        {
            // The capability moves with the request, so every attempt mints a fresh one.
            long capability = Ipc.Mint(ServiceSlot.Endpoint, CapabilityRights.Send | CapabilityRights.Grant, FsProtocol.VfsBadge);
            if (capability < 0)
            {
                error = capability;
                break;
            }
            error = VfsClient.Mount(mountPoint, CString.Length(mountPoint), capability, _volume.IsReadOnly, name, nameLength, Ext2Volume.Root);
            Ipc.Delete(capability);   // the VFS holds its own copy now
            if (error != -Errno.EAGAIN && error != -Errno.ENOTCONN)
                break;
            Syscall.Sleep(StartRetryNanoseconds);
        }
        if (error < 0)
        {
            _volume.Unmount();
            byte* text = stackalloc byte[MessageBytes];
            var line = new TextBuilder(text, MessageBytes);
            line.Append("ext2: the VFS refused to mount device ").Append(device).Append(" on ").Append(mountPoint)
                .Append(" (errno ").Append(-error).Append(')');
            Stdio.Write(line.AppendLine());
            return FailureStatus;
        }
        Announce(info, mountPoint);
        Services.ReportReady();
        return 0;
    }

    private static int Refuse(int device, string reason, long error)
    {
        byte* text = stackalloc byte[MessageBytes];
        var line = new TextBuilder(text, MessageBytes);
        line.Append("ext2: cannot mount device ").Append(device).Append(": ").Append(reason).Append(" (errno ").Append(-error).Append(')');
        Stdio.Write(line.AppendLine());
        return FailureStatus;
    }

    private static void Announce(in BlkDeviceInfo info, byte* mountPoint)
    {
        byte* text = stackalloc byte[MessageBytes];
        var line = new TextBuilder(text, MessageBytes);
        fixed (byte* name = info.Name)
            line.Append("ext2: ").Append(name);
        line.Append(" mounted on ").Append(mountPoint).Append(" (ext2 rev ").Append(_volume.Revision).Append(", ")
            .Append(_volume.BlockSize).Append("-byte blocks, ").AppendUnsigned(_volume.FreeBlocks).Append(" free of ")
            .AppendUnsigned(_volume.TotalBlocks);
        line.Append(_volume.IsReadOnly ? ", read-only)" : ")");
        if (!_volume.WasClean)
            line.Append("; not cleanly unmounted, check it with e2fsck");
        Stdio.Write(line.AppendLine());
    }
}
