#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Memory;
using Ocean.Loader.Multiboot;
using static Ocean.Kernel.Boot.Limine.LimineMemoryType;

public class MemoryMapBuilderTests
{
    private const ulong Page = 4096;
    private const ulong MiB = 0x100000;

    private static PhysicalRange R(ulong @base, ulong length, LimineMemoryType type) => new(@base, length, type);

    private static PhysicalRange[] Build(params PhysicalRange[] ranges) => Build(64, ranges);

    private static PhysicalRange[] Build(int capacity, params PhysicalRange[] ranges)
    {
        var output = new PhysicalRange[capacity];
        int count = MemoryMapBuilder.Build(ranges, ranges.Length, output);
        return output[..count];
    }

    private static string Show(IEnumerable<PhysicalRange> map) =>
        string.Join(", ", map.Select(r => $"{r.Base:x}..{r.End:x} {r.Type}"));

    /// <summary>Compares maps as text, so a failure shows which entries differ.</summary>
    private static void AssertMap(IEnumerable<PhysicalRange> expected, IEnumerable<PhysicalRange> actual) =>
        Assert.Equal(Show(expected), Show(actual));

    /// <summary>The invariants Limine guarantees for every map, whatever the input.</summary>
    private static void AssertWellFormed(PhysicalRange[] map)
    {
        for (int i = 0; i < map.Length; i++)
        {
            Assert.True(map[i].Length > 0, $"entry {i} is empty");
            if (map[i].Type is Usable or BootloaderReclaimable)
            {
                Assert.Equal(0UL, map[i].Base % Page);
                Assert.Equal(0UL, map[i].Length % Page);
            }
            if (map[i].Type == Usable)
                Assert.True(map[i].Base >= Page, "the first page is usable");
            if (i > 0)
            {
                Assert.True(map[i - 1].End <= map[i].Base, $"entries {i - 1} and {i} overlap or are unsorted");
                Assert.False(map[i - 1].End == map[i].Base && map[i - 1].Type == map[i].Type, $"entries {i - 1} and {i} not merged");
            }
        }
    }

    [Fact]
    public void PriorityOrdersTypesFromUsableToBadMemory()
    {
        LimineMemoryType[] ascending = [Usable, BootloaderReclaimable, Reserved, KernelAndModules, AcpiReclaimable, AcpiNvs, Framebuffer, BadMemory];
        for (int i = 1; i < ascending.Length; i++)
            Assert.True(MemoryMapBuilder.Priority(ascending[i - 1]) < MemoryMapBuilder.Priority(ascending[i]),
                $"{ascending[i - 1]} ({MemoryMapBuilder.Priority(ascending[i - 1])}) should lose to {ascending[i]} ({MemoryMapBuilder.Priority(ascending[i])})");
        Assert.Equal(MemoryMapBuilder.Priority(BadMemory), MemoryMapBuilder.Priority((LimineMemoryType)99));
    }

    [Fact]
    public void EmptyInputGivesAnEmptyMap()
    {
        Assert.Empty(Build());
        Assert.Equal(0, MemoryMapBuilder.Build([], 0, new PhysicalRange[4]));
    }

    [Fact]
    public void OnlyTheFirstCountRangesAreUsed()
    {
        PhysicalRange[] input = [R(MiB, MiB, Usable), R(0x10 * MiB, MiB, Reserved)];
        var output = new PhysicalRange[8];
        int count = MemoryMapBuilder.Build(input, 1, output);
        Assert.Equal(1, count);
        Assert.Equal(R(MiB, MiB, Usable), output[0]);
    }

    [Fact]
    public void TypicalFirmwareMapIsSortedAndAligned()
    {
        PhysicalRange[] map = Build(
            R(0x100000, 0x7EE0000, Usable),
            R(0xF0000, 0x10000, Reserved),
            R(0x0, 0x9FC00, Usable),
            R(0x9FC00, 0x400, Reserved),
            R(0x7FE0000, 0x20000, Reserved),
            R(0xFFFC0000, 0x40000, Reserved));
        AssertMap(
            [
                R(0x1000, 0x9E000, Usable),        // first page removed, end rounded down from 0x9FC00
                R(0x9FC00, 0x400, Reserved),
                R(0xF0000, 0x10000, Reserved),
                R(0x100000, 0x7EE0000, Usable),
                R(0x7FE0000, 0x20000, Reserved),
                R(0xFFFC0000, 0x40000, Reserved),
            ],
            map);
        AssertWellFormed(map);
    }

