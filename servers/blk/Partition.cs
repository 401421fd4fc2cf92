namespace Ocean.Servers.Blk;

/// <summary>One partition of a disk, as its partition table describes it (sectors of 512 bytes).</summary>
public struct Partition
{
    public ulong FirstSector;
    public ulong SectorCount;
    /// <summary>The MBR type byte; for GPT, the byte of the nearest MBR kind (0x83 Linux, 0 when unknown).</summary>
    public ulong Type;
    /// <summary>The number in its name (disk0pN): the MBR slot (1–4, logical ones from 5) or the GPT entry index + 1.</summary>
    public int Number;
}
