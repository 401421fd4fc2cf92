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
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const int MessageBytes = 256;

    private static Ext2Volume _volume;
    private static uint _timeBase;
    private static long _startTime;

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
        int status = Serve();
        if (_volume != null)
            _volume.Unmount();
        return status;
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

        _volume = Ext2Volume.Mount(BlkBlockDevice.For(device, info.SectorCount), false, out error, out string reason);
        if (_volume == null)
            return Refuse(device, reason, error);
        _timeBase = _volume.Now;
        _startTime = Clock.Now();

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

    private static int Serve()
    {
        IpcMessage message = default;
        for (long result = Ipc.Receive(ServiceSlot.Endpoint, &message); result == 0; result = Ipc.ReplyReceive(ServiceSlot.Endpoint, &message))
        {
            // No wall clock: time stamps continue from the file system's last write time.
            _volume.Now = _timeBase + (uint)((Clock.Now() - _startTime) / NanosecondsPerSecond);
            long error = Handle(&message);
            if (error < 0)
                message.Tag = MessageTag.Make((uint)-error, 0);
        }
        Stdio.WriteLine("ext2: no endpoint to serve");
        return FailureStatus;
    }

    // Answers one request in place: the reply's words overwrite the request's. Returns 0 or a negative errno.
    private static long Handle(IpcMessage* message)
    {
        ulong tag = message->Tag;
        ulong* words = message->Words;
        if (message->Badge != FsProtocol.VfsBadge)
            return -Errno.EPERM;   // only the VFS, through the capability given at mount
        if (_volume == null)
            return -Errno.EIO;   // nothing mounted (any more)
        if (MessageTag.HasGrant(tag) && MessageTag.Error(tag) != 0)
            return -Errno.EFAULT;
        byte* grant = (tag & (MessageTag.GrantRead | MessageTag.GrantWrite)) != 0 ? (byte*)words[MessageTag.GrantAddressWord] : null;
        ulong grantLength = grant != null ? words[MessageTag.GrantLengthWord] : 0;
        bool writable = (tag & MessageTag.GrantWrite) != 0;
        uint node = (uint)words[0];
        ulong argument = words[1];
        long result;
        switch ((FsRequest)MessageTag.Label(tag))
        {
            case FsRequest.Root:
                words[FsProtocol.NodeWord] = Ext2Volume.Root;
                return Reply(message, 1);
            case FsRequest.Lookup:
                if (grant == null || grantLength > FsProtocol.MaxNameBytes)
                    return -Errno.EINVAL;
                result = _volume.Lookup(node, grant, (int)grantLength, out uint found);
                if (result < 0)
                    return result;
                result = _volume.GetAttributes(found, out NodeAttributes attributes);
                if (result < 0)
                    return result;
                words[FsProtocol.NodeWord] = found;
                words[FsProtocol.KindWord] = (ulong)attributes.Kind;
                words[FsProtocol.SizeWord] = attributes.Size;
                return Reply(message, 3);
            case FsRequest.GetAttributes:
                result = _volume.GetAttributes(node, out attributes);
                if (result < 0)
                    return result;
                words[FsProtocol.AttributesKindWord] = (ulong)attributes.Kind;
                words[FsProtocol.AttributesSizeWord] = attributes.Size;
                words[FsProtocol.AttributesLinksWord] = attributes.Links;
                words[FsProtocol.AttributesModifiedWord] = attributes.Modified;
                return Reply(message, 4);
            case FsRequest.Read:
                if (grant == null || !writable)
                    return -Errno.EINVAL;
                result = _volume.Read(node, argument, grant, grantLength);
                return result < 0 ? result : Reply(message, 1, (ulong)result);
            case FsRequest.Write:
                if (grant == null)
                    return -Errno.EINVAL;
                result = _volume.Write(node, argument, grant, grantLength);
                return result < 0 ? result : Reply(message, 1, (ulong)result);
            case FsRequest.ReadDirectory:
                if (grant == null || !writable)
                    return -Errno.EINVAL;
                result = _volume.ReadDirectory(node, argument, grant, (int)(grantLength < FsProtocol.MaxNameBytes ? grantLength : FsProtocol.MaxNameBytes), out DirectoryListing listing);
                if (result < 0)
                    return result;
                words[FsProtocol.NodeWord] = result == 0 ? 0 : listing.Node;
                words[FsProtocol.KindWord] = (ulong)listing.Attributes.Kind;
                words[FsProtocol.SizeWord] = listing.Attributes.Size;
                words[FsProtocol.NameLengthWord] = (ulong)listing.NameLength;
                words[FsProtocol.CursorWord] = result == 0 ? argument : listing.NextCursor;
                return Reply(message, 5);
            case FsRequest.Create:
                if (grant == null || grantLength > FsProtocol.MaxNameBytes)
                    return -Errno.EINVAL;
                result = _volume.Create(node, grant, (int)grantLength, (VfsNodeKind)argument, out uint created);
                return result < 0 ? result : Reply(message, 1, created);
            case FsRequest.Unlink:
                if (grant == null || grantLength > FsProtocol.MaxNameBytes)
                    return -Errno.EINVAL;
                result = _volume.Unlink(node, grant, (int)grantLength);
                return result < 0 ? result : Reply(message, 0);
            case FsRequest.RemoveDirectory:
                if (grant == null || grantLength > FsProtocol.MaxNameBytes)
                    return -Errno.EINVAL;
                result = _volume.RemoveDirectory(node, grant, (int)grantLength);
                return result < 0 ? result : Reply(message, 0);
            case FsRequest.Rename:
                return Rename(message, grant, grantLength, node, (uint)argument);
            case FsRequest.Truncate:
                result = _volume.Truncate(node, argument);
                return result < 0 ? result : Reply(message, 0);
            case FsRequest.Sync:
                result = _volume.Sync();
                return result < 0 ? result : Reply(message, 0);
            case FsRequest.Unmount:
                result = _volume.Unmount();
                _volume = null;
                Stdio.WriteLine("ext2: unmounted");
                return result < 0 ? result : Reply(message, 0);
            case FsRequest.StatFs:
                words[FsProtocol.BlockSizeWord] = (ulong)_volume.BlockSize;
                words[FsProtocol.TotalBlocksWord] = _volume.TotalBlocks;
                words[FsProtocol.FreeBlocksWord] = _volume.FreeBlocks;
                words[FsProtocol.TotalNodesWord] = _volume.TotalNodes;
                words[FsProtocol.FreeNodesWord] = _volume.FreeNodes;
                return Reply(message, 5);
            default:
                return -Errno.ENOSYS;
        }
    }

    // "old name\0new name\0" in the grant.
    private static long Rename(IpcMessage* message, byte* grant, ulong length, uint oldDirectory, uint newDirectory)
    {
        if (grant == null || length > 2 * (FsProtocol.MaxNameBytes + 1))
            return -Errno.EINVAL;
        int oldLength = 0;
        while ((ulong)oldLength < length && grant[oldLength] != 0)
            oldLength++;
        if ((ulong)oldLength == length)
            return -Errno.EINVAL;
        byte* newName = grant + oldLength + 1;
        int newLength = 0;
        while ((ulong)(oldLength + 1 + newLength) < length && newName[newLength] != 0)
            newLength++;
        long result = _volume.Rename(oldDirectory, grant, oldLength, newDirectory, newName, newLength);
        return result < 0 ? result : Reply(message, 0);
    }

    private static long Reply(IpcMessage* message, int words, ulong word0)
    {
        message->Words[0] = word0;
        return Reply(message, words);
    }

    private static long Reply(IpcMessage* message, int words)
    {
        message->Tag = MessageTag.Make(0, words * sizeof(ulong));
        return 0;
    }
}
