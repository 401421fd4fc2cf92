namespace Ocean.Servers.Ext2;

using Ocean.Abi;
using static LittleEndian;

/// <summary>
/// Directory blocks: linear lists of variable-length entries that never cross a block. An htree index
/// (dir_index) hides in blocks that read as empty entries, so linear search works; a changed directory
/// loses its index flag, as under Linux's ext2 without htree support.
/// </summary>
public sealed unsafe partial class Ext2Volume
{
    private const byte Dot = (byte)'.', Slash = (byte)'/';
    private const int EntryAlignment = 4;
    /// <summary>Guards the walk up ".." links against cycles in a corrupted tree.</summary>
    private const int MaxDirectoryDepth = 4096;

    private bool HasFileType => (_super.FeatureIncompat & Ext2Features.IncompatFileType) != 0;

    private static int RecordLengthFor(int nameLength) =>
        (DirectoryEntryField.HeaderBytes + nameLength + EntryAlignment - 1) & ~(EntryAlignment - 1);

    // Reads the entry at `offset`, checking it the way Linux's ext2_check_page does.
    private bool ParseEntry(byte[] data, int offset, ref DirectoryEntry entry)
    {
        if (offset + DirectoryEntryField.HeaderBytes > _blockSize)
            return false;
        entry.Inode = U32(data, offset + DirectoryEntryField.Inode);
        entry.RecordLength = U16(data, offset + DirectoryEntryField.RecordLength);
        entry.NameLength = HasFileType ? data[offset + DirectoryEntryField.NameLength] : U16(data, offset + DirectoryEntryField.NameLength);
        entry.FileType = HasFileType ? data[offset + DirectoryEntryField.FileType] : DirectoryEntryField.TypeUnknown;
        entry.Offset = offset;
        return entry.RecordLength >= RecordLengthFor(1) && entry.RecordLength % EntryAlignment == 0
            && offset + entry.RecordLength <= _blockSize && entry.NameLength <= Ext2Format.MaxNameLength
            && RecordLengthFor(entry.NameLength) <= entry.RecordLength && entry.Inode <= _super.InodesCount;
    }

    /// <summary>
    /// The first entry in use at or after byte <paramref name="start"/>, named <paramref name="name"/>
    /// unless that is null. Returns 1 when found, 0 when not, or a negative errno (EIO for corruption).
    /// </summary>
    private long Scan(ref Inode directory, ulong start, byte* name, int nameLength, out DirectoryEntry entry)
    {
        entry = default;
        if (directory.Size % (ulong)_blockSize != 0)
            return -Errno.EIO;
        ulong blocks = directory.Size / (ulong)_blockSize;
        for (ulong block = start / (ulong)_blockSize; block < blocks; block++)
        {
            long error = MapBlock(ref directory, block, false, 0, out uint physical);
            if (error < 0)
                return error;
            if (physical == 0)
                return -Errno.EIO;   // directories have no holes
            error = _cache.Get(physical, true, out CacheSlot slot);
            if (error < 0)
                return error;
            int previous = -1;
            for (int offset = 0; offset < _blockSize; offset += entry.RecordLength)
            {
                if (!ParseEntry(slot.Data, offset, ref entry))
                    return -Errno.EIO;
                entry.Position = block * (ulong)_blockSize + (ulong)offset;
                entry.Physical = physical;
                entry.PreviousOffset = previous;
                if (entry.Inode != 0 && entry.Position >= start && (name == null || NameMatches(slot.Data, entry, name, nameLength)))
                    return 1;
                previous = offset;
            }
        }
        return 0;
    }

    private static bool NameMatches(byte[] data, in DirectoryEntry entry, byte* name, int nameLength)
    {
        if (entry.NameLength != nameLength)
            return false;
        for (int i = 0; i < nameLength; i++)
            if (data[entry.Offset + DirectoryEntryField.Name + i] != name[i])
                return false;
        return true;
    }

    private static bool IsDotOrDotDot(byte* name, int length) =>
        length == 1 && name[0] == Dot || length == 2 && name[0] == Dot && name[1] == Dot;

