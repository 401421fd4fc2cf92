namespace Ocean.Servers.Blk;

using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The devices blk serves, by index: 0 is the whole disk ("disk0"), then its partitions ("disk0pN",
/// N as the partition table numbers them). Empty when there is no disk.
/// </summary>
public static unsafe class BlockDevices
{
    /// <summary>Partitions beyond this many are not served (a GPT may list 128).</summary>
    public const int MaxPartitions = 32;
    private const int NameBytes = BlkProtocol.NameWords * sizeof(ulong);
    private const string DiskName = "disk0";

    private static readonly Partition[] _devices = new Partition[1 + MaxPartitions];
    private static int _count;

    public static int Count => _count;

    /// <summary>The whole disk becomes device 0; its partition table is read and reported on the console.</summary>
    public static void Scan(ulong diskSectors)
    {
        _devices[0] = new Partition { FirstSector = 0, SectorCount = diskSectors, Type = 0, Number = 0 };
        _count = 1;
        byte* sector = stackalloc byte[PartitionTable.SectorSize];
        PartitionScan scan;
        fixed (Partition* partitions = &_devices[1])
            scan = PartitionTable.Read(&ReadSector, null, diskSectors, partitions, MaxPartitions, sector);
        _count += scan.Count;
        if (scan.Problem != PartitionTableProblem.None)
        {
            Stdio.Write("blk: disk0: ");
            Stdio.Write(Describe(scan.Problem));
            Stdio.WriteLine("; partition table ignored");
        }
        else if (scan.Scheme != PartitionScheme.None)
        {
            Stdio.Write("blk: disk0: ");
            Stdio.Write(scan.Scheme == PartitionScheme.Gpt ? "GPT, " : "MBR, ");
            Stdio.Write((long)scan.Count);
            Stdio.WriteLine(scan.Count == 1 ? " partition" : " partitions");
        }
    }

    /// <summary>Device <paramref name="index"/>, or false past the last.</summary>
    public static bool TryGet(ulong index, out Partition device)
    {
        device = default;
        if (index >= (ulong)_count)
            return false;
        device = _devices[(int)index];   // in range: an int index avoids checked conversion helpers
        return true;
    }

    /// <summary>Packs the device's name ("disk0" or "disk0pN") into <paramref name="words"/> (<see cref="BlkProtocol.NameWords"/> words).</summary>
    public static void PackName(int index, ulong* words)
    {
        byte* name = stackalloc byte[NameBytes];
        int length = 0;
        for (int i = 0; i < DiskName.Length; i++)
            name[length++] = (byte)DiskName[i];
        if (index > 0)
        {
            name[length++] = (byte)'p';
            length += Numbers.FormatDecimal(_devices[index].Number, name + length);
        }
        MessageText.Pack(name, length, words, BlkProtocol.NameWords);
    }

    private static bool ReadSector(void* context, ulong lba, byte* buffer) => AtaDrive.Read(lba, 1, buffer) == 0;

    private static string Describe(PartitionTableProblem problem) => problem switch
    {
        PartitionTableProblem.ReadFailed => "cannot read the partition table",
        PartitionTableProblem.MbrEntryOutOfRange => "MBR entry out of range",
        PartitionTableProblem.ExtendedChainInvalid => "broken chain of logical partitions",
        PartitionTableProblem.GptHeaderInvalid => "invalid GPT header",
        PartitionTableProblem.GptHeaderCrc => "GPT header CRC mismatch",
        PartitionTableProblem.GptEntriesCrc => "GPT entries CRC mismatch",
        PartitionTableProblem.GptEntryOutOfRange => "GPT entry out of range",
        _ => "overlapping partitions",
    };
}
