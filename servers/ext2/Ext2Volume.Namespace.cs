namespace Ocean.Servers.Ext2;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>Changing the tree: create, unlink, rmdir and rename, with link counts kept right.</summary>
public sealed unsafe partial class Ext2Volume
{
    private const int DotRecordLength = 12;

    /// <summary>Creates an empty file or directory named <paramref name="name"/> in <paramref name="directoryNode"/>.</summary>
    public long Create(uint directoryNode, byte* name, int nameLength, VfsNodeKind kind, out uint node)
    {
        node = 0;
        if (_readOnly)
            return -Errno.EROFS;
        if (kind != VfsNodeKind.File && kind != VfsNodeKind.Directory)
            return -Errno.EINVAL;
        long error = OpenDirectoryForChange(directoryNode, name, nameLength, out Inode directory);
        if (error < 0)
            return error;
        if (IsDotOrDotDot(name, nameLength))
            return -Errno.EEXIST;
        long found = Scan(ref directory, 0, name, nameLength, out _);
        if (found != 0)
            return found < 0 ? found : -Errno.EEXIST;

        bool isDirectory = kind == VfsNodeKind.Directory;
        error = AllocateInode(directoryNode, isDirectory, out node);
        if (error < 0)
            return error;
        error = ClearInode(node);
        if (error < 0)
            return error;
        Inode inode = default;
        inode.Mode = isDirectory ? (ushort)(InodeMode.Directory | InodeMode.NewDirectoryPermissions) : (ushort)(InodeMode.Regular | InodeMode.NewFilePermissions);
        inode.LinksCount = isDirectory ? (ushort)2 : (ushort)1;
        inode.AccessTime = inode.ChangeTime = inode.ModifyTime = Now;
        if (isDirectory)
        {
            error = MapBlock(ref inode, 0, true, directory.Block[0], out uint block);
            CacheSlot entries = null;
            if (error == 0)
                error = _cache.Get(block, true, out entries);   // cached and zeroed by the allocation
            if (error < 0)
            {
                ReleaseInode(node, ref inode);
                return error;
            }
            byte dot = Dot;
            byte* dotDot = stackalloc byte[2] { Dot, Dot };
            PutEntry(entries.Data, 0, node, DotRecordLength, &dot, 1, DirectoryEntryField.TypeDirectory);
            PutEntry(entries.Data, DotRecordLength, directoryNode, _blockSize - DotRecordLength, dotDot, 2, DirectoryEntryField.TypeDirectory);
            BlockCache.MarkDirty(entries);
            inode.Size = (ulong)_blockSize;
        }
        error = WriteInode(node, inode);
        if (error < 0)
            return error;
        error = AddEntry(directoryNode, ref directory, name, nameLength, node, FileTypeOf(inode.Mode));
        if (error < 0)
        {
            ReleaseInode(node, ref inode);
            node = 0;
            return error;
        }
        return isDirectory ? AdjustLinks(directoryNode, +1) : 0;   // the new directory's ".." 
    }

    /// <summary>Removes a name of a file (EISDIR for a directory); the last link frees the file.</summary>
    public long Unlink(uint directoryNode, byte* name, int nameLength)
    {
        long error = OpenDirectoryForChange(directoryNode, name, nameLength, out Inode directory);
        if (error < 0)
            return error;
        if (IsDotOrDotDot(name, nameLength))
            return -Errno.EISDIR;
        error = FindTarget(ref directory, name, nameLength, out DirectoryEntry entry, out Inode target);
        if (error < 0)
            return error;
        if (target.IsDirectory)
            return -Errno.EISDIR;
        error = RemoveEntry(directoryNode, ref directory, entry);
        if (error < 0)
            return error;
        return DropLink(entry.Inode, ref target);
    }

    /// <summary>Removes an empty directory (ENOTEMPTY otherwise).</summary>
    public long RemoveDirectory(uint directoryNode, byte* name, int nameLength)
    {
        long error = OpenDirectoryForChange(directoryNode, name, nameLength, out Inode directory);
        if (error < 0)
            return error;
        if (IsDotOrDotDot(name, nameLength))
            return nameLength == 1 ? -Errno.EINVAL : -Errno.ENOTEMPTY;
        error = FindTarget(ref directory, name, nameLength, out DirectoryEntry entry, out Inode target);
        if (error < 0)
            return error;
        if (!target.IsDirectory)
            return -Errno.ENOTDIR;
        long empty = IsEmpty(ref target);
        if (empty <= 0)
            return empty < 0 ? empty : -Errno.ENOTEMPTY;
        if (directory.LinksCount > 1)
            directory.LinksCount--;   // the removed directory's ".."
        error = RemoveEntry(directoryNode, ref directory, entry);
        if (error < 0)
            return error;
        return ReleaseInode(entry.Inode, ref target);
    }

    // The directory a name is to be added to or removed from, once the volume is writable and the name acceptable.
    private long OpenDirectoryForChange(uint directoryNode, byte* name, int nameLength, out Inode directory)
    {
        directory = default;
        if (_readOnly)
            return -Errno.EROFS;
        long error = LoadDirectory(directoryNode, out directory);
        return error < 0 ? error : CheckName(name, nameLength);
    }

    // The entry called `name` and the inode it names; ENOENT if there is none.
    private long FindTarget(ref Inode directory, byte* name, int nameLength, out DirectoryEntry entry, out Inode target)
    {
        target = default;
        long found = Scan(ref directory, 0, name, nameLength, out entry);
        if (found <= 0)
            return found < 0 ? found : -Errno.ENOENT;
        return ReadInode(entry.Inode, out target);
    }

