namespace Ocean.Loader.Memory;

using Ocean.Boot.Limine;
using Ocean.Loader.Multiboot;

/// <summary>
/// Chooses where the loader's own allocations (kernel copy, page tables, stack, responses) go: the
/// lowest page-aligned window of usable memory at or above 1 MiB that overlaps nothing already in use
/// (the loader image and the modules) and lies within the identity-mapped first 4 GiB.
/// </summary>
public static class RegionPlanner
{
    private const ulong PageSize = 4096;
    public const ulong LowestAddress = 0x100000;
    public const ulong IdentityMappedLimit = 0x1_0000_0000;

    /// <summary>Returns the window's base, or 0 when no usable range has room.</summary>
    public static ulong FindWindow(PhysicalRange[] ranges, int rangeCount, PhysicalRange[] occupied, int occupiedCount, ulong size)
    {
        for (int i = 0; i < rangeCount; i++)
        {
            if (ranges[i].Type != LimineMemoryType.Usable)
                continue;
            ulong candidate = AlignUp(ranges[i].Base < LowestAddress ? LowestAddress : ranges[i].Base);
            ulong limit = ranges[i].End < IdentityMappedLimit ? ranges[i].End : IdentityMappedLimit;
            bool moved = true;
            while (moved && candidate + size <= limit)
            {
                moved = false;
                for (int j = 0; j < occupiedCount; j++)
                {
                    if (candidate < occupied[j].End && occupied[j].Base < candidate + size)
                    {
                        candidate = AlignUp(occupied[j].End);
                        moved = true;
                    }
                }
            }
            if (!moved && candidate + size <= limit && !OverlapsReserved(ranges, rangeCount, candidate, size))
                return candidate;
        }
        return 0;
    }

    // A usable range reported alongside an overlapping reserved one: the reserved one wins.
    private static bool OverlapsReserved(PhysicalRange[] ranges, int count, ulong start, ulong size)
    {
        for (int i = 0; i < count; i++)
            if (ranges[i].Type != LimineMemoryType.Usable && start < ranges[i].End && ranges[i].Base < start + size)
                return true;
        return false;
    }

    private static ulong AlignUp(ulong value) => (value + PageSize - 1) & ~(PageSize - 1);
}
