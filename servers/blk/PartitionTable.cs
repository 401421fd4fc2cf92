namespace Ocean.Servers.Blk;

using Ocean.Libc;

/// <summary>Which kind of partition table a disk carries.</summary>
public enum PartitionScheme
{
    None,
    Mbr,
    Gpt,
}

/// <summary>Why a partition table was not trusted (its partitions are then ignored).</summary>
public enum PartitionTableProblem
{
    None,
    ReadFailed,
    MbrEntryOutOfRange,
    ExtendedChainInvalid,
    GptHeaderInvalid,
    GptHeaderCrc,
    GptEntriesCrc,
    GptEntryOutOfRange,
    Overlapping,
}

/// <summary>What <see cref="PartitionTable.Read"/> found.</summary>
public struct PartitionScan
{
    public PartitionScheme Scheme;
    public PartitionTableProblem Problem;
    /// <summary>Partitions written to the caller's array (0 when there is a problem).</summary>
    public int Count;
}

/// <summary>
/// Reads a disk's MBR (four primary entries and the logical partitions of an extended one) or GPT
/// (protective MBR, header at LBA 1, CRC32 of the header and of the entry array checked). Pure logic:
/// sectors come through a function pointer, so the host tests feed it images built in memory.
/// A table that fails a check is reported and ignored as a whole, never partly trusted.
/// </summary>
public static unsafe class PartitionTable
{
    public const int SectorSize = 512;

    // MBR layout.
    private const int MbrEntriesOffset = 446, MbrEntrySize = 16, MbrPrimaryEntries = 4;
    private const int MbrSignatureOffset = 510;
    private const byte MbrSignatureLow = 0x55, MbrSignatureHigh = 0xAA;
    private const int EntryStatus = 0, EntryType = 4, EntryFirstLba = 8, EntrySectorCount = 12;
    private const byte StatusInactive = 0x00, StatusBootable = 0x80;
    private const byte TypeEmpty = 0x00, TypeExtendedChs = 0x05, TypeExtendedLba = 0x0F, TypeExtendedLinux = 0x85;
    private const byte TypeGptProtective = 0xEE;
    private const int FirstLogicalNumber = 5;
    /// <summary>An extended partition's chain is followed this far at most (a loop must not hang the driver).</summary>
    private const int MaxLogicalPartitions = 64;

    // GPT header layout (UEFI specification, chapter 5).
    private const ulong GptHeaderLba = 1;
    private const ulong GptSignature = 0x5452415020494645;   // "EFI PART", little-endian
    private const int GptSignatureOffset = 0, GptHeaderSizeOffset = 12, GptHeaderCrcOffset = 16, GptMyLbaOffset = 24;
    private const int GptFirstUsableOffset = 40, GptLastUsableOffset = 48, GptEntriesLbaOffset = 72;
    private const int GptEntryCountOffset = 80, GptEntrySizeOffset = 84, GptEntriesCrcOffset = 88;
    private const uint GptMinHeaderSize = 92, GptMinEntrySize = 128;
    /// <summary>Entry arrays larger than this are not plausible (the usual one is 128 × 128 bytes = 16 KiB).</summary>
    private const ulong GptMaxEntryArrayBytes = 1 << 20;
    private const int GptEntryTypeGuid = 0, GptEntryFirstLba = 32, GptEntryLastLba = 40, GuidBytes = 16;

    // The MBR bytes that GPT partition type GUIDs map to.
    private const byte MbrLinux = 0x83, MbrLinuxSwap = 0x82, MbrLinuxLvm = 0x8E, MbrEfiSystem = 0xEF, MbrBasicData = 0x07;

    /// <summary>
    /// Reads the table of a disk of <paramref name="diskSectors"/> sectors into <paramref name="partitions"/>
    /// (at most <paramref name="capacity"/>; more are left out). <paramref name="sector"/> is a 512-byte scratch buffer.
    /// </summary>
    public static PartitionScan Read(delegate*<void*, ulong, byte*, bool> readSector, void* context, ulong diskSectors,
        Partition* partitions, int capacity, byte* sector)
    {
        var scan = new PartitionScan();
        if (!readSector(context, 0, sector))
            return Fail(scan, PartitionTableProblem.ReadFailed);
        if (sector[MbrSignatureOffset] != MbrSignatureLow || sector[MbrSignatureOffset + 1] != MbrSignatureHigh)
            return scan;
        bool protective = false;
        for (int i = 0; i < MbrPrimaryEntries; i++)
        {
            byte* entry = sector + MbrEntriesOffset + i * MbrEntrySize;
            if (entry[EntryStatus] != StatusInactive && entry[EntryStatus] != StatusBootable)
                return scan;   // a boot record without a partition table (a file system's own boot sector)
            protective |= entry[EntryType] == TypeGptProtective;
        }
        scan = protective ? ReadGpt(readSector, context, diskSectors, partitions, capacity, sector)
                          : ReadMbr(readSector, context, diskSectors, partitions, capacity, sector);
        if (scan.Problem == PartitionTableProblem.None && Overlap(partitions, scan.Count))
            return Fail(scan, PartitionTableProblem.Overlapping);
        return scan;
    }