    /// <summary>
    /// Moves <paramref name="oldName"/> in <paramref name="oldDirectory"/> to <paramref name="newName"/> in
    /// <paramref name="newDirectory"/>, replacing a file there (or an empty directory by a directory).
    /// </summary>
    public long Rename(uint oldDirectory, byte* oldName, int oldLength, uint newDirectory, byte* newName, int newLength)
    {
        if (_readOnly)
            return -Errno.EROFS;
        long error = CheckName(oldName, oldLength);
        if (error == 0)
            error = CheckName(newName, newLength);
        if (error < 0)
            return error;
        if (IsDotOrDotDot(oldName, oldLength) || IsDotOrDotDot(newName, newLength))
            return -Errno.EINVAL;
        error = LoadDirectory(oldDirectory, out Inode from);
        if (error < 0)
            return error;
        error = LoadDirectory(newDirectory, out Inode to);
        if (error < 0)
            return error;
        long found = Scan(ref from, 0, oldName, oldLength, out DirectoryEntry source);
        if (found <= 0)
            return found < 0 ? found : -Errno.ENOENT;
        error = ReadInode(source.Inode, out Inode moved);
        if (error < 0)
            return error;
        found = Scan(ref to, 0, newName, newLength, out DirectoryEntry existing);
        if (found < 0)
            return found;
        bool replacing = found == 1;
        Inode replaced = default;
        if (replacing)
        {
            if (existing.Inode == source.Inode)
                return 0;   // two names of one file: nothing to do, as POSIX says
            error = ReadInode(existing.Inode, out replaced);
            if (error < 0)
                return error;
            if (moved.IsDirectory && !replaced.IsDirectory)
                return -Errno.ENOTDIR;
            if (!moved.IsDirectory && replaced.IsDirectory)
                return -Errno.EISDIR;
            if (replaced.IsDirectory)
            {
                long empty = IsEmpty(ref replaced);
                if (empty <= 0)
                    return empty < 0 ? empty : -Errno.ENOTEMPTY;
            }
        }
        bool crossing = moved.IsDirectory && oldDirectory != newDirectory;
        if (crossing)
        {
            error = CheckNotInside(source.Inode, newDirectory);
            if (error < 0)
                return error;
        }

        // The new name first, so a failure (ENOSPC) leaves the old one in place.
        byte fileType = FileTypeOf(moved.Mode);
        error = replacing
            ? RetargetEntry(newDirectory, ref to, existing, source.Inode, fileType)
            : AddEntry(newDirectory, ref to, newName, newLength, source.Inode, fileType);
        if (error < 0)
            return error;
        // Same directory: adding may have moved things, so look the old name up afresh.
        error = LoadDirectory(oldDirectory, out from);
        if (error < 0)
            return error;
        found = Scan(ref from, 0, oldName, oldLength, out source);
        if (found <= 0)
            return found < 0 ? found : -Errno.EIO;
        error = RemoveEntry(oldDirectory, ref from, source);
        if (error < 0)
            return error;

        if (crossing)
        {
            error = ReadInode(source.Inode, out moved);
            if (error < 0)
                return error;
            byte* dotDot = stackalloc byte[2] { Dot, Dot };
            found = Scan(ref moved, 0, dotDot, 2, out DirectoryEntry parent);
            if (found <= 0)
                return found < 0 ? found : -Errno.EIO;
            error = RetargetEntry(source.Inode, ref moved, parent, newDirectory, DirectoryEntryField.TypeDirectory);
            if (error < 0)
                return error;
            error = AdjustLinks(oldDirectory, -1);
            if (error == 0)
                error = AdjustLinks(newDirectory, +1);
            if (error < 0)
                return error;
        }
        else
        {
            error = ReadInode(source.Inode, out moved);
            if (error < 0)
                return error;
            moved.ChangeTime = Now;
            error = WriteInode(source.Inode, moved);
            if (error < 0)
                return error;
        }

        if (!replacing)
            return 0;
        error = ReadInode(existing.Inode, out replaced);
        if (error < 0)
            return error;
        if (replaced.IsDirectory)
        {
            error = AdjustLinks(newDirectory, -1);   // the replaced directory's ".."
            if (error < 0)
                return error;
            return ReleaseInode(existing.Inode, ref replaced);
        }
        return DropLink(existing.Inode, ref replaced);
    }

    // Refuses to move a directory into itself or below it: walks up from the target by "..".
    private long CheckNotInside(uint moved, uint target)
    {
        byte* dotDot = stackalloc byte[2] { Dot, Dot };
        uint node = target;
        for (int depth = 0; depth < MaxDirectoryDepth; depth++)
        {
            if (node == moved)
                return -Errno.EINVAL;
            if (node == Ext2Format.RootInode)
                return 0;
            long error = LoadDirectory(node, out Inode directory);
            if (error < 0)
                return error;
            long found = Scan(ref directory, 0, dotDot, 2, out DirectoryEntry parent);
            if (found <= 0)
                return found < 0 ? found : -Errno.EIO;
            node = parent.Inode;
        }
        return -Errno.EIO;
    }

    private long AdjustLinks(uint node, int delta)
    {
        long error = ReadInode(node, out Inode inode);
        if (error < 0)
            return error;
        inode.LinksCount = (ushort)(inode.LinksCount + delta);
        inode.ChangeTime = Now;
        return WriteInode(node, inode);
    }

    private long DropLink(uint node, ref Inode inode)
    {
        if (inode.LinksCount > 0)
            inode.LinksCount--;
        inode.ChangeTime = Now;
        return inode.LinksCount == 0 ? ReleaseInode(node, ref inode) : WriteInode(node, inode);
    }
}
