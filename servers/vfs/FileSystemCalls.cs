namespace Ocean.Servers.Vfs;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// The VFS's side of <see cref="FsProtocol"/>: one call per request to a mounted file system server.
/// Names and data are lent from the VFS's own memory (callers copy out of a client's grant window
/// first: lent pages are not lent on). Results: 0 or a count, or a negative errno.
/// </summary>
public static unsafe class FileSystemCalls
{
    /// <summary>
    /// Whether the server still runs: a non-blocking call either finds it waiting (it answers Root) or
    /// busy (EAGAIN: alive); a dead server's endpoint has no receiver left (EPIPE). Never blocks, so it
    /// is safe while that very server waits for the VFS.
    /// </summary>
    public static bool IsAlive(Mount mount)
    {
        IpcMessage message = Request(FsRequest.Root, 0, 0);
        message.Tag |= MessageTag.NonBlocking;
        long result = Ipc.Call(mount.Slot, &message);
        return result != -Errno.EPIPE && result != -Errno.EBADSLOT;
    }

    public static long Lookup(Mount mount, ulong directory, byte* name, int length, out ulong node, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(FsRequest.Lookup, directory, 0);
        long result = CallWithGrant(mount, &message, name, (ulong)length, MessageTag.GrantRead);
        node = result == 0 ? message.Words[FsProtocol.NodeWord] : 0;
        kind = result == 0 ? (VfsNodeKind)message.Words[FsProtocol.KindWord] : 0;
        size = result == 0 ? message.Words[FsProtocol.SizeWord] : 0;
        return result;
    }

    public static long GetAttributes(Mount mount, ulong node, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(FsRequest.GetAttributes, node, 0);
        long result = Call(mount, &message);
        kind = result == 0 ? (VfsNodeKind)message.Words[FsProtocol.AttributesKindWord] : 0;
        size = result == 0 ? message.Words[FsProtocol.AttributesSizeWord] : 0;
        return result;
    }

    public static long Read(Mount mount, ulong node, ulong offset, byte* buffer, ulong length)
    {
        IpcMessage message = Request(FsRequest.Read, node, offset);
        long result = CallWithGrant(mount, &message, buffer, length, MessageTag.GrantWrite);
        return result < 0 ? result : (long)message.Words[0];
    }

    public static long Write(Mount mount, ulong node, ulong offset, byte* data, ulong length)
    {
        IpcMessage message = Request(FsRequest.Write, node, offset);
        long result = CallWithGrant(mount, &message, data, length, MessageTag.GrantRead);
        return result < 0 ? result : (long)message.Words[0];
    }

    /// <summary>The entry at <paramref name="cursor"/> (advanced past it): the name's length, 0 at the end.</summary>
    public static long ReadDirectory(Mount mount, ulong directory, ref ulong cursor, byte* name, int capacity, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(FsRequest.ReadDirectory, directory, cursor);
        long result = CallWithGrant(mount, &message, name, (ulong)capacity, MessageTag.GrantWrite);
        kind = 0;
        size = 0;
        if (result < 0 || message.Words[FsProtocol.NodeWord] == 0)
            return result;
        kind = (VfsNodeKind)message.Words[FsProtocol.KindWord];
        size = message.Words[FsProtocol.SizeWord];
        cursor = message.Words[FsProtocol.CursorWord];
        return (long)message.Words[FsProtocol.NameLengthWord];
    }

    public static long Create(Mount mount, ulong directory, byte* name, int length, VfsNodeKind kind, out ulong node)
    {
        IpcMessage message = Request(FsRequest.Create, directory, (ulong)kind);
        long result = CallWithGrant(mount, &message, name, (ulong)length, MessageTag.GrantRead);
        node = result == 0 ? message.Words[FsProtocol.NodeWord] : 0;
        return result;
    }

    public static long Unlink(Mount mount, ulong directory, byte* name, int length) => NameRequest(FsRequest.Unlink, mount, directory, name, length);

    public static long RemoveDirectory(Mount mount, ulong directory, byte* name, int length) =>
        NameRequest(FsRequest.RemoveDirectory, mount, directory, name, length);

    /// <summary><paramref name="names"/> holds "old\0new\0".</summary>
    public static long Rename(Mount mount, ulong oldDirectory, ulong newDirectory, byte* names, int length)
    {
        IpcMessage message = Request(FsRequest.Rename, oldDirectory, newDirectory);
        return CallWithGrant(mount, &message, names, (ulong)length, MessageTag.GrantRead);
    }

    public static long Truncate(Mount mount, ulong node, ulong size)
    {
        IpcMessage message = Request(FsRequest.Truncate, node, size);
        return Call(mount, &message);
    }

    public static long Sync(Mount mount)
    {
        IpcMessage message = Request(FsRequest.Sync, 0, 0);
        return Call(mount, &message);
    }

    public static long Unmount(Mount mount)
    {
        IpcMessage message = Request(FsRequest.Unmount, 0, 0);
        return Call(mount, &message);
    }

    public static long StatFs(Mount mount, ulong* words)
    {
        IpcMessage message = Request(FsRequest.StatFs, 0, 0);
        long result = Call(mount, &message);
        for (int i = 0; result == 0 && i <= FsProtocol.FreeNodesWord; i++)
            words[i] = message.Words[i];
        return result;
    }

    private static long NameRequest(FsRequest request, Mount mount, ulong directory, byte* name, int length)
    {
        IpcMessage message = Request(request, directory, 0);
        return CallWithGrant(mount, &message, name, (ulong)length, MessageTag.GrantRead);
    }

    private static IpcMessage Request(FsRequest request, ulong word0, ulong word1)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)request, 2 * sizeof(ulong));
        message.Words[0] = word0;
        message.Words[1] = word1;
        return message;
    }

    private static long CallWithGrant(Mount mount, IpcMessage* message, byte* buffer, ulong length, ulong direction)
    {
        message->Tag |= direction;
        message->Words[MessageTag.GrantAddressWord] = (ulong)buffer;
        message->Words[MessageTag.GrantLengthWord] = length;
        return Call(mount, message);
    }

    // A dead server (EPIPE, or its capability revoked) reads as an I/O error to clients.
    private static long Call(Mount mount, IpcMessage* message)
    {
        if (mount.Slot < 0)
            return -Errno.EIO;   // unmounted
        long result = Ipc.Call(mount.Slot, message);
        if (result == -Errno.EPIPE || result == -Errno.EBADSLOT)
            return -Errno.EIO;
        if (result < 0)
            return result;
        uint label = MessageTag.Label(message->Tag);
        return label == 0 ? 0 : -(long)label;
    }
}