    private static long CheckName(byte* name, int length)
    {
        if (length > Ext2Format.MaxNameLength)
            return -Errno.ENAMETOOLONG;
        if (length <= 0 || name == null)
            return -Errno.EINVAL;
        for (int i = 0; i < length; i++)
            if (name[i] == Slash || name[i] == 0)
                return -Errno.EINVAL;
        return 0;
    }

    private static byte FileTypeOf(ushort mode) => (ushort)(mode & InodeMode.TypeMask) switch
    {
        InodeMode.Regular => DirectoryEntryField.TypeRegular,
        InodeMode.Directory => DirectoryEntryField.TypeDirectory,
        InodeMode.CharDevice => 3,
        InodeMode.BlockDevice => 4,
        InodeMode.Fifo => 5,
        InodeMode.Socket => 6,
        InodeMode.Symlink => DirectoryEntryField.TypeSymlink,
        _ => DirectoryEntryField.TypeUnknown,
    };

    private void PutEntry(byte[] data, int offset, uint node, int recordLength, byte* name, int nameLength, byte fileType)
    {
        Put32(data, offset + DirectoryEntryField.Inode, node);
        Put16(data, offset + DirectoryEntryField.RecordLength, (uint)recordLength);
        if (HasFileType)
        {
            data[offset + DirectoryEntryField.NameLength] = (byte)nameLength;
            data[offset + DirectoryEntryField.FileType] = fileType;
        }
        else
            Put16(data, offset + DirectoryEntryField.NameLength, (uint)nameLength);
        for (int i = 0; i < nameLength; i++)
            data[offset + DirectoryEntryField.Name + i] = name[i];
    }

    /// <summary>Adds an entry where one fits, or in a new block at the end; stores the directory's inode.</summary>
    private long AddEntry(uint directoryNode, ref Inode directory, byte* name, int nameLength, uint node, byte fileType)
    {
        int needed = RecordLengthFor(nameLength);
        if (directory.Size % (ulong)_blockSize != 0)
            return -Errno.EIO;
        ulong blocks = directory.Size / (ulong)_blockSize;
        DirectoryEntry entry = default;
        for (ulong block = 0; block < blocks; block++)
        {
            long error = MapBlock(ref directory, block, false, 0, out uint physical);
            if (error < 0)
                return error;
            if (physical == 0)
                return -Errno.EIO;
            error = _cache.Get(physical, true, out CacheSlot slot);
            if (error < 0)
                return error;
            for (int offset = 0; offset < _blockSize; offset += entry.RecordLength)
            {
                if (!ParseEntry(slot.Data, offset, ref entry))
                    return -Errno.EIO;
                int used = entry.Inode != 0 ? RecordLengthFor(entry.NameLength) : 0;
                if (entry.RecordLength - used < needed)
                    continue;
                if (used == 0)
                    PutEntry(slot.Data, offset, node, entry.RecordLength, name, nameLength, fileType);
                else
                {
                    Put16(slot.Data, offset + DirectoryEntryField.RecordLength, (uint)used);
                    PutEntry(slot.Data, offset + used, node, entry.RecordLength - used, name, nameLength, fileType);
                }
                BlockCache.MarkDirty(slot);
                return TouchDirectory(directoryNode, ref directory);
            }
        }
        long mapError = MapBlock(ref directory, blocks, true, directory.Block[0], out uint fresh);
        if (mapError < 0)
        {
            TouchDirectory(directoryNode, ref directory);   // keep whatever the map did allocate accounted
            return mapError;
        }
        long getError = _cache.Get(fresh, true, out CacheSlot freshSlot);
        if (getError < 0)
            return getError;
        PutEntry(freshSlot.Data, 0, node, _blockSize, name, nameLength, fileType);
        BlockCache.MarkDirty(freshSlot);
        directory.Size += (ulong)_blockSize;
        return TouchDirectory(directoryNode, ref directory);
    }

