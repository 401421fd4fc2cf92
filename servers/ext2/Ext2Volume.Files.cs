namespace Ocean.Servers.Ext2;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>File data: attributes, read, write and truncate.</summary>
public sealed unsafe partial class Ext2Volume
{
    /// <summary>Without large_file (or on revision 0) a file's size must fit 31 bits.</summary>
    private const ulong SmallFileLimit = (1UL << 31) - 1;
    /// <summary>i_blocks is 32 bits of 512-byte units: 2 TiB, less room for indirect blocks.</summary>
    private const ulong BlocksFieldLimit = 1UL << 40;
    /// <summary>Fast symlinks keep their target in i_block's 60 bytes.</summary>
    private const int InlineSymlinkBytes = Ext2Format.BlockPointers * sizeof(uint);

    public long GetAttributes(uint node, out NodeAttributes attributes)
    {
        attributes = default;
        long error = LoadNode(node, out Inode inode);
        if (error < 0)
            return error;
        attributes = Describe(inode);
        return 0;
    }

    private static NodeAttributes Describe(in Inode inode) => new NodeAttributes
    {
        Kind = inode.IsDirectory ? VfsNodeKind.Directory : VfsNodeKind.File,
        Size = inode.Size,
        Links = inode.LinksCount,
        Modified = inode.ModifyTime,
    };

    /// <summary>Reads up to <paramref name="length"/> bytes at <paramref name="offset"/>; returns the count (0 at the end).</summary>
    public long Read(uint node, ulong offset, byte* buffer, ulong length)
    {
        long error = LoadNode(node, out Inode inode);
        if (error < 0)
            return error;
        if (inode.IsDirectory)
            return -Errno.EISDIR;
        if (offset >= inode.Size)
            return 0;
        if (length > inode.Size - offset)
            length = inode.Size - offset;
        if (!inode.HasBlockMap(_blockSize))
            return ReadInline(inode, offset, buffer, length);
        ulong done = 0;
        while (done < length)
        {
            ulong position = offset + done;
            int within = (int)(position % (ulong)_blockSize);
            ulong count = (ulong)(_blockSize - within);
            if (count > length - done)
                count = length - done;
            error = MapBlock(ref inode, position / (ulong)_blockSize, false, 0, out uint physical);
            if (error < 0)
                return done > 0 ? (long)done : error;
            if (physical == 0)
            {
                for (ulong i = 0; i < count; i++)
                    buffer[done + i] = 0;
            }
            else if (within == 0 && count == (ulong)_blockSize && !_cache.Holds(physical))
            {
                error = ReadRun(ref inode, position / (ulong)_blockSize, physical, buffer + done, length - done, out count);
                if (error < 0)
                    return done > 0 ? (long)done : error;
            }
            else
            {
                error = _cache.Get(physical, true, out CacheSlot slot);
                if (error < 0)
                    return done > 0 ? (long)done : error;
                fixed (byte* data = slot.Data)
                    for (ulong i = 0; i < count; i++)
                        buffer[done + i] = data[within + (int)i];
            }
            done += count;
        }
        return (long)done;
    }

    /// <summary>The most a sequential read asks of the device at once.</summary>
    private const int RunBytes = 256 * 1024;

    // Whole blocks that lie one after another on the disk and are not cached are read in one device
    // request (through a buffer of the volume's own: the destination may be memory lent to us, which
    // is not lent on). Returns the bytes placed in `destination` through `count`.
    private long ReadRun(ref Inode inode, ulong logical, uint physical, byte* destination, ulong remaining, out ulong count)
    {
        count = 0;
        uint maxBlocks = (uint)(RunBytes / _blockSize);
        uint run = 1;
        while (run < maxBlocks && (ulong)(run + 1) * (ulong)_blockSize <= remaining)
        {
            if (MapBlock(ref inode, logical + run, false, 0, out uint next) < 0 || next != physical + run || _cache.Holds(next))
                break;
            run++;
        }
        if (_runBuffer == null)
            _runBuffer = new byte[RunBytes];
        long error;
        fixed (byte* data = _runBuffer)
        {
            error = _cache.ReadAround(physical, run, data);
            if (error < 0)
                return error;
            count = (ulong)run * (ulong)_blockSize;
            for (ulong i = 0; i < count; i += sizeof(ulong))   // whole blocks: a multiple of 8 bytes
                *(ulong*)(destination + i) = *(ulong*)(data + i);
        }
        return 0;
    }

    private byte[] _runBuffer;

