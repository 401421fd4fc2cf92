namespace Ocean.Servers.Ext2;

using Ocean.Abi;

/// <summary>
/// A mounted ext2 file system (revision 0 or 1; 1, 2 or 4 KiB blocks) on a <see cref="BlockDevice"/>.
/// Nodes are inode numbers. Every operation returns a negative errno on failure, so a corrupted image
/// yields EIO rather than a crash. Everything the volume needs is allocated at mount; metadata changes
/// go through the write-back <see cref="BlockCache"/> and reach the device on <see cref="Sync"/>.
/// </summary>
public sealed unsafe partial class Ext2Volume
{
    private readonly BlockDevice _device;
    private readonly Superblock _super;
    private readonly BlockCache _cache;
    private readonly GroupDescriptor[] _groups;
    private readonly int _blockSize;
    private readonly uint _groupCount;
    private readonly uint _pointersPerBlock;
    private readonly uint _unitsPerBlock;
    private readonly bool _readOnly;
    private readonly ushort _stateAtMount;
    private bool _mounted;

    /// <summary>The time stamps new and changed nodes get (Unix seconds); the owner keeps it current.</summary>
    public uint Now;

    private Ext2Volume(BlockDevice device, Superblock super, int blockSize, uint groupCount, bool readOnly)
    {
        _device = device;
        _super = super;
        _blockSize = blockSize;
        _groupCount = groupCount;
        _pointersPerBlock = (uint)blockSize / sizeof(uint);
        _unitsPerBlock = (uint)blockSize / Ext2Format.BlocksCountUnit;
        _readOnly = readOnly;
        _stateAtMount = super.State;
        _cache = new BlockCache(device, blockSize);
        _groups = new GroupDescriptor[groupCount];
        Now = super.WriteTime > super.MountTime ? super.WriteTime : super.MountTime;
    }

    public static uint Root => Ext2Format.RootInode;
    public int BlockSize => _blockSize;
    public uint Revision => _super.Revision;
    public bool IsReadOnly => _readOnly;
    public ulong TotalBlocks => _super.BlocksCount;
    public ulong FreeBlocks => _super.FreeBlocks;
    public ulong TotalNodes => _super.InodesCount;
    public ulong FreeNodes => _super.FreeInodes;
    /// <summary>Whether the file system was marked cleanly unmounted and error-free when mounted.</summary>
    public bool WasClean => (_stateAtMount & (SuperblockState.Valid | SuperblockState.Errors)) == SuperblockState.Valid;

    /// <summary>
    /// Checks and mounts the file system on <paramref name="device"/>. On failure returns null with a
    /// negative errno in <paramref name="error"/> and a one-line reason in <paramref name="message"/>.
    /// Unknown read-only-compatible features force a read-only mount.
    /// </summary>
    public static Ext2Volume Mount(BlockDevice device, bool readOnly, out long error, out string message)
    {
        error = -Errno.EINVAL;
        const int superblockSectors = Ext2Format.SuperblockBytes / BlockDevice.SectorSize;
        const int superblockSector = Ext2Format.SuperblockOffset / BlockDevice.SectorSize;
        if (device.SectorCount < superblockSector + superblockSectors)
        {
            message = "device too small for a superblock";
            return null;
        }
        var super = new Superblock();
        long result;
        fixed (byte* raw = super.Raw)
            result = device.Read(superblockSector, superblockSectors, raw);
        if (result < 0)
        {
            error = result;
            message = "cannot read the superblock";
            return null;
        }
        super.Load();
        message = CheckSuperblock(super, device.SectorCount, out uint groupCount);
        if (message != null)
            return null;
        if ((super.FeatureIncompat & ~Ext2Features.SupportedIncompat) != 0)
        {
            message = "unsupported incompatible features (only filetype is supported)";
            return null;
        }
        if ((super.FeatureRoCompat & ~Ext2Features.SupportedRoCompat) != 0)
            readOnly = true;

        var volume = new Ext2Volume(device, super, Ext2Format.MinBlockSize << (int)super.LogBlockSize, groupCount, readOnly);
        message = volume.LoadGroups();
        if (message == null)
            message = volume.CheckRoot();
        if (message != null)
        {
            error = -Errno.EIO;
            return null;
        }
        if (!readOnly)
        {
            // Linux's way: count the mount and clear "valid" until a clean unmount restores the state.
            super.MountCount++;
            super.MountTime = volume.Now;
            super.State = (ushort)(super.State & ~SuperblockState.Valid);
            result = volume.Sync();
            if (result < 0)
            {
                error = result;
                message = "cannot write the superblock";
                return null;
            }
        }
        volume._mounted = true;
        error = 0;
        return volume;
    }