    [Fact]
    public void OutputIsSortedWhateverTheInputOrder()
    {
        PhysicalRange[] input =
        [
            R(0x9 * MiB, MiB, AcpiNvs), R(0x1 * MiB, MiB, Usable), R(0x5 * MiB, MiB, Reserved),
            R(0x3 * MiB, MiB, AcpiReclaimable), R(0x7 * MiB, MiB, BadMemory),
        ];
        PhysicalRange[] map = Build(input);
        AssertMap(input.OrderBy(r => r.Base), map);
        AssertWellFormed(map);
    }

    [Theory]
    [InlineData(Reserved)]
    [InlineData(AcpiReclaimable)]
    [InlineData(AcpiNvs)]
    [InlineData(BadMemory)]
    [InlineData(Framebuffer)]
    [InlineData(KernelAndModules)]
    [InlineData(BootloaderReclaimable)]
    public void OverlayInsideUsableSplitsIt(LimineMemoryType overlay)
    {
        PhysicalRange[] map = Build(R(MiB, 15 * MiB, Usable), R(4 * MiB, 2 * MiB, overlay));
        AssertMap([R(MiB, 3 * MiB, Usable), R(4 * MiB, 2 * MiB, overlay), R(6 * MiB, 10 * MiB, Usable)], map);
    }

    [Fact]
    public void OverlayOrderDoesNotMatterOnlyPriority()
    {
        PhysicalRange[] a = Build(R(MiB, 15 * MiB, Usable), R(4 * MiB, 2 * MiB, Reserved));
        PhysicalRange[] b = Build(R(4 * MiB, 2 * MiB, Reserved), R(MiB, 15 * MiB, Usable));
        AssertMap(a, b);
    }

    [Fact]
    public void HigherPriorityWinsWhereRangesOverlap()
    {
        // Loader overlays (kernel, reclaimable) over firmware RAM, with a firmware ACPI range crossing the kernel.
        PhysicalRange[] map = Build(
            R(MiB, 31 * MiB, Usable),
            R(2 * MiB, 4 * MiB, KernelAndModules),
            R(5 * MiB, 2 * MiB, AcpiReclaimable),
            R(8 * MiB, 2 * MiB, BootloaderReclaimable),
            R(9 * MiB, 4 * MiB, AcpiNvs));
        AssertMap(
            [
                R(1 * MiB, 1 * MiB, Usable),
                R(2 * MiB, 3 * MiB, KernelAndModules),
                R(5 * MiB, 2 * MiB, AcpiReclaimable),
                R(7 * MiB, 1 * MiB, Usable),
                R(8 * MiB, 1 * MiB, BootloaderReclaimable),
                R(9 * MiB, 4 * MiB, AcpiNvs),
                R(13 * MiB, 19 * MiB, Usable),
            ],
            map);
        AssertWellFormed(map);
    }

    [Fact]
    public void ModuleBeatsReservedFirmwareRange()
    {
        // GRUB under UEFI reports the memory it loaded modules into as reserved.
        PhysicalRange[] map = Build(R(MiB, 15 * MiB, Usable), R(4 * MiB, 4 * MiB, Reserved), R(5 * MiB, MiB, KernelAndModules));
        AssertMap([R(MiB, 3 * MiB, Usable), R(4 * MiB, MiB, Reserved), R(5 * MiB, MiB, KernelAndModules), R(6 * MiB, 2 * MiB, Reserved), R(8 * MiB, 8 * MiB, Usable)], map);
    }

