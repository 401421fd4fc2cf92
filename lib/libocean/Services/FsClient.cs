namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// The client side of <see cref="FsProtocol"/> (the VFS's, one per mounted file system server).
/// Names and data are lent from the caller's own memory (a server copies out of its own clients'
/// grant windows first: lent pages are not lent on). Results: 0 or a count, or a negative errno; a
/// server that has died, or a closed client, reads as EIO.
/// </summary>
public sealed unsafe class FsClient
{
    private readonly ServiceConnection _server;

    /// <summary>A client of the file system server reached through the send capability in <paramref name="slot"/>.</summary>
    public FsClient(long slot) => _server = new ServiceConnection(slot);

    /// <summary>Drops the capability: every later call fails with EIO.</summary>
    public void Close() => _server.Close();

    /// <summary>
    /// Whether the server still runs: a non-blocking call either finds it waiting (it answers Root) or
    /// busy (EAGAIN: alive); a dead server's endpoint has no receiver left (EPIPE). Never blocks, so it
    /// is safe while that very server waits for the VFS.
    /// </summary>
    public bool IsAlive()
    {
        IpcMessage message = Request(FsRequest.Root, 0, 0);
        message.Tag |= MessageTag.NonBlocking;
        long result = _server.Call(&message);
        return result != -Errno.EPIPE && result != -Errno.EBADSLOT;
    }

    public long Lookup(ulong directory, byte* name, int length, out ulong node, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(FsRequest.Lookup, directory, 0);
        long result = CallWithGrant(&message, name, (ulong)length, MessageTag.GrantRead);
        node = result == 0 ? message.Words[FsProtocol.NodeWord] : 0;
        kind = result == 0 ? (VfsNodeKind)message.Words[FsProtocol.KindWord] : 0;
        size = result == 0 ? message.Words[FsProtocol.SizeWord] : 0;
        return result;
    }

    public long GetAttributes(ulong node, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(FsRequest.GetAttributes, node, 0);
        long result = Call(&message);
        kind = result == 0 ? (VfsNodeKind)message.Words[FsProtocol.AttributesKindWord] : 0;
        size = result == 0 ? message.Words[FsProtocol.AttributesSizeWord] : 0;
        return result;
    }

    public long Read(ulong node, ulong offset, byte* buffer, ulong length)
    {
        IpcMessage message = Request(FsRequest.Read, node, offset);
        long result = CallWithGrant(&message, buffer, length, MessageTag.GrantWrite);
        return result < 0 ? result : (long)message.Words[0];
    }

    public long Write(ulong node, ulong offset, byte* data, ulong length)
    {
        IpcMessage message = Request(FsRequest.Write, node, offset);
        long result = CallWithGrant(&message, data, length, MessageTag.GrantRead);
        return result < 0 ? result : (long)message.Words[0];
    }

    /// <summary>The entry at <paramref name="cursor"/> (advanced past it): the name's length, 0 at the end.</summary>
    public long ReadDirectory(ulong directory, ref ulong cursor, byte* name, int capacity, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(FsRequest.ReadDirectory, directory, cursor);
        long result = CallWithGrant(&message, name, (ulong)capacity, MessageTag.GrantWrite);
        kind = 0;
        size = 0;
        if (result < 0 || message.Words[FsProtocol.NodeWord] == 0)
            return result;
        kind = (VfsNodeKind)message.Words[FsProtocol.KindWord];
        size = message.Words[FsProtocol.SizeWord];
        cursor = message.Words[FsProtocol.CursorWord];
        return (long)message.Words[FsProtocol.NameLengthWord];
    }

    public long Create(ulong directory, byte* name, int length, VfsNodeKind kind, out ulong node)
    {
        IpcMessage message = Request(FsRequest.Create, directory, (ulong)kind);
        long result = CallWithGrant(&message, name, (ulong)length, MessageTag.GrantRead);
        node = result == 0 ? message.Words[FsProtocol.NodeWord] : 0;
        return result;
    }

    public long Unlink(ulong directory, byte* name, int length) => NameRequest(FsRequest.Unlink, directory, name, length);

    public long RemoveDirectory(ulong directory, byte* name, int length) =>
        NameRequest(FsRequest.RemoveDirectory, directory, name, length);

    /// <summary><paramref name="names"/> holds "old\0new\0".</summary>
    public long Rename(ulong oldDirectory, ulong newDirectory, byte* names, int length)
    {
        IpcMessage message = Request(FsRequest.Rename, oldDirectory, newDirectory);
        return CallWithGrant(&message, names, (ulong)length, MessageTag.GrantRead);
    }

    public long Truncate(ulong node, ulong size)
    {
        IpcMessage message = Request(FsRequest.Truncate, node, size);
        return Call(&message);
    }

    public long Sync()
    {
        IpcMessage message = Request(FsRequest.Sync, 0, 0);
        return Call(&message);
    }

    public long Unmount()
    {
        IpcMessage message = Request(FsRequest.Unmount, 0, 0);
        return Call(&message);
    }

    public long StatFs(ulong* words)
    {
        IpcMessage message = Request(FsRequest.StatFs, 0, 0);
        long result = Call(&message);
        for (int i = 0; result == 0 && i <= FsProtocol.FreeNodesWord; i++)
            words[i] = message.Words[i];
        return result;
    }

    private long NameRequest(FsRequest request, ulong directory, byte* name, int length)
    {
        IpcMessage message = Request(request, directory, 0);
        return CallWithGrant(&message, name, (ulong)length, MessageTag.GrantRead);
    }

    private static IpcMessage Request(FsRequest request, ulong word0, ulong word1) => ServiceConnection.Request((uint)request, word0, word1);

    private long CallWithGrant(IpcMessage* message, byte* buffer, ulong length, ulong direction) =>
        AsIoError(_server.CallWithGrant(message, buffer, length, direction));

    private long Call(IpcMessage* message) => AsIoError(_server.Call(message));

    // A dead server (EPIPE, or its capability revoked) reads as an I/O error to the VFS's clients.
    private static long AsIoError(long result) => result == -Errno.EPIPE || result == -Errno.EBADSLOT ? -Errno.EIO : result;
}