    // A fast symlink's target, or the nothing that devices and fifos hold.
    private static long ReadInline(in Inode inode, ulong offset, byte* buffer, ulong length)
    {
        if (inode.Type != InodeMode.Symlink || offset + length > InlineSymlinkBytes)
            return 0;
        for (ulong i = 0; i < length; i++)
        {
            ulong position = offset + i;
            buffer[i] = (byte)(inode.Block[(int)(position / sizeof(uint))] >> (int)(position % sizeof(uint) * 8));
        }
        return (long)length;
    }

    // A regular file about to change, whose new end (or size) `end` the volume allows.
    private long LoadFileForChange(uint node, ulong end, out Inode inode)
    {
        inode = default;
        if (_readOnly)
            return -Errno.EROFS;
        long error = LoadNode(node, out inode);
        if (error < 0)
            return error;
        if (inode.IsDirectory)
            return -Errno.EISDIR;
        if (!inode.IsRegular)
            return -Errno.EINVAL;
        if (end > MaxFileSize)
            return -Errno.EFBIG;
        return AllowLargeFile(end);
    }

    /// <summary>Writes <paramref name="length"/> bytes at <paramref name="offset"/>, growing the file; returns the count written.</summary>
    public long Write(uint node, ulong offset, byte* data, ulong length)
    {
        ulong end = offset + length;
        bool wraps = length != 0 && end < offset;
        long error = LoadFileForChange(node, length == 0 ? 0 : wraps ? ulong.MaxValue : end, out Inode inode);
        if (error < 0)
            return error;
        if (length == 0)
            return 0;

        ulong done = 0;
        uint goal = inode.Block[0];
        while (done < length)
        {
            ulong position = offset + done;
            int within = (int)(position % (ulong)_blockSize);
            ulong count = (ulong)(_blockSize - within);
            if (count > length - done)
                count = length - done;
            error = MapBlock(ref inode, position / (ulong)_blockSize, true, goal, out uint physical);
            if (error < 0)
                break;
            goal = physical;
            // A block written whole needs no read first (newly allocated blocks are already cached).
            error = _cache.Get(physical, count != (ulong)_blockSize, out CacheSlot slot);
            if (error < 0)
                break;
            fixed (byte* block = slot.Data)
                for (ulong i = 0; i < count; i++)
                    block[within + (int)i] = data[done + i];
            BlockCache.MarkDirty(slot);
            done += count;
        }
        if (offset + done > inode.Size)
            inode.Size = offset + done;
        inode.ModifyTime = inode.ChangeTime = Now;
        long stored = WriteInode(node, inode);
        if (done == 0)
            return error < 0 ? error : stored;
        return stored < 0 ? stored : (long)done;
    }

    /// <summary>Sets a file's size: shrinking frees the blocks past it, growing leaves a hole that reads as zeros.</summary>
    public long Truncate(uint node, ulong size)
    {
        long error = LoadFileForChange(node, size, out Inode inode);
        if (error < 0)
            return error;
        if (size < inode.Size)
        {
            ulong keep = (size + (ulong)_blockSize - 1) / (ulong)_blockSize;
            error = FreeBlocksFrom(ref inode, keep);
            if (error < 0)
                return error;
            // Zero the kept block's tail so growing again reads zeros there, not old data.
            int within = (int)(size % (ulong)_blockSize);
            if (within != 0)
            {
                error = MapBlock(ref inode, size / (ulong)_blockSize, false, 0, out uint physical);
                if (error < 0)
                    return error;
                if (physical != 0)
                {
                    error = _cache.Get(physical, true, out CacheSlot slot);
                    if (error < 0)
                        return error;
                    LittleEndian.Clear(slot.Data, within, _blockSize - within);
                    BlockCache.MarkDirty(slot);
                }
            }
        }
        inode.Size = size;
        inode.ModifyTime = inode.ChangeTime = Now;
        return WriteInode(node, inode);
    }

    private ulong MaxFileSize
    {
        get
        {
            ulong limit = MaxFileBlocks * (ulong)_blockSize;
            if (limit > BlocksFieldLimit)
                limit = BlocksFieldLimit;
            return _super.Revision == Ext2Format.RevisionGoodOld ? SmallFileLimit : limit;
        }
    }

    // Files of 2 GiB and more need ro_compat large_file; set it the first time (as Linux does).
    private long AllowLargeFile(ulong size)
    {
        if (size <= SmallFileLimit || (_super.FeatureRoCompat & Ext2Features.RoCompatLargeFile) != 0)
            return 0;
        if (_super.Revision == Ext2Format.RevisionGoodOld)
            return -Errno.EFBIG;
        _super.FeatureRoCompat |= Ext2Features.RoCompatLargeFile;
        return StoreSuperblock();
    }
}
