namespace Ocean.Servers.Vfs;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// One handler per <see cref="VfsRequest"/>. Each returns 0 or a negative errno and fills the reply's
/// words; paths and data are in the request's grant window (mapped in the VFS for this call only).
/// </summary>
public static unsafe class Requests
{
    private const ulong WriteFlags = VfsOpenFlags.Write | VfsOpenFlags.Truncate | VfsOpenFlags.Append;

    public static long Handle(IpcMessage* request, IpcMessage* reply)
    {
        ulong* words = request->Words;
        ulong owner = request->Badge;
        switch ((VfsRequest)MessageTag.Label(request->Tag))
        {
            case VfsRequest.Stat: return Stat(request, reply);
            case VfsRequest.Open: return Open(request, reply, owner, words[0]);
            case VfsRequest.Read: return Read(request, reply, OpenFiles.Get(owner, words[0]));
            case VfsRequest.Write: return Write(request, reply, OpenFiles.Get(owner, words[0]));
            case VfsRequest.Close: return OpenFiles.Close(owner, words[0]);
            case VfsRequest.Seek: return Seek(reply, OpenFiles.Get(owner, words[0]), (long)words[1], words[2]);
            case VfsRequest.Truncate: return Truncate(OpenFiles.Get(owner, words[0]), words[1]);
            case VfsRequest.ReadDirectory: return ReadDirectory(request, reply, OpenFiles.Get(owner, words[0]));
            case VfsRequest.MakeDirectory: return MakeDirectory(request);
            case VfsRequest.RemoveDirectory: return Remove(request, directory: true);
            case VfsRequest.Unlink: return Remove(request, directory: false);
            case VfsRequest.Rename: return Rename(request);
            case VfsRequest.Sync: return Sync();
            case VfsRequest.StatFs: return StatFs(request, reply);
            case VfsRequest.MountInfo: return MountInfo(request, reply, (int)words[0]);
            case VfsRequest.Mount: return Mount(request);
            case VfsRequest.Unmount: return Unmount(request);
            default: return -Errno.ENOSYS;
        }
    }

    // The grant window: a path (read grant) or a buffer to fill (write grant).
    private static bool Window(IpcMessage* request, ulong direction, out byte* window, out ulong length)
    {
        window = (byte*)request->Words[MessageTag.GrantAddressWord];
        length = request->Words[MessageTag.GrantLengthWord];
        return (request->Tag & direction) != 0 && (window != null || length == 0);
    }

    // Where the path in a request's read grant leads.
    private static long ResolveWindow(IpcMessage* request, out Location location)
    {
        location = default;
        if (!Window(request, MessageTag.GrantRead, out byte* path, out ulong length))
            return -Errno.EINVAL;
        return Namespace.Resolve(path, (int)length, out location);
    }

    private static long Stat(IpcMessage* request, IpcMessage* reply)
    {
        long result = ResolveWindow(request, out Location location);
        if (result < 0)
            return result;
        reply->Words[VfsProtocol.KindWord] = (ulong)location.Kind;
        reply->Words[VfsProtocol.SizeWord] = location.Size;
        reply->Words[VfsProtocol.LinksWord] = 1;
        return 0;
    }

    private static long Open(IpcMessage* request, IpcMessage* reply, ulong owner, ulong flags)
    {
        if (!Window(request, MessageTag.GrantRead, out byte* path, out ulong length))
            return -Errno.EINVAL;
        long result = Namespace.Resolve(path, (int)length, out Location location);
        if (result == -Errno.ENOENT && (flags & VfsOpenFlags.Create) != 0)
            result = CreateFile(path, (int)length, out location);
        else if (result == 0 && (flags & (VfsOpenFlags.Create | VfsOpenFlags.Exclusive)) == (VfsOpenFlags.Create | VfsOpenFlags.Exclusive))
            return -Errno.EEXIST;
        if (result < 0)
            return result;
        if ((flags & WriteFlags) != 0)
        {
            if (location.Kind == VfsNodeKind.Directory)
                return -Errno.EISDIR;
            if (location.IsReadOnly)
                return -Errno.EROFS;
        }
        if ((flags & VfsOpenFlags.Truncate) != 0)
        {
            result = location.FileSystem.Truncate(location.Node, 0);
            if (result < 0)
                return result;
            location.Size = 0;
        }
        long handle = OpenFiles.Open(owner, location, flags);
        if (handle < 0)
            return handle;
        reply->Words[VfsProtocol.HandleWord] = (ulong)handle;
        reply->Words[VfsProtocol.OpenKindWord] = (ulong)location.Kind;
        reply->Words[VfsProtocol.OpenSizeWord] = location.Size;
        return 0;
    }

    private static long CreateFile(byte* path, int length, out Location location)
    {
        location = default;
        byte* name = stackalloc byte[VfsProtocol.MaxNameBytes];
        long result = Namespace.ResolveParent(path, length, out Location parent, name, out int nameLength);
        if (result < 0)
            return result;
        if (parent.IsReadOnly)
            return -Errno.EROFS;
        result = parent.FileSystem.Create(parent.Node, name, nameLength, VfsNodeKind.File, out ulong node);
        location = new Location { FileSystem = parent.FileSystem, Node = node, Kind = VfsNodeKind.File };
        return result;
    }