    // The MBR is in `sector`; primary entries first, then the logical partitions of the extended one.
    private static PartitionScan ReadMbr(delegate*<void*, ulong, byte*, bool> readSector, void* context, ulong diskSectors,
        Partition* partitions, int capacity, byte* sector)
    {
        var scan = new PartitionScan { Scheme = PartitionScheme.Mbr };
        ulong extendedFirst = 0, extendedCount = 0;
        for (int i = 0; i < MbrPrimaryEntries; i++)
        {
            byte* entry = sector + MbrEntriesOffset + i * MbrEntrySize;
            byte type = entry[EntryType];
            ulong first = Read32(entry + EntryFirstLba), count = Read32(entry + EntrySectorCount);
            if (type == TypeEmpty || count == 0)
                continue;
            if (first == 0 || first + count > diskSectors)
                return Fail(scan, PartitionTableProblem.MbrEntryOutOfRange);
            if (IsExtended(type))
            {
                extendedFirst = first;
                extendedCount = count;
                continue;
            }
            Add(ref scan, partitions, capacity, first, count, type, i + 1);
        }
        if (extendedCount != 0 && !ReadLogical(readSector, context, extendedFirst, extendedCount, partitions, capacity, sector, ref scan))
            return Fail(scan, PartitionTableProblem.ExtendedChainInvalid);
        return scan;
    }

    // Each extended boot record holds one logical partition (relative to itself) and the link to the
    // next record (relative to the extended partition); the chain only moves forwards, so it ends.
    private static bool ReadLogical(delegate*<void*, ulong, byte*, bool> readSector, void* context, ulong extendedFirst, ulong extendedCount,
        Partition* partitions, int capacity, byte* sector, ref PartitionScan scan)
    {
        ulong extendedEnd = extendedFirst + extendedCount;
        ulong record = extendedFirst;
        for (int n = 0; n < MaxLogicalPartitions; n++)
        {
            if (!readSector(context, record, sector) ||
                sector[MbrSignatureOffset] != MbrSignatureLow || sector[MbrSignatureOffset + 1] != MbrSignatureHigh)
                return false;
            byte* logical = sector + MbrEntriesOffset;
            byte* link = logical + MbrEntrySize;
            ulong count = Read32(logical + EntrySectorCount);
            if (logical[EntryType] != TypeEmpty && count != 0)
            {
                ulong first = record + Read32(logical + EntryFirstLba);
                if (first <= record || first + count > extendedEnd)
                    return false;
                Add(ref scan, partitions, capacity, first, count, logical[EntryType], FirstLogicalNumber + n);
            }
            if (link[EntryType] == TypeEmpty || Read32(link + EntrySectorCount) == 0)
                return true;
            ulong next = extendedFirst + Read32(link + EntryFirstLba);
            if (next <= record || next >= extendedEnd)
                return false;
            record = next;
        }
        return false;
    }

    private static PartitionScan ReadGpt(delegate*<void*, ulong, byte*, bool> readSector, void* context, ulong diskSectors,
        Partition* partitions, int capacity, byte* sector)
    {
        var scan = new PartitionScan { Scheme = PartitionScheme.Gpt };
        if (!readSector(context, GptHeaderLba, sector))
            return Fail(scan, PartitionTableProblem.ReadFailed);
        uint headerSize = Read32(sector + GptHeaderSizeOffset);
        if (Read64(sector + GptSignatureOffset) != GptSignature || headerSize < GptMinHeaderSize || headerSize > SectorSize ||
            Read64(sector + GptMyLbaOffset) != GptHeaderLba)
            return Fail(scan, PartitionTableProblem.GptHeaderInvalid);
        uint headerCrc = Read32(sector + GptHeaderCrcOffset);
        Write32(sector + GptHeaderCrcOffset, 0);   // the CRC covers the header with its own field zeroed
        if (Crc32.Compute(sector, (int)headerSize) != headerCrc)
            return Fail(scan, PartitionTableProblem.GptHeaderCrc);

        ulong firstUsable = Read64(sector + GptFirstUsableOffset), lastUsable = Read64(sector + GptLastUsableOffset);
        ulong entriesLba = Read64(sector + GptEntriesLbaOffset);
        uint entryCount = Read32(sector + GptEntryCountOffset), entrySize = Read32(sector + GptEntrySizeOffset);
        uint entriesCrc = Read32(sector + GptEntriesCrcOffset);
        ulong arrayBytes = (ulong)entryCount * entrySize;
        ulong arraySectors = (arrayBytes + SectorSize - 1) / SectorSize;
        // Entries of 128 × 2^n bytes up to a sector, so that none straddles two sectors.
        if (entrySize < GptMinEntrySize || entrySize > SectorSize || (entrySize & (entrySize - 1)) != 0 || arrayBytes > GptMaxEntryArrayBytes ||
            firstUsable > lastUsable || lastUsable >= diskSectors || entriesLba <= GptHeaderLba || entriesLba + arraySectors > diskSectors)
            return Fail(scan, PartitionTableProblem.GptHeaderInvalid);

        uint crc = Crc32.Begin();
        bool outOfRange = false;
        ulong remaining = arrayBytes;
        int index = 0;
        for (ulong s = 0; s < arraySectors; s++)
        {
            if (!readSector(context, entriesLba + s, sector))
                return Fail(scan, PartitionTableProblem.ReadFailed);
            int bytes = remaining < SectorSize ? (int)remaining : SectorSize;
            crc = Crc32.Update(crc, sector, bytes);
            remaining -= (ulong)bytes;
            for (int offset = 0; offset < bytes; offset += (int)entrySize, index++)
            {
                byte* entry = sector + offset;
                if (IsZero(entry + GptEntryTypeGuid, GuidBytes))
                    continue;
                ulong first = Read64(entry + GptEntryFirstLba), last = Read64(entry + GptEntryLastLba);
                if (first < firstUsable || last < first || last > lastUsable)
                {
                    outOfRange = true;
                    continue;
                }
                Add(ref scan, partitions, capacity, first, last - first + 1, TypeOf(entry + GptEntryTypeGuid), index + 1);
            }
        }
        if (Crc32.Finish(crc) != entriesCrc)
            return Fail(scan, PartitionTableProblem.GptEntriesCrc);
        if (outOfRange)
            return Fail(scan, PartitionTableProblem.GptEntryOutOfRange);
        return scan;
    }