    [Theory]
    [InlineData(AcpiReclaimable)]
    [InlineData(AcpiNvs)]
    [InlineData(BadMemory)]
    [InlineData(Framebuffer)]
    public void FirmwareTablesAndBadMemoryBeatModules(LimineMemoryType firmware)
    {
        PhysicalRange[] map = Build(R(4 * MiB, 2 * MiB, KernelAndModules), R(5 * MiB, MiB, firmware));
        AssertMap([R(4 * MiB, MiB, KernelAndModules), R(5 * MiB, MiB, firmware)], map);
    }

    [Fact]
    public void EveryPairOfTypesResolvesToTheHigherPriority()
    {
        LimineMemoryType[] types = [Usable, Reserved, AcpiReclaimable, AcpiNvs, BadMemory, BootloaderReclaimable, KernelAndModules, Framebuffer];
        foreach (LimineMemoryType a in types)
            foreach (LimineMemoryType b in types)
            {
                PhysicalRange[] map = Build(R(MiB, MiB, a), R(MiB, MiB, b));
                LimineMemoryType winner = MemoryMapBuilder.Priority(a) >= MemoryMapBuilder.Priority(b) ? a : b;
                AssertMap([R(MiB, MiB, winner)], map);
            }
    }

    [Fact]
    public void AdjacentRangesOfOneTypeAreMerged()
    {
        PhysicalRange[] map = Build(
            R(MiB, MiB, Usable), R(2 * MiB, MiB, Usable), R(3 * MiB, MiB, Usable),
            R(4 * MiB, 0x800, Reserved), R(4 * MiB + 0x800, 0x800, Reserved));
        AssertMap([R(MiB, 3 * MiB, Usable), R(4 * MiB, 0x1000, Reserved)], map);
    }

    [Fact]
    public void OverlappingRangesOfOneTypeAreMerged()
    {
        PhysicalRange[] map = Build(R(MiB, 4 * MiB, Usable), R(3 * MiB, 4 * MiB, Usable), R(2 * MiB, MiB, Usable));
        AssertMap([R(MiB, 6 * MiB, Usable)], map);
    }

    [Fact]
    public void RangesAroundARemovedOverlayAreNotMergedIntoIt()
    {
        // Two kernel pieces separated by usable memory stay separate.
        PhysicalRange[] map = Build(R(MiB, 8 * MiB, Usable), R(2 * MiB, MiB, KernelAndModules), R(4 * MiB, MiB, KernelAndModules));
        AssertMap(
            [R(MiB, MiB, Usable), R(2 * MiB, MiB, KernelAndModules), R(3 * MiB, MiB, Usable), R(4 * MiB, MiB, KernelAndModules), R(5 * MiB, 4 * MiB, Usable)],
            map);
    }

    [Fact]
    public void AdjacentRangesOfDifferentTypesAreNotMerged()
    {
        PhysicalRange[] map = Build(R(MiB, MiB, Usable), R(2 * MiB, MiB, AcpiReclaimable), R(3 * MiB, MiB, AcpiNvs));
        Assert.Equal(3, map.Length);
    }

    [Fact]
    public void UncoveredGapsAreOmitted()
    {
        PhysicalRange[] map = Build(R(MiB, MiB, Usable), R(4 * MiB, MiB, Usable), R(0x10 * MiB, 0x1000, Reserved));
        AssertMap([R(MiB, MiB, Usable), R(4 * MiB, MiB, Usable), R(0x10 * MiB, 0x1000, Reserved)], map);
    }

    [Fact]
    public void UsableRangesShrinkInwardToWholePages()
    {
        PhysicalRange[] map = Build(R(0x100123, 0x5000, Usable));
        AssertMap([R(0x101000, 0x4000, Usable)], map);   // 0x100123..0x105123 -> 0x101000..0x105000
    }

    [Fact]
    public void BootloaderReclaimableRangesShrinkInwardToWholePages()
    {
        PhysicalRange[] map = Build(R(0x100800, 0x2000, BootloaderReclaimable));
        AssertMap([R(0x101000, 0x1000, BootloaderReclaimable)], map);
    }

