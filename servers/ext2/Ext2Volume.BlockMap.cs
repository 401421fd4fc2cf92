namespace Ocean.Servers.Ext2;

using Ocean.Abi;

/// <summary>
/// The block map: a file's logical blocks through the inode's twelve direct pointers, then the single,
/// double and triple indirect trees. Changes to the inode (pointers, i_blocks) are the caller's to store.
/// </summary>
public sealed unsafe partial class Ext2Volume
{
    private const int MaxIndirection = 3;

    /// <summary>How many logical blocks the map can address at all.</summary>
    private ulong MaxFileBlocks =>
        Ext2Format.DirectBlocks + _pointersPerBlock + (ulong)_pointersPerBlock * _pointersPerBlock
        + (ulong)_pointersPerBlock * _pointersPerBlock * _pointersPerBlock;

    /// <summary>
    /// The physical block behind <paramref name="logical"/>; 0 for a hole unless <paramref name="allocate"/>,
    /// which fills the path with new zeroed blocks. Returns 0 or a negative errno (EIO for a bad pointer).
    /// </summary>
    private long MapBlock(ref Inode inode, ulong logical, bool allocate, uint goal, out uint physical)
    {
        physical = 0;
        int depth;
        int rootSlot;
        ulong index = logical;
        if (index < Ext2Format.DirectBlocks)
        {
            depth = 0;
            rootSlot = (int)index;
        }
        else
        {
            index -= Ext2Format.DirectBlocks;
            ulong span = _pointersPerBlock;
            depth = 1;
            while (index >= span)
            {
                index -= span;
                span *= _pointersPerBlock;
                if (++depth > MaxIndirection)
                    return -Errno.EFBIG;
            }
            rootSlot = Ext2Format.IndirectSlot + depth - 1;
        }

        uint current = inode.Block[rootSlot];
        if (current == 0)
        {
            if (!allocate)
                return 0;
            long error = AllocateBlock(goal, out current);
            if (error < 0)
                return error;
            inode.Block[rootSlot] = current;
            inode.Blocks += _unitsPerBlock;
        }
        else if (!IsBlockInRange(current))
            return -Errno.EIO;

        for (int level = depth - 1; level >= 0; level--)
        {
            ulong divisor = 1;
            for (int i = 0; i < level; i++)
                divisor *= _pointersPerBlock;
            int slotOffset = (int)(index / divisor % _pointersPerBlock) * sizeof(uint);
            long error = _cache.Get(current, true, out CacheSlot slot);
            if (error < 0)
                return error;
            uint next = LittleEndian.U32(slot.Data, slotOffset);
            if (next == 0)
            {
                if (!allocate)
                    return 0;
                error = AllocateBlock(current, out next);
                if (error < 0)
                    return error;
                inode.Blocks += _unitsPerBlock;
                // The allocation used the cache: fetch the parent again before changing it.
                error = _cache.Get(current, true, out slot);
                if (error < 0)
                    return error;
                LittleEndian.Put32(slot.Data, slotOffset, next);
                BlockCache.MarkDirty(slot);
            }
            else if (!IsBlockInRange(next))
                return -Errno.EIO;
            current = next;
        }
        physical = current;
        return 0;
    }

    /// <summary>Frees every block from logical block <paramref name="keep"/> on, indirect blocks that become empty too.</summary>
    private long FreeBlocksFrom(ref Inode inode, ulong keep)
    {
        for (int i = 0; i < Ext2Format.DirectBlocks; i++)
        {
            if ((ulong)i < keep || inode.Block[i] == 0)
                continue;
            long error = FreeBlock(inode.Block[i]);
            if (error < 0)
                return error;
            inode.Block[i] = 0;
            inode.Blocks -= _unitsPerBlock;
        }
        ulong start = Ext2Format.DirectBlocks;
        ulong span = _pointersPerBlock;
        for (int level = 1; level <= MaxIndirection; level++)
        {
            int rootSlot = Ext2Format.IndirectSlot + level - 1;
            if (inode.Block[rootSlot] != 0 && start + span > keep)
            {
                long result = FreeTree(ref inode, inode.Block[rootSlot], level, start, keep);
                if (result < 0)
                    return result;
                if (result == 1)
                    inode.Block[rootSlot] = 0;
            }
            start += span;
            span *= _pointersPerBlock;
        }
        return 0;
    }

    // Frees the part of an indirect tree (covering logical blocks from `start`) at or past `keep`;
    // returns 1 when the tree's own block was freed too.
    private long FreeTree(ref Inode inode, uint block, int level, ulong start, ulong keep)
    {
        if (!IsBlockInRange(block))
            return -Errno.EIO;
        ulong childSpan = 1;
        for (int i = 1; i < level; i++)
            childSpan *= _pointersPerBlock;
        bool whole = keep <= start;
        for (uint i = 0; i < _pointersPerBlock; i++)
        {
            ulong childStart = start + i * childSpan;
            if (childStart + childSpan <= keep)
                continue;
            // Fetched again for every child: freeing the previous one may have evicted it.
            long error = _cache.Get(block, true, out CacheSlot slot);
            if (error < 0)
                return error;
            uint child = LittleEndian.U32(slot.Data, (int)i * sizeof(uint));
            if (child == 0)
                continue;
            bool freed;
            if (level == 1)
            {
                error = FreeBlock(child);
                if (error < 0)
                    return error;
                inode.Blocks -= _unitsPerBlock;
                freed = true;
            }
            else
            {
                error = FreeTree(ref inode, child, level - 1, childStart, keep);
                if (error < 0)
                    return error;
                freed = error == 1;
            }
            if (freed && !whole)
            {
                error = _cache.Get(block, true, out slot);
                if (error < 0)
                    return error;
                LittleEndian.Put32(slot.Data, (int)i * sizeof(uint), 0);
                BlockCache.MarkDirty(slot);
            }
        }
        if (!whole)
            return 0;
        long freeError = FreeBlock(block);
        if (freeError < 0)
            return freeError;
        inode.Blocks -= _unitsPerBlock;
        return 1;
    }
}
