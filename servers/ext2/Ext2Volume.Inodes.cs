namespace Ocean.Servers.Ext2;

using Ocean.Abi;

/// <summary>Reading and writing inodes in the inode tables.</summary>
public sealed unsafe partial class Ext2Volume
{
    private long InodeLocation(uint node, out ulong block, out int offset)
    {
        block = 0;
        offset = 0;
        if (node == 0 || node > _super.InodesCount)
            return -Errno.EIO;
        uint group = (node - 1) / _super.InodesPerGroup;
        ulong byteOffset = (ulong)((node - 1) % _super.InodesPerGroup) * _super.InodeSize;
        block = _groups[group].InodeTable + byteOffset / (ulong)_blockSize;
        offset = (int)(byteOffset % (ulong)_blockSize);
        return 0;
    }

    private long ReadInode(uint node, out Inode inode)
    {
        inode = default;
        long error = InodeSlot(node, out CacheSlot slot, out int offset);
        if (error < 0)
            return error;
        inode.Load(slot.Data, offset);
        return 0;
    }

    private long WriteInode(uint node, in Inode inode)
    {
        long error = InodeSlot(node, out CacheSlot slot, out int offset);
        if (error < 0)
            return error;
        inode.Store(slot.Data, offset);
        BlockCache.MarkDirty(slot);
        return 0;
    }

    // The cached block holding inode `node`, and where in it the inode starts.
    private long InodeSlot(uint node, out CacheSlot slot, out int offset)
    {
        slot = null;
        long error = InodeLocation(node, out ulong block, out offset);
        return error < 0 ? error : _cache.Get(block, true, out slot);
    }

    // A fresh inode: every on-disk byte zero (extra fields of large inodes too), as Linux's ext2 does.
    private long ClearInode(uint node)
    {
        long error = InodeLocation(node, out ulong block, out int offset);
        if (error < 0)
            return error;
        error = _cache.Get(block, true, out CacheSlot slot);
        if (error < 0)
            return error;
        LittleEndian.Clear(slot.Data, offset, (int)_super.InodeSize);
        BlockCache.MarkDirty(slot);
        return 0;
    }

    /// <summary>A node a client names: a valid number of an inode in use, or ENOENT.</summary>
    private long LoadNode(uint node, out Inode inode)
    {
        inode = default;
        if (node == 0 || node > _super.InodesCount || node != Ext2Format.RootInode && node < _super.FirstInode)
            return -Errno.ENOENT;
        long error = ReadInode(node, out inode);
        if (error < 0)
            return error;
        return inode.LinksCount == 0 || inode.Mode == 0 ? -Errno.ENOENT : 0;
    }

    private long LoadDirectory(uint node, out Inode inode)
    {
        long error = LoadNode(node, out inode);
        if (error < 0)
            return error;
        return inode.IsDirectory ? 0 : -Errno.ENOTDIR;
    }

    /// <summary>Frees an unlinked inode: its blocks, its attribute block, its bitmap bit.</summary>
    private long ReleaseInode(uint node, ref Inode inode)
    {
        long error = FreeAllBlocks(ref inode);
        if (error < 0)
            return error;
        if (inode.FileAcl != 0)
        {
            error = ReleaseAttributeBlock(inode.FileAcl);
            if (error < 0)
                return error;
            inode.FileAcl = 0;
            inode.Blocks = 0;
        }
        bool directory = inode.IsDirectory;
        inode.LinksCount = 0;
        inode.DeleteTime = Now;
        error = WriteInode(node, inode);
        if (error < 0)
            return error;
        return FreeInode(node, directory);
    }

    private long FreeAllBlocks(ref Inode inode)
    {
        if (inode.HasBlockMap(_blockSize))
            return FreeBlocksFrom(ref inode, 0);
        return 0;
    }

    // Attribute blocks are shared by reference count; the last reference frees the block.
    private long ReleaseAttributeBlock(uint block)
    {
        if (!IsBlockInRange(block))
            return -Errno.EIO;
        long error = _cache.Get(block, true, out CacheSlot slot);
        if (error < 0)
            return error;
        if (LittleEndian.U32(slot.Data, AttributeBlockField.MagicOffset) != AttributeBlockField.Magic)
            return -Errno.EIO;
        uint references = LittleEndian.U32(slot.Data, AttributeBlockField.RefCount);
        if (references > 1)
        {
            LittleEndian.Put32(slot.Data, AttributeBlockField.RefCount, references - 1);
            BlockCache.MarkDirty(slot);
            return 0;
        }
        return FreeBlock(block);
    }
}
