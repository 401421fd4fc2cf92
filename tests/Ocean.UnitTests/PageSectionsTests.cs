namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Kernel.Mm;

/// <summary>
/// The per-page records of kernel/mm/PageSections.cs with synthetic memory maps: the bookkeeping
/// grows with the memory present, not with the span (a 4 GiB hole, 1 TiB, thousands of regions), and
/// the buddy allocator runs on it.
/// </summary>
public unsafe class PageSectionsTests
{
    private const ulong KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB, TiB = 1024 * GiB;
    private const ulong Page = 4096;
    private const int RecordBytes = 4;
    private const ulong PagesPerSection = PageSections.SectionBytes / Page;

    private static ulong Bytes(PhysicalRange[] ranges, ulong first, ulong end)
    {
        fixed (PhysicalRange* r = ranges)
            return PageSections.BytesFor(first, end, r, ranges.Length, RecordBytes);
    }

    private static ulong TableBytes(ulong first, ulong end) => ((end - 1) / PageSections.SectionBytes - first / PageSections.SectionBytes + 1) * 8;

    [Fact]
    public void AHoleBelow4GiBCostsOnlyItsTableEntries()
    {
        // As firmware lays out 4 GiB: 2 GiB low, the PCI hole, the rest above 4 GiB.
        PhysicalRange[] ranges = [new(MiB, 2 * GiB - MiB), new(4 * GiB, 2 * GiB)];
        ulong present = 16 + 16;   // sections of 128 MiB that hold memory
        Assert.Equal(TableBytes(MiB, 6 * GiB) + present * PagesPerSection * RecordBytes, Bytes(ranges, MiB, 6 * GiB));
    }

    [Fact]
    public void ATerabyteApartCostsTheMemoryPresentNotTheSpan()
    {
        PhysicalRange[] ranges = [new(MiB, 511 * MiB), new(TiB, 512 * MiB)];
        ulong bytes = Bytes(ranges, MiB, TiB + 512 * MiB);
        Assert.Equal(TableBytes(MiB, TiB + 512 * MiB) + 8 * PagesPerSection * RecordBytes, bytes);
        Assert.True(bytes < 2 * MiB, $"{bytes} bytes for 1 GiB of memory");   // a record per page of the span would be 1 GiB
    }

    [Fact]
    public void ATerabyteOfMemoryNeedsATenthOfAPercent()
    {
        PhysicalRange[] ranges = [new(0, TiB)];
        ulong bytes = Bytes(ranges, 0, TiB);
        Assert.Equal(TiB / Page * RecordBytes + TableBytes(0, TiB), bytes);
        Assert.True(bytes * 1000 < TiB + TiB / 2, "more than 0.15 % of the memory");
    }

    [Fact]
    public void ThousandsOfUnsortedOverlappingRegionsCountEachSectionOnce()
    {
        var random = new Random(14);
        var ranges = new PhysicalRange[3000];
        for (int i = 0; i < ranges.Length; i++)
            ranges[i] = new((ulong)random.NextInt64(0, (long)(64 * GiB)) & ~(Page - 1), (ulong)random.Next(0, (int)(8 * MiB)));
        ranges[17] = new(5 * GiB, 0);   // zero-length: nothing
        ranges[18] = new(ulong.MaxValue - Page, 16 * Page);   // runs past the top: clipped to the span
        var sections = new HashSet<ulong>();
        foreach (PhysicalRange range in ranges)
            if (range.Length != 0 && range.Base < 64 * GiB)
                for (ulong s = range.Base / PageSections.SectionBytes; s <= Math.Min(range.Base + range.Length - 1, 64 * GiB - 1) / PageSections.SectionBytes; s++)
                    sections.Add(s);
        Assert.Equal(TableBytes(0, 64 * GiB) + (ulong)sections.Count * PagesPerSection * RecordBytes, Bytes(ranges, 0, 64 * GiB));
    }

