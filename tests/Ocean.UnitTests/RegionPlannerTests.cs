#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Memory;
using Ocean.Loader.Multiboot;
using static Ocean.Kernel.Boot.Limine.LimineMemoryType;

public class RegionPlannerTests
{
    private const ulong MiB = 0x100000;
    private const ulong GiB = 0x4000_0000;

    private static PhysicalRange R(ulong @base, ulong length, LimineMemoryType type = Usable) => new(@base, length, type);

    private static ulong Find(PhysicalRange[] ranges, PhysicalRange[] occupied, ulong size) =>
        RegionPlanner.FindWindow(ranges, ranges.Length, occupied, occupied.Length, size);

    /// <summary>A typical BIOS map: low memory, the hole, 2 GiB of RAM, and RAM above 4 GiB.</summary>
    private static readonly PhysicalRange[] Typical =
    [
        R(0x0, 0x9FC00), R(0x9FC00, 0x400, Reserved), R(0xF0000, 0x10000, Reserved),
        R(MiB, 2 * GiB - MiB), R(0xFFFC0000, 0x40000, Reserved), R(4 * GiB, 4 * GiB),
    ];

    [Fact]
    public void ConstantsAreOneMiBAndFourGiB()
    {
        Assert.Equal(0x100000UL, RegionPlanner.LowestAddress);
        Assert.Equal(0x1_0000_0000UL, RegionPlanner.IdentityMappedLimit);
    }

    [Fact]
    public void LowestUsableAddressAtOrAbove1MiBIsChosen() => Assert.Equal(MiB, Find(Typical, [], 16 * MiB));

    [Fact]
    public void MemoryBelow1MiBIsNeverChosen()
    {
        // Plenty of room below 1 MiB, none above.
        Assert.Equal(0UL, Find([R(0x1000, 0x9E000)], [], 0x1000));
        // A range straddling 1 MiB is used from 1 MiB on.
        Assert.Equal(MiB, Find([R(0x80000, 0x100000)], [], 0x80000));
        Assert.Equal(0UL, Find([R(0x80000, 0x100000)], [], 0x80001));
    }

    [Fact]
    public void NonUsableRangesAreSkipped()
    {
        PhysicalRange[] ranges =
        [
            R(MiB, 16 * MiB, Reserved), R(17 * MiB, 16 * MiB, AcpiReclaimable), R(33 * MiB, 16 * MiB, AcpiNvs),
            R(49 * MiB, 16 * MiB, BadMemory), R(65 * MiB, 16 * MiB, BootloaderReclaimable), R(81 * MiB, 16 * MiB, KernelAndModules),
            R(97 * MiB, 16 * MiB, Framebuffer), R(113 * MiB, 16 * MiB),
        ];
        Assert.Equal(113 * MiB, Find(ranges, [], MiB));
    }

    [Fact]
    public void NoUsableMemoryGivesZero()
    {
        Assert.Equal(0UL, Find([], [], 0x1000));
        Assert.Equal(0UL, Find([R(MiB, GiB, Reserved)], [], 0x1000));
    }

    [Fact]
    public void TooLargeRequestGivesZero()
    {
        Assert.Equal(0UL, Find([R(MiB, 16 * MiB)], [], 16 * MiB + 1));
        Assert.Equal(0UL, Find(Typical, [], 2 * GiB));
    }

    [Fact]
    public void WindowMayFillARangeExactly() => Assert.Equal(MiB, Find([R(MiB, 16 * MiB)], [], 16 * MiB));

    [Fact]
    public void UnalignedRangeStartIsRoundedUpToAPage()
    {
        Assert.Equal(0x200000UL, Find([R(0x1FF001, 0x10000)], [], 0x1000));
        Assert.Equal(0x201000UL, Find([R(0x200001, 0x10000)], [], 0x1000));
        // After rounding up, the window no longer fits.
        Assert.Equal(0UL, Find([R(0x200001, 0x1000)], [], 0x1000));
    }

    [Fact]
    public void OccupiedRangeAtTheStartIsSkipped()
    {
        // The loader itself sits at 1 MiB.
        Assert.Equal(0x123000UL, Find(Typical, [R(MiB, 0x22345, BootloaderReclaimable)], 16 * MiB));
    }

    [Fact]
    public void OccupiedRangeInTheMiddleIsAvoided()
    {
        PhysicalRange[] occupied = [R(MiB, 0x20000, BootloaderReclaimable), R(4 * MiB, 2 * MiB, KernelAndModules)];
        // Fits between the loader and the module.
        Assert.Equal(0x120000UL, Find(Typical, occupied, 2 * MiB));
        // Does not fit there: goes past the module.
        Assert.Equal(6 * MiB, Find(Typical, occupied, 3 * MiB));
    }

    [Fact]
    public void WindowMayTouchButNotOverlapAnOccupiedRange()
    {
        Assert.Equal(MiB, Find([R(MiB, 16 * MiB)], [R(2 * MiB, MiB)], MiB));
        Assert.Equal(3 * MiB, Find([R(MiB, 16 * MiB)], [R(2 * MiB, MiB)], MiB + 1));
    }