    [Fact]
    public void UsableRangeWithoutAWholePageDisappears()
    {
        Assert.Empty(Build(R(0x100800, 0x1000, Usable)));
        Assert.Empty(Build(R(0x100000, 0xFFF, Usable)));
        Assert.Empty(Build(R(0x100001, 0xFFF, BootloaderReclaimable)));
    }

    [Theory]
    [InlineData(Reserved)]
    [InlineData(AcpiReclaimable)]
    [InlineData(AcpiNvs)]
    [InlineData(BadMemory)]
    [InlineData(KernelAndModules)]
    [InlineData(Framebuffer)]
    public void OtherTypesKeepTheirExactBounds(LimineMemoryType type) =>
        AssertMap([R(0x9FC00, 0x123, type)], Build(R(0x9FC00, 0x123, type)));

    [Fact]
    public void PartialPagesNextToAnOverlayAreNotUsable()
    {
        // The reserved range covers part of two pages: neither page may be handed out as usable.
        PhysicalRange[] map = Build(R(MiB, 0x10000, Usable), R(MiB + 0x3800, 0x1000, Reserved));
        AssertMap([R(MiB, 0x3000, Usable), R(MiB + 0x3800, 0x1000, Reserved), R(MiB + 0x5000, 0xB000, Usable)], map);
        AssertWellFormed(map);
    }

    [Fact]
    public void FirstPageIsNeverUsable()
    {
        AssertMap([R(0x1000, 0x9E000, Usable)], Build(R(0, 0x9F000, Usable)));
        Assert.Empty(Build(R(0, 0x1000, Usable)));
        AssertMap([R(0x1000, 0x1000, Usable)], Build(R(0x800, 0x1800, Usable)));
    }

    [Fact]
    public void FirstPageMayBeAnotherType()
    {
        AssertMap([R(0, 0x1000, Reserved)], Build(R(0, 0x1000, Reserved)));
        AssertMap([R(0, 0x1000, BootloaderReclaimable)], Build(R(0, 0x1000, BootloaderReclaimable)));
        // A reserved first page next to usable memory.
        AssertMap([R(0, 0x1000, Reserved), R(0x1000, 0x1000, Usable)], Build(R(0, 0x2000, Usable), R(0, 0x1000, Reserved)));
    }

    [Fact]
    public void ZeroLengthRangesContributeNothing()
    {
        PhysicalRange[] map = Build(R(MiB, 4 * MiB, Usable), R(2 * MiB, 0, Reserved), R(8 * MiB, 0, Usable));
        AssertMap([R(MiB, 4 * MiB, Usable)], map);
    }

    [Fact]
    public void OutputCapacityIsRespected()
    {
        var input = Enumerable.Range(0, 10).Select(i => R((ulong)(i + 1) * 2 * MiB, MiB, Usable)).ToArray();
        PhysicalRange[] map = Build(4, input);
        Assert.Equal(4, map.Length);
        AssertMap(input.Take(4), map);
    }

    [Fact]
    public void MergingStillWorksWhenTheOutputIsFull()
    {
        PhysicalRange[] map = Build(1, R(MiB, MiB, Usable), R(2 * MiB, MiB, Usable), R(3 * MiB, MiB, Usable));
        AssertMap([R(MiB, 3 * MiB, Usable)], map);
    }

