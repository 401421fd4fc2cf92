#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;

/// <summary>
/// The page table's walks over the user half (kernel/arch/x86_64/mm/PageTable.cs) on the host: tables
/// are host pages (the HHDM offset is 0), and each table entry's eighths bits decide which parts of
/// its table the walks read, so every path that makes an entry present must set them.
/// </summary>
[Collection(nameof(PageTableTests))]   // PageTable and the stubs below are static
public unsafe class PageTableTests : IDisposable
{
    private const ulong Page = 4096;
    private const ulong Writable = PageTable.Writable | PageTable.User | PageTable.Present;

    // Addresses in every eighth of every level's table, and at both ends of the user half.
    private static readonly ulong[] Scattered =
    [
        0x1000, 0x40_0000, 0x40_1000, 0x40_3F000, 0x7F_F000, 0x80_0000 + 63 * Page, 0x80_0000 + 64 * Page,
        0x80_0000 + 300 * Page, 0x80_0000 + 511 * Page, 0x4000_0000UL * 200, 0x4000_0000UL * 511 + 0x20_0000 * 70,
        (1UL << 39) * 3 + 0x1234_5000, (1UL << 39) * 130, (1UL << 47) - Page, (1UL << 47) - 0x20_0000 * 65,
    ];

    private static readonly HashSet<nuint> s_tables = new();
    private static ulong s_nextPhysical = 0x1_0000_0000;

    public PageTableTests()
    {
        s_tables.Clear();
        PageReferences.Counts.Clear();
        PageTable.Configure(0, &AllocateTable, &FreeZeroedTable, &FreeTable);
    }

    public void Dispose()
    {
        foreach (nuint table in s_tables)
            NativeMemory.AlignedFree((void*)table);
        s_tables.Clear();
    }

    private static ulong AllocateTable()
    {
        void* table = NativeMemory.AlignedAlloc((nuint)Page, (nuint)Page);
        NativeMemory.Clear(table, (nuint)Page);
        s_tables.Add((nuint)table);
        return (ulong)table;
    }

    // Every table but a root is emptied before it is freed: the kernel hands such pages out again as
    // zeroed pages without filling them.
    private static void FreeZeroedTable(ulong physical)
    {
        Assert.True(new ReadOnlySpan<ulong>((void*)physical, (int)(Page / sizeof(ulong))).IndexOfAnyExcept(0UL) < 0, "a table freed with entries left in it");
        FreeTable(physical);
    }

    private static void FreeTable(ulong physical)
    {
        Assert.True(s_tables.Remove((nuint)physical), "a table freed twice or never allocated");
        NativeMemory.Fill((void*)physical, (nuint)Page, 0xDD);   // a walk that reads it again sees garbage
        NativeMemory.AlignedFree((void*)physical);
    }

    // A distinct fake physical page for each mapping, with one reference.
    private static ulong NewPage()
    {
        ulong physical = s_nextPhysical;
        s_nextPhysical += Page;
        PageReferences.Counts[physical] = 1;
        return physical;
    }

    private static PageTable NewSpace()
    {
        Assert.True(PageTable.TryCreate(out PageTable space));
        return space;
    }

    private static Dictionary<ulong, ulong> MapAll(ref PageTable space, IEnumerable<ulong> addresses)
    {
        var mapped = new Dictionary<ulong, ulong>();
        foreach (ulong address in addresses)
        {
            ulong physical = NewPage();
            Assert.True(space.Map(address, physical, Writable));
            mapped[address] = physical;
        }
        return mapped;
    }

    private static void AssertMaps(ref PageTable space, Dictionary<ulong, ulong> expected)
    {
        Assert.Equal((ulong)expected.Count, space.CountUserPages());
        foreach ((ulong address, ulong physical) in expected)
        {
            Assert.True(space.Translate(address, out ulong found, out _, out _), $"0x{address:x} is not mapped");
            Assert.Equal(physical, found);
        }
    }

    [Fact]
    public void TheWalkCountsEveryPageWhereverItLies()
    {
        PageTable space = NewSpace();
        Dictionary<ulong, ulong> mapped = MapAll(ref space, Scattered);
        AssertMaps(ref space, mapped);

        // Unmapped pages leave the count (and emptied tables are freed, one kept).
        foreach (ulong address in Scattered.Where((_, i) => i % 3 == 0))
        {
            Assert.Equal(mapped[address], space.Unmap(address));
            mapped.Remove(address);
        }
        AssertMaps(ref space, mapped);

        space.DestroyUserHalf();
        Assert.Equal(0UL, space.CountUserPages());
        space.FreeRoot();
        Assert.Empty(s_tables);
        Assert.All(mapped.Values, physical => Assert.Equal(0, PageReferences.Counts[physical]));
    }

