namespace Ocean.Protocols;

/// <summary>
/// What the block server answers (service "blk"); the request is the message label, word 0 names the
/// device: 0 is the first disk, then its partitions, then the next disk and its partitions, and so on.
/// Data moves through grants of whole sectors (at most <see cref="BlkProtocol.MaxTransferBytes"/>).
/// Reply labels are 0 or a positive errno, as in <see cref="InitProtocol"/>.
/// </summary>
public enum BlkRequest : uint
{
    /// <summary>Word 0 device. Reply words: see <see cref="BlkProtocol"/> (SectorCountWord…); ENOENT past the last device.</summary>
    Info = 1,
    /// <summary>Word 0 device, 1 first sector, 2 sector count; write grant of count × 512 bytes. Reply word 0: sectors read.</summary>
    Read = 2,
    /// <summary>Word 0 device, 1 first sector, 2 sector count; read grant of the data. Reply word 0: sectors written.</summary>
    Write = 3,
    /// <summary>Word 0 device: everything written so far reaches the medium (the disk's cache is flushed).</summary>
    Flush = 4,
}

/// <summary>A block device as Info describes it.</summary>
public enum BlkDeviceKind : ulong
{
    Disk = 1,
    Partition = 2,
}

/// <summary>Message layouts of <see cref="BlkRequest"/>.</summary>
public static class BlkProtocol
{
    public const string ServiceName = "blk";
    public const int SectorSize = 512;
    /// <summary>The largest transfer one request moves (the kernel's grant limit).</summary>
    public const ulong MaxTransferBytes = 4UL << 20;

    // Info reply words.
    public const int SectorCountWord = 0, KindWord = 1, FirstSectorWord = 2, PartitionTypeWord = 3, NameWord = 4;
    public const int NameWords = 2;

    // Read and Write request words.
    public const int DeviceWord = 0, SectorWord = 1, CountWord = 2;

    /// <summary>PartitionTypeWord for a GPT partition: the MBR-style byte of the nearest kind (0x83 for Linux file systems).</summary>
    public const ulong LinuxPartition = 0x83;
}
