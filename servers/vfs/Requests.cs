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
    private const ulong RamBlockSize = 4096;

    /// <summary>Where data to and from mounted file systems passes through (their grants come from here).</summary>
    public static byte* Bounce;

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

    private static bool IsReadOnly(Location location) => location.InMount ? location.Mount.ReadOnly : location.Ram.ReadOnly;

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
            if (IsReadOnly(location))
                return -Errno.EROFS;
        }
        if ((flags & VfsOpenFlags.Truncate) != 0)
        {
            result = location.InMount ? FileSystemCalls.Truncate(location.Mount, location.FsNode, 0) : RamFileSystem.Truncate(location.Ram, 0);
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
        if (IsReadOnly(parent))
            return -Errno.EROFS;
        if (!parent.InMount)
        {
            location = Location.Of(RamFileSystem.Create(parent.Ram, name, nameLength, VfsNodeKind.File));
            return 0;
        }
        result = FileSystemCalls.Create(parent.Mount, parent.FsNode, name, nameLength, VfsNodeKind.File, out ulong node);
        location = new Location { Mount = parent.Mount, FsNode = node, Kind = VfsNodeKind.File };
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
        long count;
        if (file.Where.InMount)
        {
            count = FileSystemCalls.Read(file.Where.Mount, file.Where.FsNode, file.Offset, Bounce, length);
            if (count > 0)
                System.Buffer.Memmove(buffer, Bounce, (nuint)count);
        }
        else
            count = RamFileSystem.Read(file.Where.Ram, file.Offset, buffer, length);
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
        long count;
        if (file.Where.InMount)
        {
            System.Buffer.Memmove(Bounce, data, (nuint)length);
            count = FileSystemCalls.Write(file.Where.Mount, file.Where.FsNode, file.Offset, Bounce, length);
        }
        else
            count = RamFileSystem.Write(file.Where.Ram, file.Offset, data, length);
        if (count < 0)
            return count;
        file.Offset += (ulong)count;
        reply->Words[0] = (ulong)count;
        return 0;
    }

    private static long SizeOf(Location location)
    {
        if (!location.InMount)
            return (long)location.Ram.Size;
        long result = FileSystemCalls.GetAttributes(location.Mount, location.FsNode, out _, out ulong size);
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
        return file.Where.InMount ? FileSystemCalls.Truncate(file.Where.Mount, file.Where.FsNode, size) : RamFileSystem.Truncate(file.Where.Ram, size);
    }

    private static long ReadDirectory(IpcMessage* request, IpcMessage* reply, OpenFile file)
    {
        if (file == null)
            return -Errno.EBADF;
        if (file.Where.Kind != VfsNodeKind.Directory)
            return -Errno.ENOTDIR;
        if (!Window(request, MessageTag.GrantWrite, out byte* name, out ulong capacity))
            return -Errno.EINVAL;
        if (file.Where.InMount)
        {
            ulong cursor = file.Cursor;
            long length = FileSystemCalls.ReadDirectory(file.Where.Mount, file.Where.FsNode, ref cursor, Bounce, FsProtocol.MaxNameBytes,
                                                        out VfsNodeKind kind, out ulong size);
            if (length < 0)
                return length;
            if ((ulong)length > capacity)
                return -Errno.ENAMETOOLONG;
            System.Buffer.Memmove(name, Bounce, (nuint)length);
            file.Cursor = cursor;
            reply->Words[VfsProtocol.EntryKindWord] = length == 0 ? 0 : (ulong)kind;
            reply->Words[VfsProtocol.EntrySizeWord] = size;
            reply->Words[VfsProtocol.EntryNameLengthWord] = (ulong)length;
            return 0;
        }
        Node child = file.Where.Ram.FirstChild;
        for (ulong i = 0; child != null && i < file.Cursor; i++)
            child = child.NextSibling;
        if (child == null)
            return 0;   // the end: kind 0
        if ((ulong)child.Name.Length > capacity)
            return -Errno.ENAMETOOLONG;
        for (int i = 0; i < child.Name.Length; i++)
            name[i] = child.Name[i];
        file.Cursor++;
        reply->Words[VfsProtocol.EntryKindWord] = (ulong)child.Kind;
        reply->Words[VfsProtocol.EntrySizeWord] = child.Size;
        reply->Words[VfsProtocol.EntryNameLengthWord] = (ulong)child.Name.Length;
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
        if (IsReadOnly(parent))
            return -Errno.EROFS;
        if (!parent.InMount)
        {
            RamFileSystem.Create(parent.Ram, name, nameLength, VfsNodeKind.Directory);
            return 0;
        }
        return FileSystemCalls.Create(parent.Mount, parent.FsNode, name, nameLength, VfsNodeKind.Directory, out _);
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
        if (IsReadOnly(parent))
            return -Errno.EROFS;
        if (parent.InMount)
            return directory ? FileSystemCalls.RemoveDirectory(parent.Mount, parent.FsNode, name, nameLength)
                             : FileSystemCalls.Unlink(parent.Mount, parent.FsNode, name, nameLength);
        Node node = RamFileSystem.Child(parent.Ram, name, nameLength);
        if (node == null)
            return -Errno.ENOENT;
        if (node.IsDirectory != directory)
            return directory ? -Errno.ENOTDIR : -Errno.EISDIR;
        if (node.MountedHere != null)
            return -Errno.EBUSY;
        if (node.FirstChild != null)
            return -Errno.ENOTEMPTY;
        RamFileSystem.Remove(node);
        return 0;
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
        if (IsReadOnly(oldParent) || IsReadOnly(newParent))
            return -Errno.EROFS;
        if (oldParent.InMount || newParent.InMount)
        {
            if (oldParent.Mount != newParent.Mount)
                return -Errno.EXDEV;
            names[oldNameLength] = 0;
            newName[newNameLength] = 0;
            return FileSystemCalls.Rename(oldParent.Mount, oldParent.FsNode, newParent.FsNode, names, oldNameLength + newNameLength + 2);
        }
        return RenameInRam(oldParent.Ram, names, oldNameLength, newParent.Ram, newName, newNameLength);
    }

    private static long RenameInRam(Node oldParent, byte* oldName, int oldLength, Node newParent, byte* newName, int newLength)
    {
        Node node = RamFileSystem.Child(oldParent, oldName, oldLength);
        if (node == null)
            return -Errno.ENOENT;
        if (node.MountedHere != null)
            return -Errno.EBUSY;
        if (node.IsDirectory && RamFileSystem.Contains(node, newParent))
            return -Errno.EINVAL;   // into itself
        Node target = RamFileSystem.Child(newParent, newName, newLength);
        if (target == node)
            return 0;
        if (target != null)
        {
            if (target.MountedHere != null)
                return -Errno.EBUSY;
            if (target.IsDirectory && !node.IsDirectory)
                return -Errno.EISDIR;
            if (!target.IsDirectory && node.IsDirectory)
                return -Errno.ENOTDIR;
            if (target.FirstChild != null)
                return -Errno.ENOTEMPTY;
            RamFileSystem.Remove(target);
        }
        RamFileSystem.Detach(node);
        var name = new byte[newLength];
        for (int i = 0; i < newLength; i++)
            name[i] = newName[i];
        Ocean.Libc.Heap.Free(node.Name);
        node.Name = name;
        RamFileSystem.Attach(newParent, node);
        return 0;
    }

    private static long Sync()
    {
        long result = 0;
        for (int i = 0; i < MountTable.Count; i++)
        {
            long synced = FileSystemCalls.Sync(MountTable.At(i));
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
        if (location.InMount)
            return FileSystemCalls.StatFs(location.Mount, reply->Words);
        // The RAM file system's room is the machine's free memory.
        ulong freeBlocks = (ulong)Syscall.FreePages();
        reply->Words[FsProtocol.BlockSizeWord] = RamBlockSize;
        reply->Words[FsProtocol.TotalBlocksWord] = freeBlocks + (RamFileSystem.BytesUsed + RamBlockSize - 1) / RamBlockSize;
        reply->Words[FsProtocol.FreeBlocksWord] = freeBlocks;
        return 0;
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
            pathLength = PathOf(mount.Point, path, (int)capacity);
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

    // A RAM node's absolute path, written from the end backwards.
    private static int PathOf(Node node, byte* destination, int capacity)
    {
        int length = 0;
        for (Node n = node; n.Parent != null; n = n.Parent)
            length += n.Name.Length + 1;
        if (length > capacity)
            return -1;
        int end = length;
        for (Node n = node; n.Parent != null; n = n.Parent)
        {
            end -= n.Name.Length;
            for (int i = 0; i < n.Name.Length; i++)
                destination[end + i] = n.Name[i];
            destination[--end] = (byte)'/';
        }
        return length;
    }

    private static long Mount(IpcMessage* request)
    {
        if (MessageTag.Capabilities(request->Tag) != 1)
            return -Errno.EINVAL;
        long result = ResolveWindow(request, out Location location);
        if (result < 0)
            return result;
        Node point = location.InMount ? location.Mount.Point : location.Ram;
        if (location.InMount && location.FsNode != location.Mount.Root)
            return -Errno.EBUSY;   // no mounts inside mounted file systems
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
        if (!location.InMount || location.FsNode != location.Mount.Root)
            return -Errno.EINVAL;
        result = FileSystemCalls.Unmount(location.Mount);
        MountTable.Remove(location.Mount);
        return result;
    }
}
