namespace Ocean.Loader.Memory;

using Ocean.Kernel.Boot.Limine;
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
        ulong best = 0;
        for (int i = 0; i < rangeCount; i++)
        {
            if (ranges[i].Type != LimineMemoryType.Usable)
                continue;
            ulong candidate = AlignUp(ranges[i].Base < LowestAddress ? LowestAddress : ranges[i].Base);
            ulong limit = ranges[i].End < IdentityMappedLimit ? ranges[i].End : IdentityMappedLimit;
            // Step past whatever overlaps the candidate window until it is clear or the range runs out.
            while (candidate < limit && size <= limit - candidate)
            {
                ulong blockerEnd = FirstBlockerEnd(ranges, rangeCount, occupied, occupiedCount, candidate, candidate + size);
                if (blockerEnd == 0)
                {
                    if (best == 0 || candidate < best)
                        best = candidate;
                    break;
                }
                candidate = AlignUp(blockerEnd);
            }
        }
        return best;
    }

    // The end of something the window [start, end) overlaps: an occupied range, or memory the
    // firmware reports as anything but usable. Zero when the window is clear.
    private static ulong FirstBlockerEnd(PhysicalRange[] ranges, int rangeCount, PhysicalRange[] occupied, int occupiedCount, ulong start, ulong end)
    {
        for (int j = 0; j < occupiedCount; j++)
            if (occupied[j].Length != 0 && start < occupied[j].End && occupied[j].Base < end)
                return occupied[j].End;
        for (int j = 0; j < rangeCount; j++)
            if (ranges[j].Type != LimineMemoryType.Usable && start < ranges[j].End && ranges[j].Base < end)
                return ranges[j].End;
        return 0;
    }

    private static ulong AlignUp(ulong value) => value > ulong.MaxValue - (PageSize - 1) ? ulong.MaxValue & ~(PageSize - 1) : (value + PageSize - 1) & ~(PageSize - 1);
}