    // Returns why the superblock is unusable, or null; computes the number of block groups.
    private static string CheckSuperblock(Superblock super, ulong deviceSectors, out uint groupCount)
    {
        groupCount = 0;
        if (super.Magic != Ext2Format.Magic)
            return "bad superblock magic";
        if (super.Revision > Ext2Format.RevisionDynamic)
            return "unsupported revision";
        if (super.LogBlockSize > Ext2Format.MaxLogBlockSize)
            return "unsupported block size";
        uint blockSize = (uint)Ext2Format.MinBlockSize << (int)super.LogBlockSize;
        uint bitsPerBlock = blockSize * 8;
        if (super.BlocksCount == 0 || super.InodesCount == 0 || super.BlocksPerGroup == 0 || super.InodesPerGroup == 0
            || super.BlocksPerGroup > bitsPerBlock || super.InodesPerGroup > bitsPerBlock)
            return "bad block or inode counts";
        if (super.FirstDataBlock != (blockSize == Ext2Format.MinBlockSize ? 1u : 0u) || super.FirstDataBlock >= super.BlocksCount)
            return "bad first data block";
        if (super.InodeSize < Ext2Format.GoodOldInodeSize || super.InodeSize > blockSize || (super.InodeSize & (super.InodeSize - 1)) != 0)
            return "bad inode size";
        if (super.FirstInode <= Ext2Format.RootInode || super.FirstInode > super.InodesCount)
            return "bad first inode";
        groupCount = (super.BlocksCount - super.FirstDataBlock + super.BlocksPerGroup - 1) / super.BlocksPerGroup;
        if ((ulong)groupCount * super.InodesPerGroup != super.InodesCount)
            return "inode count does not match the groups";
        if (super.FreeBlocks > super.BlocksCount || super.FreeInodes > super.InodesCount)
            return "bad free counts";
        if ((ulong)super.BlocksCount * (blockSize / BlockDevice.SectorSize) > deviceSectors)
            return "file system larger than the device (truncated image?)";
        return null;
    }

    // Reads and checks the group descriptor table (right after the superblock's block).
    private string LoadGroups()
    {
        uint tableBlocks = (uint)((_groupCount * Ext2Format.GroupDescriptorBytes + _blockSize - 1) / _blockSize);
        if (_super.FirstDataBlock + 1 + (ulong)tableBlocks > _super.BlocksCount)
            return "group descriptor table past the end";
        uint inodeTableBlocks = (uint)(((ulong)_super.InodesPerGroup * _super.InodeSize + (ulong)_blockSize - 1) / (ulong)_blockSize);
        uint freeBlocks = 0, freeInodes = 0;
        for (uint g = 0; g < _groupCount; g++)
        {
            ulong byteOffset = (ulong)g * Ext2Format.GroupDescriptorBytes;
            if (_cache.Get(_super.FirstDataBlock + 1 + byteOffset / (ulong)_blockSize, true, out CacheSlot slot) < 0)
                return "cannot read the group descriptors";
            ref GroupDescriptor group = ref _groups[g];
            group.Load(slot.Data, (int)(byteOffset % (ulong)_blockSize));
            if (!IsBlockInRange(group.BlockBitmap) || !IsBlockInRange(group.InodeBitmap) || !IsBlockInRange(group.InodeTable)
                || (ulong)group.InodeTable + inodeTableBlocks > _super.BlocksCount)
                return "group descriptor points outside the file system";
            if (group.FreeBlocks > GroupBlockCount(g) || group.FreeInodes > _super.InodesPerGroup || group.UsedDirectories > _super.InodesPerGroup)
                return "bad group descriptor counts";
            freeBlocks += group.FreeBlocks;
            freeInodes += group.FreeInodes;
        }
        // The group counts are authoritative (Linux sums them too); the superblock's copy may lag.
        _super.FreeBlocks = freeBlocks;
        _super.FreeInodes = freeInodes;
        return null;
    }

    private string CheckRoot()
    {
        if (ReadInode(Ext2Format.RootInode, out Inode root) < 0)
            return "cannot read the root directory";
        if (!root.IsDirectory || root.LinksCount == 0)
            return "root is not a directory";
        return null;
    }

    /// <summary>Writes every change (superblock and group counts included) to the device and flushes it.</summary>
    public long Sync()
    {
        if (!_readOnly)
        {
            _super.WriteTime = Now;
            long error = StoreSuperblock();
            if (error < 0)
                return error;
        }
        return _cache.Sync();
    }

    /// <summary>Restores the state found at mount (clean unless it was not), syncs, and ends the mount.</summary>
    public long Unmount()
    {
        if (!_mounted)
            return 0;
        if (!_readOnly)
            _super.State = _stateAtMount;
        long error = Sync();
        _mounted = false;
        return error;
    }

    private long StoreSuperblock()
    {
        _super.Store();
        long error = _cache.Get((ulong)(Ext2Format.SuperblockOffset / _blockSize), true, out CacheSlot slot);
        if (error < 0)
            return error;
        LittleEndian.Copy(_super.Raw, 0, slot.Data, Ext2Format.SuperblockOffset % _blockSize, Ext2Format.SuperblockBytes);
        BlockCache.MarkDirty(slot);
        return 0;
    }

    private bool IsBlockInRange(uint block) => block >= _super.FirstDataBlock && block < _super.BlocksCount;

    private uint GroupBlockCount(uint group) =>
        group == _groupCount - 1 ? _super.BlocksCount - _super.FirstDataBlock - group * _super.BlocksPerGroup : _super.BlocksPerGroup;
}
