namespace Ocean.Servers.Ext2;

using Ocean.Abi;

/// <summary>
/// Block and inode allocation through the groups' bitmaps, keeping the group descriptors' and the
/// superblock's counts in step with every bit that changes.
/// </summary>
public sealed unsafe partial class Ext2Volume
{
    private const int BitsPerByte = 8;
    private const byte FullByte = 0xFF;

    /// <summary>Allocates a block, preferring <paramref name="goal"/>'s group and the blocks after it; zero-filled in the cache.</summary>
    private long AllocateBlock(uint goal, out uint block)
    {
        block = 0;
        if (_super.FreeBlocks == 0)
            return -Errno.ENOSPC;
        if (!IsBlockInRange(goal))
            goal = _super.FirstDataBlock;
        uint startGroup = (goal - _super.FirstDataBlock) / _super.BlocksPerGroup;
        for (uint i = 0; i < _groupCount; i++)
        {
            uint group = (startGroup + i) % _groupCount;
            if (_groups[group].FreeBlocks == 0)
                continue;
            uint first = i == 0 ? (goal - _super.FirstDataBlock) % _super.BlocksPerGroup : 0;
            long bit = TakeFreeBit(_groups[group].BlockBitmap, GroupBlockCount(group), first);
            if (bit == -Errno.ENOSPC && first != 0)
                bit = TakeFreeBit(_groups[group].BlockBitmap, GroupBlockCount(group), 0);
            if (bit == -Errno.ENOSPC)
                continue;   // the count was wrong; try further groups
            if (bit < 0)
                return bit;
            _groups[group].FreeBlocks--;
            _super.FreeBlocks--;
            long error = StoreGroup(group);
            if (error < 0)
                return error;
            block = _super.FirstDataBlock + group * _super.BlocksPerGroup + (uint)bit;
            error = _cache.Get(block, false, out CacheSlot slot);
            if (error < 0)
                return error;
            BlockCache.MarkDirty(slot);
            return 0;
        }
        return -Errno.ENOSPC;
    }

    private long FreeBlock(uint block)
    {
        if (!IsBlockInRange(block))
            return -Errno.EIO;
        uint group = (block - _super.FirstDataBlock) / _super.BlocksPerGroup;
        long error = ClearBit(_groups[group].BlockBitmap, (block - _super.FirstDataBlock) % _super.BlocksPerGroup);
        if (error < 0)
            return error;
        _groups[group].FreeBlocks++;
        _super.FreeBlocks++;
        return StoreGroup(group);
    }

    /// <summary>Allocates an inode, preferring the parent's group (Linux spreads directories; locality suffices here).</summary>
    private long AllocateInode(uint parent, bool directory, out uint node)
    {
        node = 0;
        if (_super.FreeInodes == 0)
            return -Errno.ENOSPC;
        uint startGroup = (parent - 1) / _super.InodesPerGroup;
        for (uint i = 0; i < _groupCount; i++)
        {
            uint group = (startGroup + i) % _groupCount;
            if (_groups[group].FreeInodes == 0)
                continue;
            // Reserved inodes (below s_first_ino) are marked used by mkfs; never hand them out regardless.
            uint first = group == 0 ? _super.FirstInode - 1 : 0;
            long bit = TakeFreeBit(_groups[group].InodeBitmap, _super.InodesPerGroup, first);
            if (bit == -Errno.ENOSPC)
                continue;
            if (bit < 0)
                return bit;
            _groups[group].FreeInodes--;
            _super.FreeInodes--;
            if (directory)
                _groups[group].UsedDirectories++;
            long error = StoreGroup(group);
            if (error < 0)
                return error;
            node = group * _super.InodesPerGroup + (uint)bit + 1;
            return 0;
        }
        return -Errno.ENOSPC;
    }

    private long FreeInode(uint node, bool directory)
    {
        uint group = (node - 1) / _super.InodesPerGroup;
        long error = ClearBit(_groups[group].InodeBitmap, (node - 1) % _super.InodesPerGroup);
        if (error < 0)
            return error;
        _groups[group].FreeInodes++;
        _super.FreeInodes++;
        if (directory && _groups[group].UsedDirectories > 0)
            _groups[group].UsedDirectories--;
        return StoreGroup(group);
    }

    // Finds a clear bit at or after `first` (below `limit`) in the bitmap block, sets it, returns its index.
    private long TakeFreeBit(uint bitmapBlock, uint limit, uint first)
    {
        long error = _cache.Get(bitmapBlock, true, out CacheSlot slot);
        if (error < 0)
            return error;
        byte[] bits = slot.Data;
        for (uint bit = first; bit < limit; bit++)
        {
            uint index = bit / BitsPerByte;
            if (bits[index] == FullByte && bit % BitsPerByte == 0)
            {
                bit += BitsPerByte - 1;
                continue;
            }
            int mask = 1 << (int)(bit % BitsPerByte);
            if ((bits[index] & mask) == 0)
            {
                bits[index] = (byte)(bits[index] | mask);
                BlockCache.MarkDirty(slot);
                return bit;
            }
        }
        return -Errno.ENOSPC;
    }

    private long ClearBit(uint bitmapBlock, uint bit)
    {
        long error = _cache.Get(bitmapBlock, true, out CacheSlot slot);
        if (error < 0)
            return error;
        int mask = 1 << (int)(bit % BitsPerByte);
        if ((slot.Data[bit / BitsPerByte] & mask) == 0)
            return -Errno.EIO;   // freeing something free: the image is inconsistent
        slot.Data[bit / BitsPerByte] = (byte)(slot.Data[bit / BitsPerByte] & ~mask);
        BlockCache.MarkDirty(slot);
        return 0;
    }

    // Writes a group's counts into its descriptor in the (primary) table.
    private long StoreGroup(uint group)
    {
        ulong byteOffset = (ulong)group * Ext2Format.GroupDescriptorBytes;
        long error = _cache.Get(_super.FirstDataBlock + 1 + byteOffset / (ulong)_blockSize, true, out CacheSlot slot);
        if (error < 0)
            return error;
        _groups[group].StoreCounts(slot.Data, (int)(byteOffset % (ulong)_blockSize));
        BlockCache.MarkDirty(slot);
        return 0;
    }
}
