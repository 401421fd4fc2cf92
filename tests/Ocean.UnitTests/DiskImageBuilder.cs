#nullable enable
namespace Ocean.TestDisks;

using System.Text;

/// <summary>One GPT partition for <see cref="DiskImageBuilder.WriteGpt"/>: a type GUID and its first and last sector (inclusive).</summary>
public sealed record GptPartition(Guid Type, long First, long Last);

/// <summary>
/// Raw disk images with partition tables written byte by byte (no sfdisk here), for the host tests of
/// the partition parser and for the system tests' disks. Shared by Ocean.UnitTests and Ocean.SystemTests.
/// </summary>
public static class DiskImageBuilder
{
    public const int SectorSize = 512;
    public const int GptEntrySize = 128, GptEntryCount = 128, GptHeaderSize = 92;
    public static readonly Guid LinuxFileSystem = new("0FC63DAF-8483-4772-8E79-3D69D8477DE4");
    public static readonly Guid EfiSystem = new("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");

    private const int MbrEntries = 446, MbrEntrySize = 16, BootSignature = 510;
    private const byte Protective = 0xEE;

    /// <summary>A disk of <paramref name="sectors"/> sectors, each starting with "SECTOR n" (its own number).</summary>
    public static byte[] Patterned(int sectors)
    {
        var disk = new byte[(long)sectors * SectorSize];
        for (int s = 0; s < sectors; s++)
            Encoding.ASCII.GetBytes($"SECTOR {s}").CopyTo(disk, (long)s * SectorSize);
        return disk;
    }

    /// <summary>Entry <paramref name="slot"/> (0–3) of the boot record at <paramref name="lba"/>, which also gets its 0x55AA signature.</summary>
    public static void WriteMbrEntry(byte[] disk, long lba, int slot, byte type, uint first, uint count, byte status = 0)
    {
        long entry = lba * SectorSize + MbrEntries + slot * MbrEntrySize;
        disk[entry] = status;
        disk[entry + 4] = type;
        BitConverter.GetBytes(first).CopyTo(disk, entry + 8);
        BitConverter.GetBytes(count).CopyTo(disk, entry + 12);
        disk[lba * SectorSize + BootSignature] = 0x55;
        disk[lba * SectorSize + BootSignature + 1] = 0xAA;
    }

    /// <summary>A protective MBR, the GPT header at LBA 1 and 128 entries from LBA 2, with both CRCs.</summary>
    public static void WriteGpt(byte[] disk, IReadOnlyList<GptPartition> partitions)
    {
        long sectors = disk.Length / SectorSize;
        WriteMbrEntry(disk, 0, 0, Protective, 1, (uint)Math.Min(sectors - 1, uint.MaxValue));
        int entriesBytes = GptEntryCount * GptEntrySize;
        long entriesLba = 2, firstUsable = entriesLba + entriesBytes / SectorSize, lastUsable = sectors - 1 - entriesBytes / SectorSize - 1;
        var entries = new byte[entriesBytes];
        for (int i = 0; i < partitions.Count; i++)
        {
            int at = i * GptEntrySize;
            partitions[i].Type.ToByteArray().CopyTo(entries, at);
            Guid.NewGuid().ToByteArray().CopyTo(entries, at + 16);
            BitConverter.GetBytes(partitions[i].First).CopyTo(entries, at + 32);
            BitConverter.GetBytes(partitions[i].Last).CopyTo(entries, at + 40);
            Encoding.Unicode.GetBytes($"part{i + 1}").CopyTo(entries, at + 56);
        }
        entries.CopyTo(disk, entriesLba * SectorSize);
        var header = new byte[SectorSize];
        Encoding.ASCII.GetBytes("EFI PART").CopyTo(header, 0);
        BitConverter.GetBytes(0x00010000u).CopyTo(header, 8);        // revision 1.0
        BitConverter.GetBytes((uint)GptHeaderSize).CopyTo(header, 12);
        BitConverter.GetBytes(1L).CopyTo(header, 24);                 // this header's LBA
        BitConverter.GetBytes(sectors - 1).CopyTo(header, 32);        // the backup's LBA
        BitConverter.GetBytes(firstUsable).CopyTo(header, 40);
        BitConverter.GetBytes(lastUsable).CopyTo(header, 48);
        Guid.NewGuid().ToByteArray().CopyTo(header, 56);
        BitConverter.GetBytes(entriesLba).CopyTo(header, 72);
        BitConverter.GetBytes((uint)GptEntryCount).CopyTo(header, 80);
        BitConverter.GetBytes((uint)GptEntrySize).CopyTo(header, 84);
        BitConverter.GetBytes(Crc32(entries)).CopyTo(header, 88);
        BitConverter.GetBytes(Crc32(header.AsSpan(0, GptHeaderSize))).CopyTo(header, 16);
        header.CopyTo(disk, SectorSize);
    }

    /// <summary>Recomputes the header's CRC after a test changed a header field.</summary>
    public static void ResealGptHeader(byte[] disk)
    {
        Array.Clear(disk, SectorSize + 16, 4);
        BitConverter.GetBytes(Crc32(disk.AsSpan(SectorSize, GptHeaderSize))).CopyTo(disk, SectorSize + 16);
    }

    /// <summary>Recomputes the entries' CRC (and then the header's) after a test changed an entry.</summary>
    public static void ResealGptEntries(byte[] disk)
    {
        BitConverter.GetBytes(Crc32(disk.AsSpan(2 * SectorSize, GptEntryCount * GptEntrySize))).CopyTo(disk, SectorSize + 88);
        ResealGptHeader(disk);
    }

    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>CRC-32 (IEEE), table-driven: independent of the bitwise one the driver uses.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
