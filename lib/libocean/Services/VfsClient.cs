namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// The client side of <see cref="VfsProtocol"/>: one method per request, paths as byte strings, data
/// split into requests of at most <see cref="VfsProtocol.MaxTransferBytes"/>. The connection (a send
/// capability in <see cref="ServiceSlot.Vfs"/>) follows <see cref="ServiceConnection"/>'s rules.
/// Results are 0 (or a count) on success, a negative errno on failure.
/// </summary>
public static unsafe class VfsClient
{
    private static readonly ServiceConnection _vfs = new(VfsProtocol.ServiceName, ServiceSlot.Vfs);

    /// <summary>
    /// Talks to the VFS through the send capability in <paramref name="slot"/> from now on, instead of
    /// looking it up from init (for init itself, which cannot ask itself).
    /// </summary>
    public static void UseCapability(long slot) => _vfs.UseCapability(slot);

    public static long Stat(byte* path, int length, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(VfsRequest.Stat, 0, 0);
        long result = _vfs.CallWithGrant(&message, path, (ulong)length, MessageTag.GrantRead);
        kind = result == 0 ? (VfsNodeKind)message.Words[VfsProtocol.KindWord] : 0;
        size = result == 0 ? message.Words[VfsProtocol.SizeWord] : 0;
        return result;
    }

    public static long Open(byte* path, int length, ulong flags, out long handle, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(VfsRequest.Open, flags, 0);
        long result = _vfs.CallWithGrant(&message, path, (ulong)length, MessageTag.GrantRead);
        handle = result == 0 ? (long)message.Words[VfsProtocol.HandleWord] : -1;
        kind = result == 0 ? (VfsNodeKind)message.Words[VfsProtocol.OpenKindWord] : 0;
        size = result == 0 ? message.Words[VfsProtocol.OpenSizeWord] : 0;
        return result;
    }

    /// <summary>Reads up to <paramref name="length"/> bytes (one request's worth at most); 0 at the end.</summary>
    public static long Read(long handle, byte* buffer, ulong length)
    {
        if (length > VfsProtocol.MaxTransferBytes)
            length = VfsProtocol.MaxTransferBytes;
        IpcMessage message = Request(VfsRequest.Read, (ulong)handle, 0);
        long result = _vfs.CallWithGrant(&message, buffer, length, MessageTag.GrantWrite);
        return result < 0 ? result : (long)message.Words[0];
    }

    /// <summary>Writes all <paramref name="length"/> bytes (in as many requests as needed); the count written, or an errno if nothing was.</summary>
    public static long Write(long handle, byte* data, ulong length)
    {
        ulong done = 0;
        while (done < length)
        {
            ulong chunk = length - done < VfsProtocol.MaxTransferBytes ? length - done : VfsProtocol.MaxTransferBytes;
            IpcMessage message = Request(VfsRequest.Write, (ulong)handle, 0);
            long result = _vfs.CallWithGrant(&message, data + done, chunk, MessageTag.GrantRead);
            if (result < 0)
                return done > 0 ? (long)done : result;
            if (message.Words[0] == 0)
                break;
            done += message.Words[0];
        }
        return (long)done;
    }

    public static long Close(long handle) => Simple(VfsRequest.Close, (ulong)handle, 0, 0);

    /// <summary>Moves the offset; returns the new one.</summary>
    public static long Seek(long handle, long offset, ulong whence)
    {
        IpcMessage message = Request(VfsRequest.Seek, (ulong)handle, (ulong)offset);
        message.Words[2] = whence;
        long result = _vfs.Call(&message);
        return result < 0 ? result : (long)message.Words[0];
    }

    public static long Truncate(long handle, ulong size) => Simple(VfsRequest.Truncate, (ulong)handle, size, 0);

    /// <summary>The next entry of an open directory: its name's length (0 at the end), with its kind and size.</summary>
    public static long ReadDirectory(long handle, byte* name, int capacity, out VfsNodeKind kind, out ulong size)
    {
        IpcMessage message = Request(VfsRequest.ReadDirectory, (ulong)handle, 0);
        long result = _vfs.CallWithGrant(&message, name, (ulong)capacity, MessageTag.GrantWrite);
        kind = result == 0 ? (VfsNodeKind)message.Words[VfsProtocol.EntryKindWord] : 0;
        size = result == 0 ? message.Words[VfsProtocol.EntrySizeWord] : 0;
        if (result < 0)
            return result;
        return kind == 0 ? 0 : (long)message.Words[VfsProtocol.EntryNameLengthWord];
    }

