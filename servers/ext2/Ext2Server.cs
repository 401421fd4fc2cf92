namespace Ocean.Servers.Ext2;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// <see cref="FsProtocol"/>'s requests on one mounted volume, from the VFS only (the badge of the
/// capability given at mount). After Unmount it answers EIO.
/// </summary>
internal sealed unsafe class Ext2Server : Server
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private Ext2Volume _volume;
    private readonly uint _timeBase;
    private readonly long _startTime;

    public Ext2Server(Ext2Volume volume)
    {
        _volume = volume;
        _timeBase = volume != null ? volume.Now : 0;
        _startTime = Clock.Now();
    }

    /// <summary>The volume served, or null once unmounted.</summary>
    public Ext2Volume Volume => _volume;

    protected override long Handle(IpcMessage* message)
    {
        // No wall clock: time stamps continue from the file system's last write time.
        if (_volume != null)
            _volume.Now = _timeBase + (uint)((Clock.Now() - _startTime) / NanosecondsPerSecond);
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
    private long Rename(IpcMessage* message, byte* grant, ulong length, uint oldDirectory, uint newDirectory)
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