    private static long Read(IpcMessage* request, IpcMessage* reply, OpenFile file)
    {
        if (file == null || (file.Flags & VfsOpenFlags.Read) == 0)
            return -Errno.EBADF;
        if (file.Where.Kind == VfsNodeKind.Directory)
            return -Errno.EISDIR;
        if (!Window(request, MessageTag.GrantWrite, out byte* buffer, out ulong length))
            return -Errno.EINVAL;
        if (length > VfsProtocol.MaxTransferBytes)
            length = VfsProtocol.MaxTransferBytes;
        long count = file.Where.FileSystem.Read(file.Where.Node, file.Offset, buffer, length);
        if (count < 0)
            return count;
        file.Offset += (ulong)count;
        reply->Words[0] = (ulong)count;
        return 0;
    }

    private static long Write(IpcMessage* request, IpcMessage* reply, OpenFile file)
    {
        if (file == null || (file.Flags & (VfsOpenFlags.Write | VfsOpenFlags.Append)) == 0)
            return -Errno.EBADF;
        if (!Window(request, MessageTag.GrantRead, out byte* data, out ulong length))
            return -Errno.EINVAL;
        if (length > VfsProtocol.MaxTransferBytes)
            length = VfsProtocol.MaxTransferBytes;
        if ((file.Flags & VfsOpenFlags.Append) != 0)
        {
            long size = SizeOf(file.Where);
            if (size < 0)
                return size;
            file.Offset = (ulong)size;
        }
        long count = file.Where.FileSystem.Write(file.Where.Node, file.Offset, data, length);
        if (count < 0)
            return count;
        file.Offset += (ulong)count;
        reply->Words[0] = (ulong)count;
        return 0;
    }

    private static long SizeOf(Location location)
    {
        long result = location.FileSystem.GetAttributes(location.Node, out _, out ulong size);
        return result < 0 ? result : (long)size;
    }

    private static long Seek(IpcMessage* reply, OpenFile file, long offset, ulong whence)
    {
        if (file == null)
            return -Errno.EBADF;
        long basis = whence == VfsProtocol.SeekSet ? 0 : whence == VfsProtocol.SeekCurrent ? (long)file.Offset : whence == VfsProtocol.SeekEnd ? SizeOf(file.Where) : -Errno.EINVAL;
        if (basis < 0)
            return basis;
        if (basis + offset < 0)
            return -Errno.EINVAL;
        file.Offset = (ulong)(basis + offset);
        reply->Words[0] = file.Offset;
        return 0;
    }

    private static long Truncate(OpenFile file, ulong size)
    {
        if (file == null || (file.Flags & (VfsOpenFlags.Write | VfsOpenFlags.Append)) == 0)
            return -Errno.EBADF;
        return file.Where.FileSystem.Truncate(file.Where.Node, size);
    }

    private static long ReadDirectory(IpcMessage* request, IpcMessage* reply, OpenFile file)
    {
        if (file == null)
            return -Errno.EBADF;
        if (file.Where.Kind != VfsNodeKind.Directory)
            return -Errno.ENOTDIR;
        if (!Window(request, MessageTag.GrantWrite, out byte* name, out ulong capacity))
            return -Errno.EINVAL;
        ulong cursor = file.Cursor;
        long length = file.Where.FileSystem.ReadDirectory(file.Where.Node, ref cursor, name, capacity > int.MaxValue ? int.MaxValue : (int)capacity,
                                                          out VfsNodeKind kind, out ulong size);
        if (length < 0)
            return length;
        file.Cursor = cursor;
        reply->Words[VfsProtocol.EntryKindWord] = length == 0 ? 0 : (ulong)kind;   // kind 0: the end
        reply->Words[VfsProtocol.EntrySizeWord] = size;
        reply->Words[VfsProtocol.EntryNameLengthWord] = (ulong)length;
        return 0;
    }

    private static long MakeDirectory(IpcMessage* request)
    {
        if (!Window(request, MessageTag.GrantRead, out byte* path, out ulong length))
            return -Errno.EINVAL;
        if (Namespace.Resolve(path, (int)length, out _) == 0)
            return -Errno.EEXIST;
        byte* name = stackalloc byte[VfsProtocol.MaxNameBytes];
        long result = Namespace.ResolveParent(path, (int)length, out Location parent, name, out int nameLength);
        if (result < 0)
            return result;
        if (parent.IsReadOnly)
            return -Errno.EROFS;
        return parent.FileSystem.Create(parent.Node, name, nameLength, VfsNodeKind.Directory, out _);
    }

    // unlink and rmdir: the kind must match; a mount point or a directory with entries stays.
    private static long Remove(IpcMessage* request, bool directory)
    {
        if (!Window(request, MessageTag.GrantRead, out byte* path, out ulong length))
            return -Errno.EINVAL;
        byte* name = stackalloc byte[VfsProtocol.MaxNameBytes];
        long result = Namespace.ResolveParent(path, (int)length, out Location parent, name, out int nameLength);
        if (result == -Errno.EINVAL)
            return -Errno.EBUSY;   // the root
        if (result < 0)
            return result;
        if (parent.IsReadOnly)
            return -Errno.EROFS;
        return parent.FileSystem.Remove(parent.Node, name, nameLength, directory);
    }