    /// <summary>Removes the entry <see cref="Scan"/> found (merging it into its predecessor); stores the directory's inode.</summary>
    private long RemoveEntry(uint directoryNode, ref Inode directory, in DirectoryEntry entry)
    {
        long error = _cache.Get(entry.Physical, true, out CacheSlot slot);
        if (error < 0)
            return error;
        if (entry.PreviousOffset >= 0)
        {
            uint merged = U16(slot.Data, entry.PreviousOffset + DirectoryEntryField.RecordLength) + (uint)entry.RecordLength;
            Put16(slot.Data, entry.PreviousOffset + DirectoryEntryField.RecordLength, merged);
        }
        Put32(slot.Data, entry.Offset + DirectoryEntryField.Inode, 0);
        BlockCache.MarkDirty(slot);
        return TouchDirectory(directoryNode, ref directory);
    }

    /// <summary>Points an existing entry at another node (rename over a name, a moved directory's "..").</summary>
    private long RetargetEntry(uint directoryNode, ref Inode directory, in DirectoryEntry entry, uint node, byte fileType)
    {
        long error = _cache.Get(entry.Physical, true, out CacheSlot slot);
        if (error < 0)
            return error;
        Put32(slot.Data, entry.Offset + DirectoryEntryField.Inode, node);
        if (HasFileType)
            slot.Data[entry.Offset + DirectoryEntryField.FileType] = fileType;
        BlockCache.MarkDirty(slot);
        return TouchDirectory(directoryNode, ref directory);
    }

    private long TouchDirectory(uint directoryNode, ref Inode directory)
    {
        directory.Flags &= ~InodeFlags.Index;
        directory.ModifyTime = directory.ChangeTime = Now;
        return WriteInode(directoryNode, directory);
    }

    private long IsEmpty(ref Inode directory)
    {
        ulong cursor = 0;
        while (true)
        {
            long found = Scan(ref directory, cursor, null, 0, out DirectoryEntry entry);
            if (found <= 0)
                return found < 0 ? found : 1;
            if (!IsDotEntry(entry))
                return 0;
            cursor = entry.Position + 1;
        }
    }

    private bool IsDotEntry(in DirectoryEntry entry)
    {
        if (entry.NameLength > 2)
            return false;
        if (_cache.Get(entry.Physical, true, out CacheSlot slot) < 0)
            return false;
        int name = entry.Offset + DirectoryEntryField.Name;
        return slot.Data[name] == Dot && (entry.NameLength == 1 || slot.Data[name + 1] == Dot);
    }

    /// <summary>Finds <paramref name="name"/> in directory <paramref name="directoryNode"/>.</summary>
    public long Lookup(uint directoryNode, byte* name, int nameLength, out uint node)
    {
        node = 0;
        long error = LoadDirectory(directoryNode, out Inode directory);
        if (error < 0)
            return error;
        error = CheckName(name, nameLength);
        if (error < 0)
            return error;
        long found = Scan(ref directory, 0, name, nameLength, out DirectoryEntry entry);
        if (found <= 0)
            return found < 0 ? found : -Errno.ENOENT;
        node = entry.Inode;
        return 0;
    }

    /// <summary>
    /// The next entry (not "." or "..") at or after <paramref name="cursor"/>, its name copied to
    /// <paramref name="name"/> (up to <paramref name="capacity"/> bytes). Returns 1, or 0 at the end.
    /// </summary>
    public long ReadDirectory(uint directoryNode, ulong cursor, byte* name, int capacity, out DirectoryListing listing)
    {
        listing = default;
        long error = LoadDirectory(directoryNode, out Inode directory);
        if (error < 0)
            return error;
        DirectoryEntry entry;
        while (true)
        {
            long found = Scan(ref directory, cursor, null, 0, out entry);
            if (found <= 0)
                return found;
            cursor = entry.Position + 1;
            if (!IsDotEntry(entry))
                break;
        }
        error = _cache.Get(entry.Physical, true, out CacheSlot slot);
        if (error < 0)
            return error;
        int copied = entry.NameLength < capacity ? entry.NameLength : capacity;
        for (int i = 0; i < copied; i++)
            name[i] = slot.Data[entry.Offset + DirectoryEntryField.Name + i];
        error = ReadInode(entry.Inode, out Inode inode);
        if (error < 0)
            return error;
        listing.Node = entry.Inode;
        listing.NameLength = entry.NameLength;
        listing.NextCursor = cursor;
        listing.Attributes = Describe(inode);
        return 1;
    }
}
