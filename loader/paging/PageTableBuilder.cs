namespace Ocean.Loader.Paging;

using Ocean.Loader.Memory;

/// <summary>Builds 4-level x86-64 page tables in memory from a <see cref="PhysicalBump"/>.</summary>
public unsafe sealed class PageTableBuilder
{
    public const ulong Present = 1UL << 0;
    public const ulong Writable = 1UL << 1;
    public const ulong Huge = 1UL << 7;
    public const ulong NoExecute = 1UL << 63;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
    public const ulong SmallPage = 4096;
    public const ulong LargePage = 2 * 1024 * 1024;

    private readonly PhysicalBump _memory;
    public readonly ulong Pml4;

    public PageTableBuilder(PhysicalBump memory)
    {
        _memory = memory;
        Pml4 = NewTable();
    }

    private ulong NewTable()
    {
        ulong table = _memory.Allocate(SmallPage);
        if (table == 0)
            Loader.Fail("out of memory for page tables");
        return table;
    }

    /// <summary>Points PML4 slot <paramref name="to"/> at the same table as slot <paramref name="from"/>.</summary>
    public void ShareTopLevelEntry(int from, int to) => ((ulong*)Pml4)[to] = ((ulong*)Pml4)[from];

    // Walks from the PML4 to the table at <paramref name="depth"/> (1 = PDPT, 2 = PD, 3 = PT), creating tables.
    private ulong* TableFor(ulong virtualAddress, int depth)
    {
        ulong* table = (ulong*)Pml4;
        for (int level = 0; level < depth; level++)
        {
            int shift = 39 - 9 * level;
            ulong index = (virtualAddress >> shift) & 511;
            if ((table[index] & Present) == 0)
                table[index] = NewTable() | Present | Writable;
            else if ((table[index] & Huge) != 0)
                Loader.Fail("mapping conflicts with a large page");
            table = (ulong*)(table[index] & AddressMask);
        }
        return table;
    }

    public void Map4K(ulong virtualAddress, ulong physicalAddress, ulong flags)
    {
        ulong* pt = TableFor(virtualAddress, 3);
        pt[(virtualAddress >> 12) & 511] = (physicalAddress & AddressMask) | flags | Present;
    }

    public void Map2M(ulong virtualAddress, ulong physicalAddress, ulong flags)
    {
        ulong* pd = TableFor(virtualAddress, 2);
        pd[(virtualAddress >> 21) & 511] = (physicalAddress & AddressMask) | flags | Present | Huge;
    }

    /// <summary>Maps [physicalStart, physicalEnd) at offset with 2 MiB pages (both rounded out to 2 MiB).</summary>
    public void MapLargeRange(ulong offset, ulong physicalStart, ulong physicalEnd, ulong flags)
    {
        for (ulong p = physicalStart & ~(LargePage - 1); p < physicalEnd; p += LargePage)
            Map2M(offset + p, p, flags);
    }
}
