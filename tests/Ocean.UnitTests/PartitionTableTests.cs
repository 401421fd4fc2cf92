#nullable enable
namespace Ocean.UnitTests;

using Ocean.Libc;
using System.Text;
using Ocean.Servers.Blk;
using Ocean.TestDisks;

/// <summary>The block driver's partition table parser (servers/blk/PartitionTable.cs) on images built in memory.</summary>
public unsafe class PartitionTableTests
{
    private const int DiskSectors = 8192;
    private const int Capacity = 32;

    private struct Image
    {
        public byte* Bytes;
        public long Length;
    }

    private static bool ReadSector(void* context, ulong lba, byte* buffer)
    {
        var image = (Image*)context;
        if ((long)(lba + 1) * DiskImageBuilder.SectorSize > image->Length)
            return false;
        Buffer.MemoryCopy(image->Bytes + (long)lba * DiskImageBuilder.SectorSize, buffer, DiskImageBuilder.SectorSize, DiskImageBuilder.SectorSize);
        return true;
    }

    private static (PartitionScan Scan, Partition[] Partitions) Scan(byte[] disk, ulong? diskSectors = null)
    {
        var partitions = new Partition[Capacity];
        byte* sector = stackalloc byte[DiskImageBuilder.SectorSize];
        fixed (byte* bytes = disk)
        fixed (Partition* output = partitions)
        {
            var image = new Image { Bytes = bytes, Length = disk.Length };
            PartitionScan scan = PartitionTable.Read(&ReadSector, &image, diskSectors ?? (ulong)(disk.Length / DiskImageBuilder.SectorSize),
                output, Capacity, sector);
            return (scan, partitions[..scan.Count]);
        }
    }

    [Fact]
    public void Crc32MatchesTheCheckValue()
    {
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        fixed (byte* data = check)
            Assert.Equal(0xCBF43926u, Crc32.Compute(data, check.Length));
        Assert.Equal(0xCBF43926u, DiskImageBuilder.Crc32(check));
    }

    [Fact]
    public void NoSignatureMeansNoTable()
    {
        var (scan, partitions) = Scan(DiskImageBuilder.Patterned(DiskSectors));
        Assert.Equal(PartitionScheme.None, scan.Scheme);
        Assert.Equal(PartitionTableProblem.None, scan.Problem);
        Assert.Empty(partitions);
    }