    // Well-known partition type GUIDs, in their on-disk byte order (the first three fields little-endian).
    private static readonly byte[] LinuxFileSystem = { 0xAF, 0x3D, 0xC6, 0x0F, 0x83, 0x84, 0x72, 0x47, 0x8E, 0x79, 0x3D, 0x69, 0xD8, 0x47, 0x7D, 0xE4 };
    private static readonly byte[] LinuxSwap = { 0x6D, 0xFD, 0x57, 0x06, 0xAB, 0xA4, 0xC4, 0x43, 0x84, 0xE5, 0x09, 0x33, 0xC8, 0x4B, 0x4F, 0x4F };
    private static readonly byte[] LinuxLvm = { 0x79, 0xD3, 0xD6, 0xE6, 0x07, 0xF5, 0xC2, 0x44, 0xA2, 0x3C, 0x23, 0x8F, 0x2A, 0x3D, 0xF9, 0x28 };
    private static readonly byte[] EfiSystem = { 0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8, 0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0, 0xC9, 0x3E, 0xC9, 0x3B };
    private static readonly byte[] BasicData = { 0xA2, 0xA0, 0xD0, 0xEB, 0xE5, 0xB9, 0x33, 0x44, 0x87, 0xC0, 0x68, 0xB6, 0xB7, 0x26, 0x99, 0xC7 };

    /// <summary>The MBR type byte of the nearest kind for a GPT type GUID; 0 when Ocean does not know it.</summary>
    public static byte TypeOf(byte* guid) =>
        Same(guid, LinuxFileSystem) ? MbrLinux : Same(guid, LinuxSwap) ? MbrLinuxSwap : Same(guid, LinuxLvm) ? MbrLinuxLvm :
        Same(guid, EfiSystem) ? MbrEfiSystem : Same(guid, BasicData) ? MbrBasicData : (byte)0;

    private static bool IsExtended(byte type) => type == TypeExtendedChs || type == TypeExtendedLba || type == TypeExtendedLinux;

    private static void Add(ref PartitionScan scan, Partition* partitions, int capacity, ulong first, ulong count, ulong type, int number)
    {
        if (scan.Count == capacity)
            return;
        partitions[scan.Count++] = new Partition { FirstSector = first, SectorCount = count, Type = type, Number = number };
    }

    private static bool Overlap(Partition* partitions, int count)
    {
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
                if (partitions[i].FirstSector < partitions[j].FirstSector + partitions[j].SectorCount &&
                    partitions[j].FirstSector < partitions[i].FirstSector + partitions[i].SectorCount)
                    return true;
        return false;
    }

    private static PartitionScan Fail(PartitionScan scan, PartitionTableProblem problem)
    {
        scan.Problem = problem;
        scan.Count = 0;
        return scan;
    }

    private static bool Same(byte* bytes, byte[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
            if (bytes[i] != expected[i])
                return false;
        return true;
    }

    private static bool IsZero(byte* bytes, int length)
    {
        for (int i = 0; i < length; i++)
            if (bytes[i] != 0)
                return false;
        return true;
    }

    private static uint Read32(byte* p) => (uint)(p[0] | p[1] << 8 | p[2] << 16 | p[3] << 24);

    private static ulong Read64(byte* p) => Read32(p) | (ulong)Read32(p + 4) << 32;

    private static void Write32(byte* p, uint value)
    {
        for (int i = 0; i < 4; i++)
            p[i] = (byte)(value >> (8 * i));
    }
}