    [Fact]
    public void OccupiedRangesInAnyOrderAreAllAvoided()
    {
        // Moving past one occupied range lands on another listed before it.
        PhysicalRange[] occupied = [R(3 * MiB, MiB), R(2 * MiB, MiB), R(MiB, MiB), R(5 * MiB, 0x800)];
        Assert.Equal(4 * MiB, Find([R(MiB, 16 * MiB)], occupied, MiB));
        Assert.Equal(0x501000UL, Find([R(MiB, 16 * MiB)], occupied, 2 * MiB));
    }

    [Fact]
    public void WindowNotFittingAroundOccupiedRangesMovesToTheNextUsableRange()
    {
        PhysicalRange[] ranges = [R(MiB, 4 * MiB), R(0x10 * MiB, 0x10 * MiB)];
        Assert.Equal(3 * MiB, Find(ranges, [R(2 * MiB, MiB)], 2 * MiB));      // 3..5 MiB still fits
        Assert.Equal(0x10 * MiB, Find(ranges, [R(2 * MiB, MiB)], 3 * MiB));   // 3..6 MiB does not
        // The occupied range reaches into the next usable range as well.
        Assert.Equal(0x11 * MiB, Find(ranges, [R(2 * MiB, 0xF * MiB)], 3 * MiB));
    }

    [Fact]
    public void WindowStaysBelow4GiB()
    {
        // Usable RAM exists only above 4 GiB: not identity mapped, so not chosen.
        Assert.Equal(0UL, Find([R(4 * GiB, 4 * GiB)], [], MiB));
        // A range crossing 4 GiB may be used only up to it.
        Assert.Equal(3 * GiB, Find([R(3 * GiB, 2 * GiB)], [], GiB));
        Assert.Equal(0UL, Find([R(3 * GiB, 2 * GiB)], [], GiB + 0x1000));
    }

    [Fact]
    public void WindowEndingExactlyAt4GiBIsAllowed() =>
        Assert.Equal(4 * GiB - 0x10000, Find([R(4 * GiB - 0x10000, 0x20000)], [], 0x10000));

    [Fact]
    public void ReservedRangeOverlappingTheWindowRejectsIt()
    {
        // The firmware reports a usable range and, separately, a reserved range inside it.
        PhysicalRange[] ranges = [R(MiB, 16 * MiB), R(0x20 * MiB, 0x10 * MiB), R(2 * MiB, MiB, Reserved)];
        ulong window = Find(ranges, [], 4 * MiB);
        Assert.NotEqual(0UL, window);
        Assert.False(window < 3 * MiB && 2 * MiB < window + 4 * MiB, $"window {window:x} overlaps the reserved range");
    }

    [Fact]
    public void ReservedRangeOutsideTheWindowDoesNotMatter()
    {
        PhysicalRange[] ranges = [R(MiB, 16 * MiB), R(8 * MiB, MiB, AcpiNvs)];
        Assert.Equal(MiB, Find(ranges, [], 4 * MiB));
    }

    [Fact]
    public void ResultIsPageAlignedAndInsideAUsableRange()
    {
        var random = new Random(7);
        for (int round = 0; round < 500; round++)
        {
            var ranges = Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => R((ulong)random.Next(0, 64) * 0x10800, (ulong)random.Next(1, 64) * 0x10800, random.Next(3) == 0 ? Reserved : Usable))
                .ToArray();
            var occupied = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => R((ulong)random.Next(0, 64) * 0x10800, (ulong)random.Next(1, 16) * 0x10800, KernelAndModules))
                .ToArray();
            ulong size = (ulong)random.Next(1, 32) * 0x1000;
            ulong window = Find(ranges, occupied, size);
            if (window == 0)
                continue;
            ulong end = window + size;
            Assert.Equal(0UL, window % 0x1000);
            Assert.True(window >= RegionPlanner.LowestAddress);
            Assert.True(end <= RegionPlanner.IdentityMappedLimit);
            Assert.Contains(ranges, r => r.Type == Usable && r.Base <= window && end <= r.End);
            Assert.DoesNotContain(ranges, r => r.Type != Usable && window < r.End && r.Base < end);
            Assert.DoesNotContain(occupied, r => window < r.End && r.Base < end);
        }
    }

    [Fact]
    public void WindowMovesPastAReservedRangeInsideAUsableOne()
    {
        // 2..16 MiB is usable and free, but the planner finds nothing.
        PhysicalRange[] ranges = [R(MiB, 15 * MiB), R(MiB, MiB, Reserved)];
        Assert.Equal(2 * MiB, Find(ranges, [], 4 * MiB));
    }

    [Fact]
    public void LowestWindowIsChosenFromAnUnsortedMap()
    {
        PhysicalRange[] ranges = [R(0x40 * MiB, 0x40 * MiB), R(MiB, 0x20 * MiB)];
        Assert.Equal(MiB, Find(ranges, [], 4 * MiB));
    }

    [Fact]
    public void AbsurdSizeGivesZero() => Assert.Equal(0UL, Find([R(MiB, 15 * MiB)], [], ulong.MaxValue - 0xFFFFF));
}
