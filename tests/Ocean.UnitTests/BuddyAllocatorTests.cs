#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Mm;

public unsafe class BuddyAllocatorTests
{
    private const ulong Page = BuddyAllocator.PageSize;
    private const int MaxOrder = BuddyAllocator.MaxOrder;
    private const ulong MaxBlock = Page << MaxOrder; // 4 MiB
    private const ulong MiB = 0x100000;

    private static ulong BlockSize(int order) => Page << order;

    private static ulong[] FreeBlocks(ref BuddyAllocator buddy)
    {
        var counts = new ulong[MaxOrder + 1];
        for (int order = 0; order <= MaxOrder; order++)
            counts[order] = buddy.FreeBlocks(order);
        return counts;
    }

    private static ulong[] Counts(params (int Order, ulong Count)[] entries)
    {
        var counts = new ulong[MaxOrder + 1];
        foreach (var (order, count) in entries)
            counts[order] = count;
        return counts;
    }

    /// <summary>
    /// What a buddy allocator's free lists must hold for a given set of free pages: every aligned block
    /// that is entirely free and whose parent block is not (or that is already of the maximum order).
    /// With eager coalescing this decomposition is unique, so the statistics can be checked exactly.
    /// </summary>
    private static ulong[] ExpectedFreeBlocks(ulong first, ulong end, Func<ulong, bool> isFree)
    {
        ulong firstPage = (first + Page - 1) / Page, endPage = end / Page;
        var full = new Dictionary<ulong, bool>[MaxOrder + 1];
        for (int order = 0; order <= MaxOrder; order++)
        {
            full[order] = new Dictionary<ulong, bool>();
            ulong pages = 1UL << order;
            for (ulong start = (firstPage + pages - 1) / pages * pages; start + pages <= endPage; start += pages)
            {
                bool allFree = order == 0
                    ? isFree(start * Page)
                    : full[order - 1][start] && full[order - 1][start + pages / 2];
                full[order][start] = allFree;
            }
        }
        var counts = new ulong[MaxOrder + 1];
        for (int order = 0; order <= MaxOrder; order++)
            foreach (var (start, allFree) in full[order])
            {
                if (!allFree)
                    continue;
                ulong parent = start & ~((2UL << order) - 1);
                if (order == MaxOrder || !full[order + 1].TryGetValue(parent, out bool parentFree) || !parentFree)
                    counts[order]++;
            }
        return counts;
    }

    [Fact]
    public void ConstantsDescribe4KiBTo4MiBBlocks()
    {
        Assert.Equal(4096UL, BuddyAllocator.PageSize);
        Assert.Equal(10, BuddyAllocator.MaxOrder);
    }

    [Theory]
    [InlineData(0x100000UL, 0x200000UL, 256UL)]
    [InlineData(0x100001UL, 0x200000UL, 255UL)] // rounded inward at the start
    [InlineData(0x100000UL, 0x200FFFUL, 256UL)] // and at the end
    [InlineData(0x100000UL, 0x100FFFUL, 0UL)]
    [InlineData(0x200000UL, 0x100000UL, 0UL)]   // an inverted span needs nothing
    [InlineData(0UL, 0x1_0000_0000UL, 0x100000UL)]
    public void MetadataIsOneBytePerWholePage(ulong first, ulong end, ulong expected) =>
        Assert.Equal(expected, BuddyAllocator.MetadataBytes(first, end));