    [Fact]
    public void EveryPageOfPresentMemoryHasItsOwnZeroedRecordAndHolesHaveNone()
    {
        PhysicalRange[] ranges = [new(4 * GiB, 4 * MiB), new(MiB, 3 * MiB)];
        using var sections = new HostSections(ranges, MiB, 4 * GiB + 4 * MiB);
        Assert.Equal(2UL, sections.Value->PresentSections);
        var seen = new HashSet<ulong>();
        foreach (PhysicalRange range in ranges)
            for (ulong page = range.Base; page < range.Base + range.Length; page += Page)
            {
                byte* record = sections.Value->Record(page + 123);
                Assert.True(record != null);
                Assert.Equal(0u, *(uint*)record);
                Assert.True(record == sections.Value->Record(page), "an address inside a page has the page's record");
                Assert.True(seen.Add((ulong)record), "two pages share a record");
            }
        Assert.True(sections.Value->Record(2 * GiB) == null);          // the hole
        Assert.True(sections.Value->Record(8 * TiB) == null);          // past the span
        Assert.True(sections.Value->Record(0) != null);                // the same section as the low range
    }

    [Fact]
    public void TheBuddyAllocatorRunsOnRecordsAcrossAHole()
    {
        // Two 4 MiB ranges in sections 128 MiB apart; the host memory between them is never touched.
        ulong first = 16 * MiB, end = 260 * MiB;
        PhysicalRange[] ranges = [new(256 * MiB, 4 * MiB), new(16 * MiB, 4 * MiB)];
        byte* memory = (byte*)NativeMemory.AlignedAlloc((nuint)(end - first), (nuint)Page);
        try
        {
            using var sections = new HostSections(ranges, first, end);
            var buddy = new BuddyAllocator();
            buddy.Initialize((ulong)memory - first, first, end, sections.Value);
            foreach (PhysicalRange range in ranges)
                buddy.AddFreeRange(range.Base, range.Length);
            buddy.AddFreeRange(150 * MiB, 4 * MiB);   // in the hole (section 1): no records, so not added
            Assert.Equal(2048UL, buddy.TotalPages);
            Assert.Equal(2UL, buddy.FreeBlocks(BuddyAllocator.MaxOrder));

            var pages = new List<ulong>();
            ulong page;
            while ((page = buddy.Allocate(0)) != 0)
                pages.Add(page);
            Assert.Equal(2048, pages.Count);
            Assert.All(pages, p => Assert.True(ranges.Any(r => p >= r.Base && p < r.Base + r.Length), $"page 0x{p:X} outside the memory"));
            Assert.False(buddy.Free(150 * MiB, 0));   // no record: refused, not written
            foreach (ulong p in pages)
                Assert.True(buddy.Free(p, 0));
            Assert.Equal(2048UL, buddy.FreePages);
            Assert.Equal(2UL, buddy.FreeBlocks(BuddyAllocator.MaxOrder));   // merged back whole
        }
        finally
        {
            NativeMemory.AlignedFree(memory);
        }
    }

    // Records for a map, in host memory.
    private sealed class HostSections : IDisposable
    {
        private readonly byte* _storage;

        public HostSections(PhysicalRange[] ranges, ulong first, ulong end)
        {
            fixed (PhysicalRange* r = ranges)
            {
                ulong bytes = PageSections.BytesFor(first, end, r, ranges.Length, RecordBytes);
                _storage = (byte*)NativeMemory.AlignedAlloc((nuint)(bytes + (ulong)sizeof(PageSections)), 8);
                new Span<byte>(_storage, (int)(bytes + (ulong)sizeof(PageSections))).Fill(0xA5);   // Initialize must zero the records itself
                Value = (PageSections*)_storage;
                *Value = default;
                Value->Initialize(_storage + sizeof(PageSections), first, end, r, ranges.Length, RecordBytes);
            }
        }

        public PageSections* Value { get; }

        public void Dispose() => NativeMemory.AlignedFree(_storage);
    }
}