    public static long MakeDirectory(byte* path, int length) => PathRequest(VfsRequest.MakeDirectory, path, length);

    public static long RemoveDirectory(byte* path, int length) => PathRequest(VfsRequest.RemoveDirectory, path, length);

    public static long Unlink(byte* path, int length) => PathRequest(VfsRequest.Unlink, path, length);

    public static long Unmount(byte* path, int length) => PathRequest(VfsRequest.Unmount, path, length);

    public static long Rename(byte* oldPath, int oldLength, byte* newPath, int newLength)
    {
        if (oldLength + newLength + 2 > VfsProtocol.MaxPathBytes * 2)
            return -Errno.ENAMETOOLONG;
        byte* both = stackalloc byte[VfsProtocol.MaxPathBytes * 2];
        for (int i = 0; i < oldLength; i++)
            both[i] = oldPath[i];
        both[oldLength] = 0;
        for (int i = 0; i < newLength; i++)
            both[oldLength + 1 + i] = newPath[i];
        both[oldLength + 1 + newLength] = 0;
        return PathRequest(VfsRequest.Rename, both, oldLength + newLength + 2);
    }

    public static long Sync() => Simple(VfsRequest.Sync, 0, 0, 0);

    /// <summary>The file system's figures (FsProtocol's StatFs words) into <paramref name="words"/> (5 of them).</summary>
    public static long StatFs(byte* path, int length, ulong* words)
    {
        IpcMessage message = Request(VfsRequest.StatFs, 0, 0);
        long result = _vfs.CallWithGrant(&message, path, (ulong)length, MessageTag.GrantRead);
        for (int i = 0; result == 0 && i <= FsProtocol.FreeNodesWord; i++)
            words[i] = message.Words[i];
        return result;
    }

    /// <summary>Mount <paramref name="index"/>: its mount point into <paramref name="path"/>, its name (16 bytes + NUL) into <paramref name="name"/>; returns the path length.</summary>
    public static long MountInfo(int index, byte* path, int capacity, byte* name, out bool readOnly)
    {
        IpcMessage message = Request(VfsRequest.MountInfo, (ulong)index, 0);
        long result = _vfs.CallWithGrant(&message, path, (ulong)capacity, MessageTag.GrantWrite);
        readOnly = result == 0 && message.Words[VfsProtocol.MountReadOnlyWord] != 0;
        if (result < 0)
            return result;
        MessageText.Unpack(message.Words + VfsProtocol.MountNameWord, VfsProtocol.MountNameWords, name);
        return (long)message.Words[VfsProtocol.MountPathLengthWord];
    }

    /// <summary>Mounts the file system served through the send capability in <paramref name="serverSlot"/> (root node <paramref name="root"/>) at <paramref name="path"/>.</summary>
    public static long Mount(byte* path, int length, long serverSlot, bool readOnly, byte* name, int nameLength, ulong root)
    {
        IpcMessage message = Request(VfsRequest.Mount, readOnly ? 1UL : 0, 0);
        message.Words[VfsProtocol.MountRequestRootWord] = root;
        MessageText.Pack(name, nameLength < VfsProtocol.MountNameWords * 8 ? nameLength : VfsProtocol.MountNameWords * 8,
                         message.Words + VfsProtocol.MountRequestNameWord, VfsProtocol.MountNameWords);
        message.Tag = MessageTag.WithCapabilities(message.Tag | MessageTag.GrantRead, 1);
        message.Words[MessageTag.CapabilityWord(message.Tag, 0)] = (ulong)serverSlot;
        message.Words[MessageTag.GrantAddressWord] = (ulong)path;
        message.Words[MessageTag.GrantLengthWord] = (ulong)length;
        return _vfs.Call(&message);
    }

    private static IpcMessage Request(VfsRequest request, ulong word0, ulong word1) => ServiceConnection.Request((uint)request, word0, word1);

    private static long Simple(VfsRequest request, ulong word0, ulong word1, ulong word2)
    {
        IpcMessage message = Request(request, word0, word1);
        message.Words[2] = word2;
        return _vfs.Call(&message);
    }

    private static long PathRequest(VfsRequest request, byte* path, int length)
    {
        IpcMessage message = Request(request, 0, 0);
        return _vfs.CallWithGrant(&message, path, (ulong)length, MessageTag.GrantRead);
    }
}