    [Fact]
    public void ABootSectorWithoutPartitionEntriesIsNoTable()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0x83, 2048, 1024, status: 0x3C);   // not 0x00 or 0x80: a file system's code
        Assert.Equal(PartitionScheme.None, Scan(disk).Scan.Scheme);
    }

    [Fact]
    public void MbrPrimaryPartitionsKeepTheirSlotNumbers()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0x83, 2048, 2048, status: 0x80);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 2, 0x0C, 4096, 4096);
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionScheme.Mbr, scan.Scheme);
        Assert.Equal(PartitionTableProblem.None, scan.Problem);
        Assert.Equal(2, scan.Count);
        Assert.Equal((2048UL, 2048UL, 0x83UL, 1), (partitions[0].FirstSector, partitions[0].SectorCount, partitions[0].Type, partitions[0].Number));
        Assert.Equal((4096UL, 4096UL, 0x0CUL, 3), (partitions[1].FirstSector, partitions[1].SectorCount, partitions[1].Type, partitions[1].Number));
    }

    [Fact]
    public void LogicalPartitionsFollowTheExtendedChain()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0x83, 64, 1000);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 1, 0x0F, 2048, 4096);
        // First EBR at 2048: a logical partition 63 sectors on, and the next EBR at 2048 + 2048.
        DiskImageBuilder.WriteMbrEntry(disk, 2048, 0, 0x83, 63, 1000);
        DiskImageBuilder.WriteMbrEntry(disk, 2048, 1, 0x05, 2048, 2048);
        DiskImageBuilder.WriteMbrEntry(disk, 4096, 0, 0x82, 1, 500);
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionTableProblem.None, scan.Problem);
        Assert.Equal(3, scan.Count);
        Assert.Equal((64UL, 1), (partitions[0].FirstSector, partitions[0].Number));
        Assert.Equal((2111UL, 1000UL, 0x83UL, 5), (partitions[1].FirstSector, partitions[1].SectorCount, partitions[1].Type, partitions[1].Number));
        Assert.Equal((4097UL, 500UL, 0x82UL, 6), (partitions[2].FirstSector, partitions[2].SectorCount, partitions[2].Type, partitions[2].Number));
    }

    [Fact]
    public void AnExtendedChainThatLoopsIsRejected()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0x05, 2048, 4096);
        DiskImageBuilder.WriteMbrEntry(disk, 2048, 0, 0x83, 63, 100);
        DiskImageBuilder.WriteMbrEntry(disk, 2048, 1, 0x05, 0, 2048);   // points back at itself
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionTableProblem.ExtendedChainInvalid, scan.Problem);
        Assert.Empty(partitions);
    }

    [Fact]
    public void AnMbrEntryPastTheDiskIsNotTrusted()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0x83, 2048, 1024);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 1, 0x83, 4096, DiskSectors);
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionTableProblem.MbrEntryOutOfRange, scan.Problem);
        Assert.Empty(partitions);
    }

    [Fact]
    public void OverlappingPartitionsAreNotTrusted()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0x83, 2048, 2048);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 1, 0x83, 4095, 100);
        Assert.Equal(PartitionTableProblem.Overlapping, Scan(disk).Scan.Problem);
    }

    [Fact]
    public void AnUnreadableDiskIsReported()
    {
        byte[] disk = DiskImageBuilder.Patterned(1);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0xEE, 1, DiskSectors - 1);
        var (scan, _) = Scan(disk, DiskSectors);   // claims more sectors than the image has: LBA 1 fails
        Assert.Equal(PartitionTableProblem.ReadFailed, scan.Problem);
    }

    private static byte[] GptDisk() =>
        WithGpt(DiskImageBuilder.Patterned(DiskSectors), new[]
        {
            new GptPartition(DiskImageBuilder.EfiSystem, 2048, 4095),
            new GptPartition(DiskImageBuilder.LinuxFileSystem, 4096, 8191 - 34),
        });

    private static byte[] WithGpt(byte[] disk, GptPartition[] partitions)
    {
        DiskImageBuilder.WriteGpt(disk, partitions);
        return disk;
    }

    [Fact]
    public void GptPartitionsAndTheirTypes()
    {
        var (scan, partitions) = Scan(GptDisk());
        Assert.Equal(PartitionScheme.Gpt, scan.Scheme);
        Assert.Equal(PartitionTableProblem.None, scan.Problem);
        Assert.Equal(2, scan.Count);
        Assert.Equal((2048UL, 2048UL, 0xEFUL, 1), (partitions[0].FirstSector, partitions[0].SectorCount, partitions[0].Type, partitions[0].Number));
        Assert.Equal((4096UL, 8157UL - 4096 + 1, 0x83UL, 2), (partitions[1].FirstSector, partitions[1].SectorCount, partitions[1].Type, partitions[1].Number));
    }

    [Fact]
    public void GptUnknownTypesAndGapsInTheEntryArray()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteGpt(disk, new[]
        {
            new GptPartition(Guid.Empty, 0, 0),                                                   // unused entry 1
            new GptPartition(new Guid("E3C9E316-0B5C-4DB8-817D-F92DF00215AE"), 100, 199),        // Microsoft reserved: unknown here
        });
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionTableProblem.None, scan.Problem);
        Assert.Single(partitions);
        Assert.Equal((100UL, 100UL, 0UL, 2), (partitions[0].FirstSector, partitions[0].SectorCount, partitions[0].Type, partitions[0].Number));
    }

    [Fact]
    public void AGptHeaderWithABadCrcIsIgnored()
    {
        byte[] disk = GptDisk();
        disk[DiskImageBuilder.SectorSize + 40] ^= 1;   // first usable LBA changed, CRC not updated
        var (scan, partitions) = Scan(disk);
        Assert.Equal((PartitionScheme.Gpt, PartitionTableProblem.GptHeaderCrc), (scan.Scheme, scan.Problem));
        Assert.Empty(partitions);
    }

    [Fact]
    public void GptEntriesWithABadCrcAreIgnored()
    {
        byte[] disk = GptDisk();
        disk[2 * DiskImageBuilder.SectorSize + 32] ^= 1;   // the first entry's start moved, entries CRC not updated
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionTableProblem.GptEntriesCrc, scan.Problem);
        Assert.Empty(partitions);
    }

    [Fact]
    public void AGptEntryOutsideTheUsableRangeIsNotTrusted()
    {
        byte[] disk = GptDisk();
        BitConverter.GetBytes((long)DiskSectors).CopyTo(disk, 2 * DiskImageBuilder.SectorSize + DiskImageBuilder.GptEntrySize + 40);
        DiskImageBuilder.ResealGptEntries(disk);
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionTableProblem.GptEntryOutOfRange, scan.Problem);
        Assert.Empty(partitions);
    }

    [Fact]
    public void AGptHeaderThatDoesNotFitTheDiskIsInvalid()
    {
        byte[] disk = GptDisk();
        BitConverter.GetBytes((long)DiskSectors).CopyTo(disk, DiskImageBuilder.SectorSize + 48);   // last usable LBA past the end
        DiskImageBuilder.ResealGptHeader(disk);
        Assert.Equal(PartitionTableProblem.GptHeaderInvalid, Scan(disk).Scan.Problem);
        byte[] unsigned = GptDisk();
        unsigned[DiskImageBuilder.SectorSize] = (byte)'X';
        Assert.Equal(PartitionTableProblem.GptHeaderInvalid, Scan(unsigned).Scan.Problem);
    }

    [Fact]
    public void PartitionsBeyondTheCapacityAreLeftOut()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        var many = Enumerable.Range(0, Capacity + 8).Select(i => new GptPartition(DiskImageBuilder.LinuxFileSystem, 100 + i * 10, 109 + i * 10)).ToArray();
        DiskImageBuilder.WriteGpt(disk, many);
        var (scan, partitions) = Scan(disk);
        Assert.Equal(PartitionTableProblem.None, scan.Problem);
        Assert.Equal(Capacity, partitions.Length);
        Assert.Equal(Capacity, partitions[^1].Number);
    }
}
