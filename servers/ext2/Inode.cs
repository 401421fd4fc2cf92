namespace Ocean.Servers.Ext2;

using static LittleEndian;

/// <summary>The fields of an on-disk inode this server reads and changes (the first 128 bytes; the rest is kept).</summary>
public unsafe struct Inode
{
    public ushort Mode;
    public ushort LinksCount;
    public ulong Size;
    public uint AccessTime, ChangeTime, ModifyTime, DeleteTime;
    /// <summary>512-byte units in use, indirect blocks included.</summary>
    public uint Blocks;
    public uint Flags;
    public uint FileAcl;
    public fixed uint Block[Ext2Format.BlockPointers];

    public readonly ushort Type => (ushort)(Mode & InodeMode.TypeMask);
    public readonly bool IsDirectory => Type == InodeMode.Directory;
    public readonly bool IsRegular => Type == InodeMode.Regular;

    /// <summary>Whether i_block holds block pointers (not a fast symlink's text or a device number).</summary>
    public readonly bool HasBlockMap(int blockSize) =>
        IsRegular || IsDirectory || Type == InodeMode.Symlink && Blocks != (FileAcl != 0 ? (uint)(blockSize / Ext2Format.BlocksCountUnit) : 0);

    public void Load(byte[] data, int offset)
    {
        Mode = U16(data, offset + InodeField.Mode);
        LinksCount = U16(data, offset + InodeField.LinksCount);
        Size = U32(data, offset + InodeField.Size);
        // i_size_high is the high half of a regular file's size (large_file); for others it is unused.
        if (IsRegular)
            Size |= (ulong)U32(data, offset + InodeField.SizeHigh) << 32;
        AccessTime = U32(data, offset + InodeField.AccessTime);
        ChangeTime = U32(data, offset + InodeField.ChangeTime);
        ModifyTime = U32(data, offset + InodeField.ModifyTime);
        DeleteTime = U32(data, offset + InodeField.DeleteTime);
        Blocks = U32(data, offset + InodeField.Blocks);
        Flags = U32(data, offset + InodeField.Flags);
        FileAcl = U32(data, offset + InodeField.FileAcl);
        for (int i = 0; i < Ext2Format.BlockPointers; i++)
            Block[i] = U32(data, offset + InodeField.Block + i * sizeof(uint));
    }

    public readonly void Store(byte[] data, int offset)
    {
        Put16(data, offset + InodeField.Mode, Mode);
        Put16(data, offset + InodeField.LinksCount, LinksCount);
        Put32(data, offset + InodeField.Size, (uint)Size);
        if (IsRegular)
            Put32(data, offset + InodeField.SizeHigh, (uint)(Size >> 32));
        Put32(data, offset + InodeField.AccessTime, AccessTime);
        Put32(data, offset + InodeField.ChangeTime, ChangeTime);
        Put32(data, offset + InodeField.ModifyTime, ModifyTime);
        Put32(data, offset + InodeField.DeleteTime, DeleteTime);
        Put32(data, offset + InodeField.Blocks, Blocks);
        Put32(data, offset + InodeField.Flags, Flags);
        Put32(data, offset + InodeField.FileAcl, FileAcl);
        for (int i = 0; i < Ext2Format.BlockPointers; i++)
            Put32(data, offset + InodeField.Block + i * sizeof(uint), Block[i]);
    }
}