    [Fact]
    public void LoaderLikeInputIsWellFormed()
    {
        // Firmware map, then the loader's overlays, as RequestAnswers passes them.
        PhysicalRange[] map = Build(
            R(0x0, 0x9FC00, Usable), R(0x9FC00, 0x400, Reserved), R(0xF0000, 0x10000, Reserved),
            R(0x100000, 0x7EE0000, Usable), R(0x7FE0000, 0x20000, Reserved), R(0xFD000000, 0x300000, Reserved),
            R(0x100000, 0x1D000, BootloaderReclaimable),       // the loader
            R(0x11E000, 0x10000, KernelAndModules),            // a module
            R(0x200000, 0x40000, BootloaderReclaimable),       // page tables, stack, responses
            R(0x240000, 0x6000, KernelAndModules),             // the kernel's copy
            R(0xFD000000, 0x300000, Framebuffer));
        AssertWellFormed(map);
        AssertMap(
            [
                R(0x1000, 0x9E000, Usable), R(0x9FC00, 0x400, Reserved), R(0xF0000, 0x10000, Reserved),
                R(0x100000, 0x1D000, BootloaderReclaimable), R(0x11D000, 0x1000, Usable), R(0x11E000, 0x10000, KernelAndModules),
                R(0x12E000, 0xD2000, Usable), R(0x200000, 0x40000, BootloaderReclaimable), R(0x240000, 0x6000, KernelAndModules),
                R(0x246000, 0x7D9A000, Usable), R(0x7FE0000, 0x20000, Reserved), R(0xFD000000, 0x300000, Framebuffer),
            ],
            map);
        Assert.Equal(0x9E000UL + 0x1000 + 0xD2000 + 0x7D9A000, MemoryMapBuilder.Total(map, map.Length, Usable));
    }

    [Fact]
    public void RandomInputsAlwaysGiveWellFormedMaps()
    {
        var random = new Random(42);
        LimineMemoryType[] types = [Usable, Reserved, AcpiReclaimable, AcpiNvs, BadMemory, BootloaderReclaimable, KernelAndModules, Framebuffer];
        for (int round = 0; round < 300; round++)
        {
            var input = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => R((ulong)random.Next(0, 64) * 0x400, (ulong)random.Next(1, 32) * 0x400, types[random.Next(types.Length)]))
                .ToArray();
            PhysicalRange[] map = Build(256, input);
            AssertWellFormed(map);
            // Every byte reported has the highest-priority type of the inputs covering it.
            foreach (PhysicalRange entry in map)
                for (ulong address = entry.Base; address < entry.End; address += 0x400)
                {
                    var covering = input.Where(r => r.Base <= address && address < r.End).ToArray();
                    Assert.NotEmpty(covering);
                    Assert.Equal(covering.Max(r => MemoryMapBuilder.Priority(r.Type)), MemoryMapBuilder.Priority(entry.Type));
                }
        }
    }

    [Fact]
    public void WholeUsablePageSplitByAnUnalignedBoundaryIsKept()
    {
        // Two adjacent firmware ranges, both usable, meeting in the middle of a page: all of 0x1000..0x10000 is usable.
        PhysicalRange[] map = Build(R(0x1000, 0x1800, Usable), R(0x2800, 0xD800, Usable));
        AssertMap([R(0x1000, 0xF000, Usable)], map);
    }

    [Fact]
    public void OverlappingUsableRangesWithUnalignedEndsKeepEveryWholePage()
    {
        PhysicalRange[] map = Build(R(0x100000, 0x10000, Usable), R(0x100000, 0x2800, Usable));
        AssertMap([R(0x100000, 0x10000, Usable)], map);
    }

    [Fact]
    public void TotalSumsOneType()
    {
        PhysicalRange[] map = [R(0x1000, 0x9E000, Usable), R(0x9FC00, 0x400, Reserved), R(MiB, 0x7EE0000, Usable), R(0x7FE0000, 0x20000, AcpiReclaimable)];
        Assert.Equal(0x9E000UL + 0x7EE0000, MemoryMapBuilder.Total(map, map.Length, Usable));
        Assert.Equal(0x400UL, MemoryMapBuilder.Total(map, map.Length, Reserved));
        Assert.Equal(0x20000UL, MemoryMapBuilder.Total(map, map.Length, AcpiReclaimable));
        Assert.Equal(0UL, MemoryMapBuilder.Total(map, map.Length, AcpiNvs));
    }

    [Fact]
    public void TotalOnlyCountsTheFirstCountEntries()
    {
        PhysicalRange[] map = [R(0x1000, 0x1000, Usable), R(0x2000, 0x1000, Usable), R(0x3000, 0x1000, Usable)];
        Assert.Equal(0x2000UL, MemoryMapBuilder.Total(map, 2, Usable));
        Assert.Equal(0UL, MemoryMapBuilder.Total(map, 0, Usable));
    }
}