    private static long Rename(IpcMessage* request)
    {
        if (!Window(request, MessageTag.GrantRead, out byte* both, out ulong length))
            return -Errno.EINVAL;
        int oldLength = 0;
        while ((ulong)oldLength < length && both[oldLength] != 0)
            oldLength++;
        if ((ulong)oldLength + 2 > length)
            return -Errno.EINVAL;
        byte* newPath = both + oldLength + 1;
        int newLength = 0;
        while ((ulong)(oldLength + 1 + newLength) < length && newPath[newLength] != 0)
            newLength++;
        byte* names = stackalloc byte[2 * VfsProtocol.MaxNameBytes + 2];
        long result = Namespace.ResolveParent(both, oldLength, out Location oldParent, names, out int oldNameLength);
        if (result < 0)
            return result;
        byte* newName = names + oldNameLength + 1;
        result = Namespace.ResolveParent(newPath, newLength, out Location newParent, newName, out int newNameLength);
        if (result < 0)
            return result;
        if (oldParent.IsReadOnly || newParent.IsReadOnly)
            return -Errno.EROFS;
        if (oldParent.FileSystem != newParent.FileSystem)
            return -Errno.EXDEV;
        return oldParent.FileSystem.Rename(oldParent.Node, names, oldNameLength, newParent.Node, newName, newNameLength);
    }

    private static long Sync()
    {
        long result = 0;
        for (int i = 0; i < MountTable.Count; i++)
        {
            long synced = MountTable.At(i).Sync();
            if (synced < 0)
                result = synced;
        }
        return result;
    }

    private static long StatFs(IpcMessage* request, IpcMessage* reply)
    {
        long result = ResolveWindow(request, out Location location);
        if (result < 0)
            return result;
        return location.FileSystem.StatFs(reply->Words);
    }

    // Mount 0 is the RAM file system at "/", then the table's mounts.
    private static long MountInfo(IpcMessage* request, IpcMessage* reply, int index)
    {
        if (!Window(request, MessageTag.GrantWrite, out byte* path, out ulong capacity))
            return -Errno.EINVAL;
        byte* name = stackalloc byte[VfsProtocol.MountNameWords * 8];
        int nameLength;
        int pathLength;
        bool readOnly;
        if (index == 0)
        {
            if (capacity < 1)
                return -Errno.ENAMETOOLONG;
            path[0] = (byte)'/';
            pathLength = 1;
            const string RamName = "ramfs";
            for (nameLength = 0; nameLength < RamName.Length; nameLength++)
                name[nameLength] = (byte)RamName[nameLength];
            readOnly = false;
        }
        else
        {
            Mount mount = MountTable.At(index - 1);
            if (mount == null)
                return -Errno.ENOENT;
            pathLength = RamFileSystem.PathOf(mount.Point, path, capacity > int.MaxValue ? int.MaxValue : (int)capacity);
            if (pathLength < 0)
                return -Errno.ENAMETOOLONG;
            for (nameLength = 0; nameLength < mount.Name.Length && mount.Name[nameLength] != 0; nameLength++)
                name[nameLength] = mount.Name[nameLength];
            readOnly = mount.ReadOnly;
        }
        reply->Words[VfsProtocol.MountPathLengthWord] = (ulong)pathLength;
        reply->Words[VfsProtocol.MountReadOnlyWord] = readOnly ? 1UL : 0;
        MessageText.Pack(name, nameLength, reply->Words + VfsProtocol.MountNameWord, VfsProtocol.MountNameWords);
        return 0;
    }

    private static long Mount(IpcMessage* request)
    {
        if (MessageTag.Capabilities(request->Tag) != 1)
            return -Errno.EINVAL;
        long result = ResolveWindow(request, out Location location);
        if (result < 0)
            return result;
        Mount mounted = MountTable.Of(location.FileSystem);
        if (mounted != null && location.Node != mounted.Root)
            return -Errno.EBUSY;   // no mounts inside mounted file systems
        Node point = mounted != null ? mounted.Point : Namespace.Ram.NodeOf(location.Node);
        if (point.Kind != VfsNodeKind.Directory)
            return -Errno.ENOTDIR;
        return MountTable.Add(point, request->Words[VfsProtocol.MountRequestReadOnlyWord] != 0, request->Words + VfsProtocol.MountRequestNameWord,
                              request->Words[VfsProtocol.MountRequestRootWord]);
    }

    private static long Unmount(IpcMessage* request)
    {
        long result = ResolveWindow(request, out Location location);
        if (result < 0)
            return result;
        Mount mount = MountTable.Of(location.FileSystem);
        if (mount == null || location.Node != mount.Root)
            return -Errno.EINVAL;
        result = mount.Server.Unmount();
        MountTable.Remove(mount);
        return result;
    }
}
