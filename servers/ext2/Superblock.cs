namespace Ocean.Servers.Ext2;

using static LittleEndian;

/// <summary>The superblock: its raw 1024 bytes (written back whole) and the fields this server uses.</summary>
public sealed class Superblock
{
    public readonly byte[] Raw = new byte[Ext2Format.SuperblockBytes];

    public uint InodesCount, BlocksCount, FreeBlocks, FreeInodes, FirstDataBlock, LogBlockSize;
    public uint BlocksPerGroup, InodesPerGroup, Revision, FirstInode, InodeSize;
    public uint FeatureCompat, FeatureIncompat, FeatureRoCompat;
    public uint MountTime, WriteTime;
    public ushort Magic, State, MountCount;

    /// <summary>Parses <see cref="Raw"/>; revision 0 gets its fixed first inode and inode size.</summary>
    public void Load()
    {
        InodesCount = U32(Raw, SuperblockField.InodesCount);
        BlocksCount = U32(Raw, SuperblockField.BlocksCount);
        FreeBlocks = U32(Raw, SuperblockField.FreeBlocksCount);
        FreeInodes = U32(Raw, SuperblockField.FreeInodesCount);
        FirstDataBlock = U32(Raw, SuperblockField.FirstDataBlock);
        LogBlockSize = U32(Raw, SuperblockField.LogBlockSize);
        BlocksPerGroup = U32(Raw, SuperblockField.BlocksPerGroup);
        InodesPerGroup = U32(Raw, SuperblockField.InodesPerGroup);
        MountTime = U32(Raw, SuperblockField.MountTime);
        WriteTime = U32(Raw, SuperblockField.WriteTime);
        MountCount = U16(Raw, SuperblockField.MountCount);
        Magic = U16(Raw, SuperblockField.Magic);
        State = U16(Raw, SuperblockField.State);
        Revision = U32(Raw, SuperblockField.RevisionLevel);
        if (Revision == Ext2Format.RevisionGoodOld)
        {
            FirstInode = Ext2Format.GoodOldFirstInode;
            InodeSize = Ext2Format.GoodOldInodeSize;
            FeatureCompat = FeatureIncompat = FeatureRoCompat = 0;
        }
        else
        {
            FirstInode = U32(Raw, SuperblockField.FirstInode);
            InodeSize = U16(Raw, SuperblockField.InodeSize);
            FeatureCompat = U32(Raw, SuperblockField.FeatureCompat);
            FeatureIncompat = U32(Raw, SuperblockField.FeatureIncompat);
            FeatureRoCompat = U32(Raw, SuperblockField.FeatureRoCompat);
        }
    }

    /// <summary>Writes the fields that change while mounted back into <see cref="Raw"/>.</summary>
    public void Store()
    {
        Put32(Raw, SuperblockField.FreeBlocksCount, FreeBlocks);
        Put32(Raw, SuperblockField.FreeInodesCount, FreeInodes);
        Put32(Raw, SuperblockField.MountTime, MountTime);
        Put32(Raw, SuperblockField.WriteTime, WriteTime);
        Put16(Raw, SuperblockField.MountCount, MountCount);
        Put16(Raw, SuperblockField.State, State);
        if (Revision != Ext2Format.RevisionGoodOld)
            Put32(Raw, SuperblockField.FeatureRoCompat, FeatureRoCompat);
    }
}
