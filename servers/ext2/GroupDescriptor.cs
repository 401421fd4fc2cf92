namespace Ocean.Servers.Ext2;

using static LittleEndian;

/// <summary>One block group's descriptor: where its bitmaps and inode table are, and its counts.</summary>
public struct GroupDescriptor
{
    public uint BlockBitmap, InodeBitmap, InodeTable;
    public uint FreeBlocks, FreeInodes, UsedDirectories;

    public void Load(byte[] data, int offset)
    {
        BlockBitmap = U32(data, offset + GroupDescriptorField.BlockBitmap);
        InodeBitmap = U32(data, offset + GroupDescriptorField.InodeBitmap);
        InodeTable = U32(data, offset + GroupDescriptorField.InodeTable);
        FreeBlocks = U16(data, offset + GroupDescriptorField.FreeBlocksCount);
        FreeInodes = U16(data, offset + GroupDescriptorField.FreeInodesCount);
        UsedDirectories = U16(data, offset + GroupDescriptorField.UsedDirsCount);
    }

    /// <summary>Writes back the counts (the locations never change).</summary>
    public readonly void StoreCounts(byte[] data, int offset)
    {
        Put16(data, offset + GroupDescriptorField.FreeBlocksCount, FreeBlocks);
        Put16(data, offset + GroupDescriptorField.FreeInodesCount, FreeInodes);
        Put16(data, offset + GroupDescriptorField.UsedDirsCount, UsedDirectories);
    }
}
