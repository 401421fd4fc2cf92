namespace Ocean.Servers.Ext2;

/// <summary>On-disk layout of ext2 (the Linux kernel's Documentation/filesystems/ext2 and e2fsprogs' ext2_fs.h).</summary>
public static class Ext2Format
{
    public const ushort Magic = 0xEF53;
    /// <summary>The superblock always starts 1024 bytes into the device and is 1024 bytes long.</summary>
    public const int SuperblockOffset = 1024, SuperblockBytes = 1024;
    public const int MinBlockSize = 1024, MaxBlockSize = 4096, MaxLogBlockSize = 2;
    public const uint RootInode = 2;
    /// <summary>Revision 0 has fixed inode size and first usable inode.</summary>
    public const uint GoodOldFirstInode = 11;
    public const int GoodOldInodeSize = 128;
    public const uint RevisionGoodOld = 0, RevisionDynamic = 1;
    public const int GroupDescriptorBytes = 32;
    public const int DirectBlocks = 12, IndirectSlot = 12, DoubleIndirectSlot = 13, TripleIndirectSlot = 14, BlockPointers = 15;
    public const int MaxNameLength = 255;
    /// <summary>i_blocks counts 512-byte units whatever the block size.</summary>
    public const int BlocksCountUnit = 512;
}

/// <summary>Byte offsets of the superblock fields this server uses.</summary>
public static class SuperblockField
{
    public const int InodesCount = 0, BlocksCount = 4, ReservedBlocksCount = 8, FreeBlocksCount = 12, FreeInodesCount = 16;
    public const int FirstDataBlock = 20, LogBlockSize = 24, BlocksPerGroup = 32, InodesPerGroup = 40;
    public const int MountTime = 44, WriteTime = 48, MountCount = 52, Magic = 56, State = 58;
    public const int RevisionLevel = 76;
    // Revision 1 (dynamic) only.
    public const int FirstInode = 84, InodeSize = 88, FeatureCompat = 92, FeatureIncompat = 96, FeatureRoCompat = 100;
}

/// <summary>s_state bits.</summary>
public static class SuperblockState
{
    /// <summary>Cleanly unmounted; cleared while mounted read-write so a crash forces a check.</summary>
    public const ushort Valid = 1;
    public const ushort Errors = 2;
}

/// <summary>Feature bits this server knows.</summary>
public static class Ext2Features
{
    /// <summary>Directory entries carry a file type byte (the only incompatible feature supported).</summary>
    public const uint IncompatFileType = 0x2;
    public const uint SupportedIncompat = IncompatFileType;
    public const uint RoCompatSparseSuper = 0x1, RoCompatLargeFile = 0x2;
    public const uint SupportedRoCompat = RoCompatSparseSuper | RoCompatLargeFile;
}

/// <summary>Byte offsets in a group descriptor.</summary>
public static class GroupDescriptorField
{
    public const int BlockBitmap = 0, InodeBitmap = 4, InodeTable = 8, FreeBlocksCount = 12, FreeInodesCount = 14, UsedDirsCount = 16;
}

/// <summary>Byte offsets in an inode (the 128-byte revision 0 part).</summary>
public static class InodeField
{
    public const int Mode = 0, Uid = 2, Size = 4, AccessTime = 8, ChangeTime = 12, ModifyTime = 16, DeleteTime = 20;
    public const int Gid = 24, LinksCount = 26, Blocks = 28, Flags = 32, Block = 40, FileAcl = 104, SizeHigh = 108;
}

/// <summary>i_mode's file type bits and the permissions new nodes get.</summary>
public static class InodeMode
{
    public const ushort TypeMask = 0xF000, Fifo = 0x1000, CharDevice = 0x2000, Directory = 0x4000, BlockDevice = 0x6000;
    public const ushort Regular = 0x8000, Symlink = 0xA000, Socket = 0xC000;
    public const ushort NewFilePermissions = 0x1A4, NewDirectoryPermissions = 0x1ED; // 0644, 0755
}

/// <summary>i_flags bits.</summary>
public static class InodeFlags
{
    /// <summary>The directory has an htree index; Linux's ext2 clears it when it changes the directory without updating the index.</summary>
    public const uint Index = 0x1000;
}

/// <summary>Directory entry layout and the file type codes of the filetype feature.</summary>
public static class DirectoryEntryField
{
    public const int Inode = 0, RecordLength = 4, NameLength = 6, FileType = 7, Name = 8;
    public const int HeaderBytes = 8;
    public const byte TypeUnknown = 0, TypeRegular = 1, TypeDirectory = 2, TypeSymlink = 7;
}

/// <summary>The header of an extended attribute block (ext_attr), shared by reference count.</summary>
public static class AttributeBlockField
{
    public const uint Magic = 0xEA020000;
    public const int MagicOffset = 0, RefCount = 4;
}