    [Fact]
    public void AForkOfAForkSharesEveryPage()
    {
        PageTable parent = NewSpace();
        Dictionary<ulong, ulong> mapped = MapAll(ref parent, Scattered);
        PageTable child = NewSpace();
        Assert.True(parent.CloneUserHalf(ref child));
        AssertMaps(ref child, mapped);
        // The clone writes the child's entries itself, not through Walk: a grandchild must see them all.
        PageTable grandchild = NewSpace();
        Assert.True(child.CloneUserHalf(ref grandchild));
        AssertMaps(ref grandchild, mapped);
        Assert.All(mapped.Values, physical => Assert.Equal(3, PageReferences.Counts[physical]));
        foreach (ulong address in Scattered)
        {
            Assert.True(parent.Translate(address, out _, out ulong flags, out _));
            Assert.Equal(PageTable.CopyOnWrite, flags & (PageTable.CopyOnWrite | PageTable.Writable));
        }

        // Teardown releases each page once per space and frees every table.
        foreach (PageTable space in new[] { grandchild, child, parent })
        {
            PageTable gone = space;
            gone.DestroyUserHalf();
            gone.FreeRoot();
        }
        Assert.Empty(s_tables);
        Assert.All(mapped.Values, physical => Assert.Equal(0, PageReferences.Counts[physical]));
    }

    [Fact]
    public void AnEmptiedTableIsFoundEmptyThoughItsEighthsWereSet()
    {
        PageTable space = NewSpace();
        // Fill a page table in its first and last eighths, empty it from one end; then a second region.
        ulong region = 0x4000_0000;
        MapAll(ref space, [region, region + 511 * Page]);
        Assert.NotEqual(0UL, space.Unmap(region + 511 * Page));
        Assert.NotEqual(0UL, space.Unmap(region));   // empty now: kept as the spare
        MapAll(ref space, [region + 0x20_0000]);
        Assert.NotEqual(0UL, space.Unmap(region + 0x20_0000));   // the new spare; the old one is freed
        int tablesWithSpare = s_tables.Count;
        // A page mapped again into the kept table costs no new table.
        Dictionary<ulong, ulong> again = MapAll(ref space, [region + 0x20_0000 + 5 * Page]);
        Assert.Equal(tablesWithSpare, s_tables.Count);
        AssertMaps(ref space, again);
        space.DestroyUserHalf();
        space.FreeRoot();
        Assert.Empty(s_tables);
    }

    [Fact]
    public void AnEndedUserSpacesRootIsKeptForTheNextWithTheKernelHalf()
    {
        PageTable kernel = NewSpace();
        const ulong KernelPage = 0xFFFF_8800_0000_0000;
        Assert.True(kernel.Map(KernelPage, NewPage(), PageTable.Writable | PageTable.Present));

        Assert.True(kernel.TryCreateUserSpace(out PageTable first));
        MapAll(ref first, Scattered);
        ulong root = first.Root;
        first.DestroyUserSpace();

        // The next space gets the same root back: its user half empty, its kernel half as the kernel's.
        Assert.True(kernel.TryCreateUserSpace(out PageTable second));
        Assert.Equal(root, second.Root);
        Assert.Equal(0UL, second.CountUserPages());
        Assert.True(second.Translate(KernelPage, out ulong physical, out _, out _));
        Assert.True(kernel.Translate(KernelPage, out ulong expected, out _, out _));
        Assert.Equal(expected, physical);
        Dictionary<ulong, ulong> mapped = MapAll(ref second, Scattered.Take(4));
        AssertMaps(ref second, mapped);

        // A kernel-half top-level entry made now would be missing from every user space: a panic.
        Assert.Throws<Ocean.Kernel.Lib.KernelPanicException>(() => NewSpaceMaps(ref kernel, 0xFFFF_9000_0000_0000));

        second.DestroyUserHalf();
        second.FreeRoot();
        Assert.Equal(0UL, kernel.Unmap(0xFFFF_9000_0000_0000));
    }

    private static void NewSpaceMaps(ref PageTable space, ulong address) => space.Map(address, NewPage(), PageTable.Writable | PageTable.Present);
}

[CollectionDefinition(nameof(PageTableTests), DisableParallelization = true)]
public sealed class PageTableTestsCollection
{
}