    [Fact]
    public void NothingIsFreeAfterInitialize()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 32 * MiB);
        BuddyAllocator buddy = memory.Create();
        Assert.Equal(0UL, buddy.TotalPages);
        Assert.Equal(0UL, buddy.FreePages);
        Assert.Equal(new ulong[MaxOrder + 1], FreeBlocks(ref buddy));
        Assert.Equal(0UL, buddy.Allocate(0));
        Assert.True(memory.GuardIntact());
    }

    [Fact]
    public void AnAlignedRangeBecomesMaximumOrderBlocks()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 32 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 16 * MiB);
        Assert.Equal(4096UL, buddy.TotalPages);
        Assert.Equal(4096UL, buddy.FreePages);
        Assert.Equal(Counts((MaxOrder, 4)), FreeBlocks(ref buddy));
        Assert.True(memory.GuardIntact());
    }

    [Fact]
    public void AllocatingOnePageSplitsAMaximumBlockAllTheWayDown()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);

        ulong page = buddy.Allocate(0);
        Assert.Equal(16 * MiB, page); // the lower half is kept at every split
        Assert.Equal(1023UL, buddy.FreePages);
        var expected = new ulong[MaxOrder + 1];
        for (int order = 0; order < MaxOrder; order++)
            expected[order] = 1;
        Assert.Equal(expected, FreeBlocks(ref buddy));

        Assert.True(buddy.Free(page, 0));
        Assert.Equal(Counts((MaxOrder, 1)), FreeBlocks(ref buddy));
        Assert.Equal(1024UL, buddy.FreePages);
    }

    [Fact]
    public void EveryOrderIsAlignedToItsSizeAndInsideTheSpan()
    {
        // A span that starts and ends off every large alignment.
        ulong first = 16 * MiB + 3 * Page, end = 40 * MiB - 5 * Page;
        using var memory = new HostPhysicalMemory(first, end);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(first, end - first);
        var taken = new List<(ulong, int)>();
        for (int order = MaxOrder; order >= 0; order--)
            for (int i = 0; i < 2; i++)
            {
                ulong block = buddy.Allocate(order);
                Assert.NotEqual(0UL, block);
                Assert.Equal(0UL, block % BlockSize(order));
                Assert.True(block >= first && block + BlockSize(order) <= end);
                taken.Add((block, order));
            }
        // No two blocks overlap.
        var sorted = taken.OrderBy(t => t.Item1).ToList();
        for (int i = 1; i < sorted.Count; i++)
            Assert.True(sorted[i - 1].Item1 + BlockSize(sorted[i - 1].Item2) <= sorted[i].Item1);
        foreach (var (block, order) in taken)
            Assert.True(buddy.Free(block, order));
        Assert.Equal(buddy.TotalPages, buddy.FreePages);
    }

    [Fact]
    public void ExhaustionReturnsZeroAndFreeingEverythingCoalescesFully()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 32 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 16 * MiB);

        var pages = new List<ulong>();
        for (ulong page; (page = buddy.Allocate(0)) != 0;)
            pages.Add(page);
        Assert.Equal(4096, pages.Count);
        Assert.Equal(4096, pages.Distinct().Count());
        Assert.Equal(0UL, buddy.FreePages);
        Assert.Equal(new ulong[MaxOrder + 1], FreeBlocks(ref buddy));
        for (int order = 0; order <= MaxOrder; order++)
            Assert.Equal(0UL, buddy.Allocate(order));

        var random = new Random(7);
        foreach (ulong page in pages.OrderBy(_ => random.Next()))
            Assert.True(buddy.Free(page, 0));
        Assert.Equal(4096UL, buddy.FreePages);
        Assert.Equal(Counts((MaxOrder, 4)), FreeBlocks(ref buddy));
    }

    [Fact]
    public void ALargeOrderFailsWhileSmallerBlocksRemain()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 17 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 3 * Page); // an order-1 and an order-0 block
        Assert.Equal(Counts((0, 1), (1, 1)), FreeBlocks(ref buddy));
        Assert.Equal(0UL, buddy.Allocate(2));
        Assert.Equal(16 * MiB, buddy.Allocate(1));
        Assert.Equal(16 * MiB + 2 * Page, buddy.Allocate(0));
        Assert.Equal(0UL, buddy.Allocate(0));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MaxOrder + 1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void OrdersOutOfRangeAreRefused(int order)
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 24 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 8 * MiB);
        Assert.Equal(0UL, buddy.Allocate(order));
        Assert.False(buddy.Free(16 * MiB, order));
        Assert.Equal(0UL, buddy.FreeBlocks(order));
        Assert.Equal(2048UL, buddy.FreePages);
    }

    [Fact]
    public void DoubleFreeIsRefusedAndChangesNothing()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        ulong a = buddy.Allocate(3);
        ulong b = buddy.Allocate(3);
        Assert.True(buddy.Free(a, 3));
        ulong[] before = FreeBlocks(ref buddy);
        ulong freeBefore = buddy.FreePages;

        Assert.False(buddy.Free(a, 3));
        Assert.Equal(before, FreeBlocks(ref buddy));
        Assert.Equal(freeBefore, buddy.FreePages);

        Assert.True(buddy.Free(b, 3));
        Assert.False(buddy.Free(b, 3));
        Assert.False(buddy.Free(16 * MiB, MaxOrder)); // the coalesced block is free, not allocated
        Assert.Equal(Counts((MaxOrder, 1)), FreeBlocks(ref buddy));
    }

    [Fact]
    public void BadFreesAreRefusedAndChangeNothing()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 24 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB); // the upper 4 MiB of the span are never added
        ulong block = buddy.Allocate(2);
        ulong[] blocks = FreeBlocks(ref buddy);
        ulong free = buddy.FreePages;

        Assert.False(buddy.Free(block, 1));             // wrong order, smaller
        Assert.False(buddy.Free(block, 3));             // wrong order, larger
        Assert.False(buddy.Free(block + Page, 0));      // a tail page of the block
        Assert.False(buddy.Free(block + 2 * Page, 1));  // the upper half, as if split
        Assert.False(buddy.Free(block + 1, 2));         // misaligned
        Assert.False(buddy.Free(block + Page, 2));      // misaligned for its order
        Assert.False(buddy.Free(block + 4 * Page, 2));  // a free block, never allocated
        Assert.False(buddy.Free(20 * MiB, 0));          // inside the span, never added
        Assert.False(buddy.Free(8 * MiB, 0));           // below the span
        Assert.False(buddy.Free(24 * MiB, 0));          // at the end of the span
        Assert.False(buddy.Free(0, 0));
        Assert.False(buddy.Free(ulong.MaxValue & ~(Page - 1), 0));
        Assert.False(buddy.Free(20 * MiB, MaxOrder));   // would run past what was added
        Assert.Equal(blocks, FreeBlocks(ref buddy));
        Assert.Equal(free, buddy.FreePages);

        Assert.True(buddy.Free(block, 2));
        Assert.Equal(Counts((MaxOrder, 1)), FreeBlocks(ref buddy));
    }

    [Fact]
    public void AFreeRangeIsRoundedInwardToWholePages()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 17 * MiB);
        BuddyAllocator buddy = memory.Create();
        // [16 MiB + 100, 16 MiB + 3 pages + 300): whole pages 1 and 2 only.
        buddy.AddFreeRange(16 * MiB + 100, 3 * Page + 200);
        Assert.Equal(2UL, buddy.TotalPages);
        // Page 1 is not 8 KiB-aligned and page 3 is missing, so both stay single pages.
        Assert.Equal(Counts((0, 2)), FreeBlocks(ref buddy));
        var pages = new[] { buddy.Allocate(0), buddy.Allocate(0) }.Order();
        Assert.Equal([16 * MiB + Page, 16 * MiB + 2 * Page], pages);
        Assert.Equal(0UL, buddy.Allocate(0));
    }

    [Theory]
    [InlineData(0x1000100UL, 0xF00UL)] // inside one page
    [InlineData(0x1000100UL, 0x1000UL)] // crosses a page boundary but holds no whole page
    [InlineData(0x1000000UL, 0xFFFUL)]
    [InlineData(0x1000000UL, 0UL)]
    public void RangesWithoutAWholePageAddNothing(ulong physical, ulong length)
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 17 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(physical, length);
        Assert.Equal(0UL, buddy.TotalPages);
        Assert.Equal(0UL, buddy.Allocate(0));
    }

    [Fact]
    public void RangesAreClippedToTheManagedSpan()
    {
        ulong first = 16 * MiB, end = 24 * MiB;
        using var memory = new HostPhysicalMemory(first, end);
        BuddyAllocator buddy = memory.Create();

        buddy.AddFreeRange(0, first);                   // entirely below
        buddy.AddFreeRange(end, 64 * MiB);              // entirely above
        Assert.Equal(0UL, buddy.TotalPages);

        buddy.AddFreeRange(first - 3 * Page, 5 * Page); // straddles the start: 2 pages inside
        Assert.Equal(2UL, buddy.TotalPages);
        buddy.AddFreeRange(end - 2 * Page, 10 * Page);  // straddles the end: 2 pages inside
        Assert.Equal(4UL, buddy.TotalPages);
        buddy.AddFreeRange(0, ulong.MaxValue);          // everything, without wrapping around
        Assert.Equal(2048UL, buddy.TotalPages);
        buddy.AddFreeRange(ulong.MaxValue - 5, 100);    // the top of the address space
        Assert.Equal(2048UL, buddy.TotalPages);
        Assert.Equal(2048UL, buddy.FreePages);
        Assert.Equal(Counts((MaxOrder, 2)), FreeBlocks(ref buddy));
        Assert.True(memory.GuardIntact());
    }

    [Fact]
    public void OverlappingRangesAreCountedOnce()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 2 * MiB);
        buddy.AddFreeRange(16 * MiB, 2 * MiB);
        buddy.AddFreeRange(17 * MiB, 2 * MiB);
        Assert.Equal(768UL, buddy.TotalPages);
        Assert.Equal(768UL, buddy.FreePages);
        Assert.Equal(Counts((9, 1), (8, 1)), FreeBlocks(ref buddy));

        // Adding a range again while part of it is allocated must not free the allocated part.
        ulong block = buddy.Allocate(8);
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        Assert.Equal(1024UL, buddy.TotalPages);
        Assert.Equal(1024UL - 256, buddy.FreePages);
        Assert.True(buddy.Free(block, 8));
        Assert.Equal(Counts((MaxOrder, 1)), FreeBlocks(ref buddy));
    }

    [Fact]
    public void PagesAddedOneAtATimeCoalesceIntoMaximumBlocks()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 24 * MiB);
        BuddyAllocator buddy = memory.Create();
        var random = new Random(3);
        foreach (int page in Enumerable.Range(0, 2048).OrderBy(_ => random.Next()))
            buddy.AddFreeRange(16 * MiB + (ulong)page * Page, Page);
        Assert.Equal(2048UL, buddy.TotalPages);
        Assert.Equal(Counts((MaxOrder, 2)), FreeBlocks(ref buddy));
    }

    [Fact]
    public void HolesStopCoalescing()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        ulong hole = 16 * MiB + 517 * Page;
        buddy.AddFreeRange(16 * MiB, hole - 16 * MiB);
        buddy.AddFreeRange(hole + Page, 20 * MiB - hole - Page);
        Assert.Equal(1023UL, buddy.TotalPages);
        Assert.Equal(
            ExpectedFreeBlocks(16 * MiB, 20 * MiB, p => p != hole),
            FreeBlocks(ref buddy));
        Assert.Equal(0UL, buddy.FreeBlocks(MaxOrder));
        Assert.Equal(0UL, buddy.Allocate(MaxOrder));
        Assert.NotEqual(0UL, buddy.Allocate(MaxOrder - 1)); // the half without the hole
    }

    [Fact]
    public void PhysicalPageZeroIsNeverHandedOut()
    {
        using var memory = new HostPhysicalMemory(0, 4 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(0, 4 * MiB);
        Assert.Equal(1023UL, buddy.TotalPages);
        var expected = new ulong[MaxOrder + 1];
        for (int order = 0; order < MaxOrder; order++)
            expected[order] = 1;
        Assert.Equal(expected, FreeBlocks(ref buddy));
        int count = 0;
        while (buddy.Allocate(0) != 0)
            count++;
        Assert.Equal(1023, count);
        Assert.False(buddy.Free(0, 0));
    }

    /// <summary>
    /// Free memory in whole largest blocks is not written when it is added (a large machine's memory
    /// stays untouched at boot, which QEMU and huge host pages make expensive), only when a block is
    /// first split or handed out; the lowest such block goes first.
    /// </summary>
    [Fact]
    public void LargestBlocksAreUntouchedUntilFirstNeeded()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 32 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 16 * MiB);
        Assert.Equal(Counts((MaxOrder, 4)), FreeBlocks(ref buddy));
        Assert.True(new Span<byte>(memory.Virtual(16 * MiB), (int)(16 * MiB)).IndexOfAnyExcept((byte)0xEE) < 0);

        ulong page = buddy.Allocate(0);
        Assert.Equal(16 * MiB, page);
        Assert.True(new Span<byte>(memory.Virtual(16 * MiB + MaxBlock), (int)(3 * MaxBlock)).IndexOfAnyExcept((byte)0xEE) < 0);
        Assert.Equal(Counts((0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1), (MaxOrder, 3)), FreeBlocks(ref buddy));
        Assert.Equal(16 * MiB + MaxBlock, buddy.Allocate(MaxOrder));
        Assert.True(buddy.Free(page, 0));
        Assert.Equal(Counts((MaxOrder, 3)), FreeBlocks(ref buddy));
        Assert.Equal(16 * MiB, buddy.Allocate(MaxOrder));   // the block put back on its list comes before pending ones
    }

    /// <summary>
    /// A pending block's other pages keep their untouched records until it is handed out; a range
    /// added again over it, whole or in part, before or after, adds nothing twice.
    /// </summary>
    [Fact]
    public void RangesOverPendingBlocksAddEachPageOnce()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 32 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(20 * MiB, 4 * MiB);
        Assert.Equal(Counts((MaxOrder, 1)), FreeBlocks(ref buddy));
        buddy.AddFreeRange(18 * MiB, 8 * MiB);   // straddles it: 2 MiB new on each side
        buddy.AddFreeRange(21 * MiB, MiB);       // inside it
        Assert.Equal(2048UL, buddy.TotalPages);
        Assert.Equal(2048UL, buddy.FreePages);
        Assert.Equal(Counts((9, 2), (MaxOrder, 1)), FreeBlocks(ref buddy));

        var pages = new HashSet<ulong>();
        for (ulong page; (page = buddy.Allocate(0)) != 0;)
        {
            Assert.True(page >= (pages.Count == 0 ? 18 * MiB : 16 * MiB) && page < (pages.Count == 0 ? 26 * MiB : 32 * MiB));
            Assert.True(pages.Add(page));
            if (pages.Count == 1)
            {
                buddy.AddFreeRange(16 * MiB, 16 * MiB);   // once the pending block is split: only the 8 MiB around it are new
                Assert.Equal(4096UL, buddy.TotalPages);
            }
        }
        Assert.Equal(4096, pages.Count);
        Assert.True(memory.GuardIntact());
    }

    [Fact]
    public void AllocatedMemoryIsNeverTouchedByTheAllocator()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 24 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 8 * MiB);
        var blocks = new List<(ulong Block, int Order)>();
        var random = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            int order = random.Next(0, 4);
            ulong block = buddy.Allocate(order);
            Assert.NotEqual(0UL, block);
            new Span<byte>(memory.Virtual(block), (int)BlockSize(order)).Fill((byte)(i + 1));
            blocks.Add((block, order));
        }
        // Free every other block (with coalescing around the rest), then check the survivors.
        for (int i = 0; i < blocks.Count; i += 2)
            Assert.True(buddy.Free(blocks[i].Block, blocks[i].Order));
        for (int i = 1; i < blocks.Count; i += 2)
        {
            var (block, order) = blocks[i];
            Assert.True(new Span<byte>(memory.Virtual(block), (int)BlockSize(order)).IndexOfAnyExcept((byte)(i + 1)) < 0);
        }
    }

    [Fact]
    public void InitializeStartsOver()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        Assert.NotEqual(0UL, buddy.Allocate(2));
        buddy.Initialize(memory.DirectMapOffset, memory.First, memory.End, (byte*)null);
        Assert.Equal(0UL, buddy.TotalPages);
        Assert.Equal(0UL, buddy.Allocate(0));
        buddy.AddFreeRange(16 * MiB, 4 * MiB); // without page state nothing can be managed
        Assert.Equal(0UL, buddy.TotalPages);

        buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        Assert.Equal(1024UL, buddy.TotalPages);
        Assert.Equal(Counts((MaxOrder, 1)), FreeBlocks(ref buddy));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1234)]
    [InlineData(98765)]
    public void RandomSequencesKeepExactStatistics(int seed)
    {
        // A span off every large alignment, with holes, overlapping and straddling ranges.
        ulong first = 4 * MiB - 3 * Page, end = 21 * MiB + 5 * Page;
        using var memory = new HostPhysicalMemory(first, end);
        BuddyAllocator buddy = memory.Create();
        var random = new Random(seed);

        var added = new HashSet<ulong>();
        var allocated = new Dictionary<ulong, (ulong Block, int Order)>(); // page -> owning block
        var live = new List<(ulong Block, int Order, byte Tag)>();

        void AddRange(ulong physical, ulong length)
        {
            buddy.AddFreeRange(physical, length);
            ulong start = Math.Max((physical + Page - 1) & ~(Page - 1), first);
            ulong stop = Math.Min((physical + length) & ~(Page - 1), end);
            for (ulong p = start; p < stop; p += Page)
                if (!allocated.ContainsKey(p))
                    added.Add(p);
        }

        bool IsFree(ulong page) => added.Contains(page) && !allocated.ContainsKey(page);

        void Check()
        {
            Assert.Equal((ulong)added.Count, buddy.TotalPages);
            Assert.Equal((ulong)(added.Count - allocated.Count), buddy.FreePages);
            Assert.Equal(ExpectedFreeBlocks(first, end, IsFree), FreeBlocks(ref buddy));
        }

        AddRange(first - 10 * Page, 2 * MiB);                 // straddles the start
        AddRange(first + 3 * MiB + 123, 5 * MiB + 4000);      // unaligned both ends
        AddRange(first + 7 * MiB, MiB);                       // overlaps the previous one
        AddRange(end - 3 * MiB - 7 * Page, 8 * MiB);          // straddles the end
        Check();

        for (int step = 0; step < 3000; step++)
        {
            if (live.Count == 0 || random.Next(100) < 55)
            {
                int order = random.Next(100) < 75 ? random.Next(0, 3) : random.Next(0, MaxOrder + 1);
                ulong block = buddy.Allocate(order);
                if (block == 0)
                {
                    // Only when no free block of this order or larger exists.
                    Assert.True(ExpectedFreeBlocks(first, end, IsFree).Skip(order).All(count => count == 0));
                }
                else
                {
                    Assert.Equal(0UL, block % BlockSize(order));
                    byte tag = (byte)random.Next(1, 256);
                    for (ulong p = block; p < block + BlockSize(order); p += Page)
                    {
                        Assert.True(IsFree(p));
                        allocated.Add(p, (block, order));
                        // Where a free-list node would go if the allocator wrote into used memory.
                        new Span<byte>(memory.Virtual(p), 16).Fill(tag);
                    }
                    live.Add((block, order, tag));
                }
            }
            else
            {
                int index = random.Next(live.Count);
                var (block, order, tag) = live[index];
                for (ulong p = block; p < block + BlockSize(order); p += Page)
                    Assert.True(new Span<byte>(memory.Virtual(p), 16).IndexOfAnyExcept(tag) < 0);
                if (order > 0)
                    Assert.False(buddy.Free(block, order - 1));
                Assert.True(buddy.Free(block, order));
                Assert.False(buddy.Free(block, order));
                for (ulong p = block; p < block + BlockSize(order); p += Page)
                    allocated.Remove(p);
                live[index] = live[^1];
                live.RemoveAt(live.Count - 1);
            }

            if (step == 1500)
                AddRange(first + 9 * MiB + 5 * Page, 2 * MiB); // more memory arrives mid-run
            if (step % 20 == 0)
                Check();
        }
        Check();

        foreach (var (block, order, _) in live)
            Assert.True(buddy.Free(block, order));
        allocated.Clear();
        Check();
        Assert.Equal(buddy.TotalPages, buddy.FreePages);
        Assert.True(memory.GuardIntact());
    }

    [Fact]
    public void FullCoalescingAfterARandomWorkload()
    {
        using var memory = new HostPhysicalMemory(32 * MiB, 64 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(32 * MiB, 32 * MiB);
        var random = new Random(5);
        var live = new List<(ulong, int)>();
        for (int i = 0; i < 20000; i++)
        {
            if (live.Count == 0 || random.Next(3) != 0)
            {
                int order = random.Next(0, 6);
                ulong block = buddy.Allocate(order);
                if (block != 0)
                    live.Add((block, order));
            }
            else
            {
                int index = random.Next(live.Count);
                Assert.True(buddy.Free(live[index].Item1, live[index].Item2));
                live.RemoveAt(index);
            }
        }
        foreach (var (block, order) in live)
            Assert.True(buddy.Free(block, order));
        Assert.Equal(8192UL, buddy.TotalPages);
        Assert.Equal(8192UL, buddy.FreePages);
        Assert.Equal(Counts((MaxOrder, 8)), FreeBlocks(ref buddy));
    }
}
