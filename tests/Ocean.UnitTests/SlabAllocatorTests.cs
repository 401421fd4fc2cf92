#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Kernel.Mm;

public unsafe class SlabAllocatorTests
{
    private const int Page = HostPages.PageSize;
    private const int CacheCount = SlabAllocator.CacheCount;
    /// <summary>The slab header's size rounded up to 16: where the first object of a slab starts.</summary>
    private const int SlabHeaderBytes = 80;
    private const int LargeHeaderBytes = 16;

    private static SlabAllocator Create()
    {
        SlabAllocator slabs = default;
        slabs.Initialize(HostPages.AllocateFunction, HostPages.FreeFunction);
        return slabs;
    }

    private static bool IsZero(void* memory, int length) => new Span<byte>(memory, length).IndexOfAnyExcept((byte)0) < 0;

    private static bool IsFilled(void* memory, int length, byte value) => new Span<byte>(memory, length).IndexOfAnyExcept(value) < 0;

    private static ulong PageOf(void* pointer) => (ulong)pointer & ~(ulong)(Page - 1);

    private static void AssertStats(ref SlabAllocator slabs, int cache, ulong slabCount, ulong inUse, ulong free)
    {
        SlabCacheStats stats = slabs.GetStats(cache);
        Assert.Equal(SlabAllocator.ObjectSize(cache), stats.ObjectSize);
        Assert.Equal(slabCount, stats.Slabs);
        Assert.Equal(inUse, stats.ObjectsInUse);
        Assert.Equal(free, stats.ObjectsFree);
    }

    [Fact]
    public void CachesAreSixteenBytesToTwoKiB()
    {
        Assert.Equal(8, SlabAllocator.CacheCount);
        int[] sizes = [16, 32, 64, 128, 256, 512, 1024, 2048];
        for (int cache = 0; cache < CacheCount; cache++)
        {
            Assert.Equal(sizes[cache], SlabAllocator.ObjectSize(cache));
            Assert.Equal((Page - SlabHeaderBytes) / sizes[cache], SlabAllocator.ObjectsPerSlab(cache));
        }
        Assert.Equal(0, SlabAllocator.ObjectSize(-1));
        Assert.Equal(0, SlabAllocator.ObjectSize(CacheCount));
        Assert.Equal(0, SlabAllocator.ObjectsPerSlab(CacheCount));
        Assert.Equal(default, Create().GetStats(CacheCount));
    }

    [Theory]
    [InlineData(0, 0)] // zero bytes counts as the smallest object
    [InlineData(1, 0)]
    [InlineData(16, 0)]
    [InlineData(17, 1)]
    [InlineData(32, 1)]
    [InlineData(33, 2)]
    [InlineData(64, 2)]
    [InlineData(65, 3)]
    [InlineData(128, 3)]
    [InlineData(129, 4)]
    [InlineData(256, 4)]
    [InlineData(257, 5)]
    [InlineData(512, 5)]
    [InlineData(513, 6)]
    [InlineData(1024, 6)]
    [InlineData(1025, 7)]
    [InlineData(2048, 7)]
    public void ASizeGoesToTheSmallestCacheThatFits(int size, int expectedCache)
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        void* p = slabs.Allocate((nuint)size);
        Assert.True(p != null);
        for (int cache = 0; cache < CacheCount; cache++)
            Assert.Equal(cache == expectedCache ? 1UL : 0UL, slabs.GetStats(cache).ObjectsInUse);
        Assert.Equal(0UL, slabs.LargeAllocations);
        Assert.True(IsZero(p, SlabAllocator.ObjectSize(expectedCache)));
        Assert.True(slabs.Free(p));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void EveryCacheHandsOutZeroedAlignedDisjointObjectsFromOneSlabPerPage(int cache)
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        int size = SlabAllocator.ObjectSize(cache);
        int perSlab = SlabAllocator.ObjectsPerSlab(cache);
        Assert.True(perSlab >= 1);

        var objects = new List<nuint>();
        for (int i = 0; i < perSlab; i++)
        {
            byte* p = (byte*)slabs.Allocate((nuint)size);
            Assert.True(p != null);
            Assert.Equal(0UL, (ulong)p % 16);
            Assert.True(IsZero(p, size)); // the page source filled the page with garbage
            objects.Add((nuint)p);
        }
        // One slab: one page from the page source, every object inside it, after the header.
        Assert.Equal(1, pages.Allocations);
        ulong page = PageOf((void*)objects[0]);
        Assert.All(objects, p => Assert.Equal(page, PageOf((void*)p)));
        var sorted = objects.OrderBy(p => p).ToList();
        Assert.True((ulong)sorted[0] - page >= SlabHeaderBytes);
        for (int i = 1; i < sorted.Count; i++)
            Assert.True(sorted[i] - sorted[i - 1] >= (nuint)size);
        Assert.True((ulong)sorted[^1] + (ulong)size <= page + Page);
        AssertStats(ref slabs, cache, 1, (ulong)perSlab, 0);

        // Writing every byte of every object disturbs no other object.
        for (int i = 0; i < objects.Count; i++)
            new Span<byte>((void*)objects[i], size).Fill((byte)(i + 1));
        for (int i = 0; i < objects.Count; i++)
            Assert.True(IsFilled((void*)objects[i], size, (byte)(i + 1)));

        // The slab is full: the next object needs a second page.
        void* next = slabs.Allocate((nuint)size);
        Assert.NotEqual(page, PageOf(next));
        Assert.Equal(2, pages.Allocations);
        AssertStats(ref slabs, cache, 2, (ulong)perSlab + 1, (ulong)perSlab - 1);

        foreach (nuint p in objects)
            Assert.True(slabs.Free((void*)p));
        Assert.True(slabs.Free(next));
        // Both slabs became empty; one is kept, the other went back.
        AssertStats(ref slabs, cache, 1, 0, (ulong)perSlab);
        Assert.Equal(1L, pages.OutstandingPages);
        Assert.Equal(1, pages.Releases);
        Assert.Empty(pages.Errors);
    }

    [Fact]
    public void ReusedObjectsAreZeroedAgain()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        for (int cache = 0; cache < CacheCount; cache++)
        {
            int size = SlabAllocator.ObjectSize(cache);
            void* p = slabs.Allocate((nuint)size);
            new Span<byte>(p, size).Fill(0xFF);
            Assert.True(slabs.Free(p));
            void* q = slabs.Allocate((nuint)size);
            Assert.True(p == q); // the last object freed is the first handed out again
            Assert.True(IsZero(q, size));
            Assert.True(slabs.Free(q));
        }
    }

    [Theory]
    [InlineData(2049, 0)]
    [InlineData(4080, 0)]            // exactly fills a page after the 16-byte header
    [InlineData(4081, 1)]
    [InlineData(8176, 1)]
    [InlineData(8177, 2)]
    [InlineData(100_000, 5)]
    [InlineData(4 * 1024 * 1024 - 16, 10)]
    public void LargeAllocationsTakeWholeBlocks(int size, int order)
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        byte* p = (byte*)slabs.Allocate((nuint)size);
        Assert.True(p != null);
        Assert.Equal((ulong)LargeHeaderBytes, (ulong)p % Page);
        Assert.True(IsZero(p, size));
        new Span<byte>(p, size).Fill(0x77); // the whole size is usable
        Assert.Equal(1UL, slabs.LargeAllocations);
        Assert.Equal(1UL << order, slabs.LargePages);
        Assert.Equal(1, pages.OutstandingOfOrder(order));
        Assert.Equal(1, pages.OutstandingBlocks);
        for (int cache = 0; cache < CacheCount; cache++)
            Assert.Equal(0UL, slabs.GetStats(cache).Slabs);

        Assert.True(slabs.Free(p));
        Assert.Equal(0UL, slabs.LargeAllocations);
        Assert.Equal(0UL, slabs.LargePages);
        Assert.Equal(0, pages.OutstandingBlocks);
        Assert.Empty(pages.Errors);
    }

    [Fact]
    public void TooLargeRequestsFailWithoutAskingThePageSource()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        Assert.True(slabs.Allocate(4 * 1024 * 1024 - 15) == null);
        Assert.True(slabs.Allocate(nuint.MaxValue) == null);
        Assert.True(slabs.Allocate(nuint.MaxValue - 8) == null);
        Assert.Equal(0, pages.Allocations);
        Assert.Equal(0UL, slabs.LargeAllocations);
    }

    [Fact]
    public void DoubleFreesAreRefusedAndChangeNothing()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();

        // In a slab that stays in use.
        void* a = slabs.Allocate(40);
        void* b = slabs.Allocate(40);
        Assert.True(slabs.Free(a));
        Assert.False(slabs.Free(a));
        AssertStats(ref slabs, 2, 1, 1, (ulong)SlabAllocator.ObjectsPerSlab(2) - 1);

        // In the slab kept empty.
        Assert.True(slabs.Free(b));
        Assert.False(slabs.Free(b));
        AssertStats(ref slabs, 2, 1, 0, (ulong)SlabAllocator.ObjectsPerSlab(2));

        // In a slab already given back to the page source (which keeps the memory readable).
        var first = new List<nuint>();
        for (int i = 0; i < 2 * SlabAllocator.ObjectsPerSlab(7); i++)
            first.Add((nuint)slabs.Allocate(2048));
        foreach (nuint p in first)
            Assert.True(slabs.Free((void*)p));
        Assert.Equal(1, pages.Releases);
        foreach (nuint p in first)
            Assert.False(slabs.Free((void*)p));
        AssertStats(ref slabs, 7, 1, 0, (ulong)SlabAllocator.ObjectsPerSlab(7));

        // Large blocks.
        void* large = slabs.Allocate(10_000);
        Assert.True(slabs.Free(large));
        Assert.False(slabs.Free(large));
        Assert.Equal(0UL, slabs.LargeAllocations);
        Assert.Equal(0UL, slabs.LargePages);
        Assert.Empty(pages.Errors);
    }

    [Fact]
    public void ForeignAndMisalignedPointersAreRefused()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        byte* small = (byte*)slabs.Allocate(64);   // cache 2
        byte* medium = (byte*)slabs.Allocate(512); // cache 5: 7 objects, room left at the page end
        byte* large = (byte*)slabs.Allocate(3 * Page);
        byte* smallPage = (byte*)PageOf(small);
        byte* mediumPage = (byte*)PageOf(medium);
        byte* foreign = pages.ForeignPage();
        var before = Enumerable.Range(0, CacheCount).Select(c => slabs.GetStats(c)).ToArray();

        Assert.False(slabs.Free(null));
        Assert.False(slabs.Free(foreign));
        Assert.False(slabs.Free(foreign + LargeHeaderBytes));
        Assert.False(slabs.Free(foreign + SlabHeaderBytes));
        Assert.False(slabs.Free(small + 1));
        Assert.False(slabs.Free(small + 8));
        Assert.False(slabs.Free(small + 16));  // inside the object
        Assert.False(slabs.Free(small + 64));  // a free object, never handed out
        Assert.False(slabs.Free(smallPage));   // the slab header
        Assert.False(slabs.Free(smallPage + LargeHeaderBytes));
        Assert.False(slabs.Free(mediumPage + SlabHeaderBytes + 7 * 512)); // past the last object
        Assert.False(slabs.Free(large + 16));
        Assert.False(slabs.Free(large - 16));  // the large header itself
        Assert.False(slabs.Free(large - LargeHeaderBytes + Page + LargeHeaderBytes)); // offset 16 of its second page

        // A copied header does not make a page a slab or a large block: headers point to themselves.
        new Span<byte>(smallPage, SlabHeaderBytes).CopyTo(new Span<byte>(foreign, SlabHeaderBytes));
        Assert.False(slabs.Free(foreign + SlabHeaderBytes));
        new Span<byte>(large - LargeHeaderBytes, LargeHeaderBytes).CopyTo(new Span<byte>(foreign, LargeHeaderBytes));
        Assert.False(slabs.Free(foreign + LargeHeaderBytes));

        Assert.Equal(before, Enumerable.Range(0, CacheCount).Select(c => slabs.GetStats(c)).ToArray());
        Assert.Equal(1UL, slabs.LargeAllocations);
        Assert.True(slabs.Free(small));
        Assert.True(slabs.Free(medium));
        Assert.True(slabs.Free(large));
        Assert.Empty(pages.Errors);
    }

    [Fact]
    public void EmptySlabsGoBackToThePageSourceExceptOnePerCache()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        int perSlab = SlabAllocator.ObjectsPerSlab(3);
        var objects = new List<nuint>();
        for (int i = 0; i < 5 * perSlab; i++)
            objects.Add((nuint)slabs.Allocate(100));
        Assert.Equal(5L, pages.OutstandingPages);
        AssertStats(ref slabs, 3, 5, (ulong)(5 * perSlab), 0);

        var random = new Random(9);
        foreach (nuint p in objects.OrderBy(_ => random.Next()))
            Assert.True(slabs.Free((void*)p));
        AssertStats(ref slabs, 3, 1, 0, (ulong)perSlab);
        Assert.Equal(1L, pages.OutstandingPages);
        Assert.Equal(4, pages.Releases);

        // The kept slab serves the next allocations without asking the page source.
        for (int i = 0; i < perSlab; i++)
            Assert.True(slabs.Allocate(128) != null);
        Assert.Equal(5, pages.Allocations);
        AssertStats(ref slabs, 3, 1, (ulong)perSlab, 0);
        Assert.Empty(pages.Errors);
    }

    [Fact]
    public void TrimReturnsEveryKeptEmptySlab()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        for (int cache = 0; cache < CacheCount; cache++)
            Assert.True(slabs.Free(slabs.Allocate((nuint)SlabAllocator.ObjectSize(cache))));
        Assert.Equal(CacheCount, pages.OutstandingPages);
        void* kept = slabs.Allocate(16);   // a cache with a live object keeps its slab
        Assert.Equal(CacheCount - 1, slabs.Trim());
        Assert.Equal(1L, pages.OutstandingPages);
        AssertStats(ref slabs, 0, 1, 1, (ulong)SlabAllocator.ObjectsPerSlab(0) - 1);
        AssertStats(ref slabs, 3, 0, 0, 0);
        Assert.True(slabs.Free(kept));
        Assert.Equal(1, slabs.Trim());
        Assert.Equal(0L, pages.OutstandingPages);
        Assert.Equal(0, slabs.Trim());
        Assert.Empty(pages.Errors);
    }

    [Fact]
    public void AllocatingAndFreeingOneObjectDoesNotChurnPages()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        for (int i = 0; i < 1000; i++)
        {
            void* p = slabs.Allocate(2048);
            Assert.True(p != null);
            Assert.True(slabs.Free(p));
        }
        Assert.Equal(1, pages.Allocations);
        Assert.Equal(0, pages.Releases);
    }

    [Fact]
    public void AFullSlabIsUsedAgainWhenAnObjectComesBack()
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        int perSlab = SlabAllocator.ObjectsPerSlab(6);
        var full = new List<nuint>();
        for (int i = 0; i < perSlab; i++)
            full.Add((nuint)slabs.Allocate(1024));
        void* other = slabs.Allocate(1024); // starts a second slab
        Assert.NotEqual(PageOf((void*)full[0]), PageOf(other));

        Assert.True(slabs.Free((void*)full[1]));
        Assert.True(slabs.Allocate(1024) == (void*)full[1]);
        AssertStats(ref slabs, 6, 2, (ulong)perSlab + 1, (ulong)perSlab - 1);
    }

    [Fact]
    public void OutOfMemoryReturnsNullAndRecovers()
    {
        using var pages = new HostPages(pageLimit: 2);
        SlabAllocator slabs = Create();
        void* a = slabs.Allocate(2048);
        void* b = slabs.Allocate(2048);
        Assert.True(a != null && b != null);
        Assert.True(slabs.Allocate(2048) == null);
        Assert.True(slabs.Allocate(16) == null);
        Assert.True(slabs.Allocate(5000) == null);
        AssertStats(ref slabs, 7, 2, 2, 0);
        AssertStats(ref slabs, 0, 0, 0, 0);
        Assert.Equal(0UL, slabs.LargeAllocations);

        Assert.True(slabs.Free(a)); // kept as the empty slab: still no page to spare
        Assert.True(slabs.Allocate(16) == null);
        Assert.True(slabs.Free(b)); // a second empty slab goes back
        Assert.True(slabs.Allocate(16) != null);
        Assert.Equal(2L, pages.OutstandingPages);
    }

    [Fact]
    public void NothingIsAllocatedBeforeInitialize()
    {
        SlabAllocator slabs = default;
        Assert.True(slabs.Allocate(16) == null);
        Assert.True(slabs.Allocate(10_000) == null);
        Assert.False(slabs.Free(null));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(2024)]
    public void RandomWorkloadsKeepExactStatisticsAndReturnEveryPage(int seed)
    {
        using var pages = new HostPages();
        SlabAllocator slabs = Create();
        var random = new Random(seed);
        var live = new List<(nuint Pointer, int Size, int Cache, byte Tag)>(); // cache -1: large
        var used = new bool[CacheCount];

        int CacheOf(int size)
        {
            for (int cache = 0; cache < CacheCount; cache++)
                if (size <= SlabAllocator.ObjectSize(cache))
                    return cache;
            return -1;
        }

        void Check()
        {
            ulong slabPages = 0;
            for (int cache = 0; cache < CacheCount; cache++)
            {
                SlabCacheStats stats = slabs.GetStats(cache);
                var mine = live.Where(l => l.Cache == cache).ToList();
                Assert.Equal((ulong)mine.Count, stats.ObjectsInUse);
                Assert.Equal(stats.Slabs * (ulong)SlabAllocator.ObjectsPerSlab(cache), stats.ObjectsInUse + stats.ObjectsFree);
                // Every slab holds a live object, except at most one kept empty.
                ulong occupied = (ulong)mine.Select(l => PageOf((void*)l.Pointer)).Distinct().Count();
                Assert.InRange(stats.Slabs - occupied, 0UL, 1UL);
                slabPages += stats.Slabs;
            }
            var large = live.Where(l => l.Cache < 0).ToList();
            Assert.Equal((ulong)large.Count, slabs.LargeAllocations);
            Assert.Equal((ulong)pages.OutstandingPages, slabPages + slabs.LargePages);
        }

        for (int step = 0; step < 6000; step++)
        {
            if (live.Count == 0 || random.Next(100) < 55)
            {
                int size = random.Next(100) < 90 ? random.Next(0, 2049) : random.Next(2049, 40_000);
                byte* p = (byte*)slabs.Allocate((nuint)size);
                Assert.True(p != null);
                Assert.Equal(0UL, (ulong)p % 16);
                int cache = CacheOf(Math.Max(size, 1));
                int usable = cache >= 0 ? SlabAllocator.ObjectSize(cache) : size;
                Assert.True(IsZero(p, usable));
                byte tag = (byte)random.Next(1, 256);
                new Span<byte>(p, usable).Fill(tag);
                live.Add(((nuint)p, usable, cache, tag));
                if (cache >= 0)
                    used[cache] = true;
            }
            else
            {
                int index = random.Next(live.Count);
                var (pointer, size, _, tag) = live[index];
                Assert.True(IsFilled((void*)pointer, size, tag)); // nobody else wrote into it
                Assert.True(slabs.Free((void*)pointer));
                Assert.False(slabs.Free((void*)pointer));
                live[index] = live[^1];
                live.RemoveAt(live.Count - 1);
            }
            if (step % 50 == 0)
                Check();
        }
        Check();

        foreach (var (pointer, size, _, tag) in live)
        {
            Assert.True(IsFilled((void*)pointer, size, tag));
            Assert.True(slabs.Free((void*)pointer));
        }
        live.Clear();
        Check();

        // Exactly one empty slab is left in each cache that was ever used, nothing else.
        int usedCaches = 0;
        for (int cache = 0; cache < CacheCount; cache++)
        {
            ulong expected = used[cache] ? 1UL : 0UL;
            usedCaches += (int)expected;
            AssertStats(ref slabs, cache, expected, 0, expected * (ulong)SlabAllocator.ObjectsPerSlab(cache));
        }
        Assert.Equal(0UL, slabs.LargeAllocations);
        Assert.Equal(0UL, slabs.LargePages);
        Assert.Equal((long)usedCaches, pages.OutstandingPages);
        Assert.Equal(usedCaches, pages.OutstandingOfOrder(0));
        Assert.Equal(usedCaches, pages.OutstandingBlocks);
        Assert.Empty(pages.Errors);
    }

    /// <summary>The kernel's arrangement: the slab allocator's pages come from the buddy allocator.</summary>
    private static class BuddyPageSource
    {
        [ThreadStatic] public static BuddyAllocator* Buddy;
        [ThreadStatic] public static ulong DirectMapOffset;

        public static void* Allocate(int order)
        {
            ulong physical = Buddy->Allocate(order);
            return physical == 0 ? null : (void*)(physical + DirectMapOffset);
        }

        public static void Free(void* block, int order)
        {
            if (!Buddy->Free((ulong)block - DirectMapOffset, order))
                throw new InvalidOperationException("the slab allocator freed pages the buddy allocator did not hand out");
        }
    }

    [Fact]
    public void WorksOnTopOfTheBuddyAllocator()
    {
        const ulong First = 0x100_0000, End = 0x200_0000; // 16 MiB of "physical memory"
        using var memory = new HostPhysicalMemory(First, End);
        var buddy = (BuddyAllocator*)NativeMemory.Alloc((nuint)sizeof(BuddyAllocator));
        try
        {
            *buddy = memory.Create();
            buddy->AddFreeRange(First, End - First);
            BuddyPageSource.Buddy = buddy;
            BuddyPageSource.DirectMapOffset = memory.DirectMapOffset;
            SlabAllocator slabs = default;
            slabs.Initialize(&BuddyPageSource.Allocate, &BuddyPageSource.Free);

            var random = new Random(17);
            var live = new List<nuint>();
            var used = new bool[CacheCount];
            for (int step = 0; step < 5000; step++)
            {
                if (live.Count == 0 || random.Next(100) < 60)
                {
                    int size = random.Next(100) < 90 ? random.Next(1, 2049) : random.Next(2049, 100_000);
                    void* p = slabs.Allocate((nuint)size);
                    Assert.True(p != null);
                    Assert.True(IsZero(p, size)); // the buddy's memory was filled with non-zero bytes
                    live.Add((nuint)p);
                    if (size <= SlabAllocator.MaxObjectSize)
                        used[Enumerable.Range(0, CacheCount).First(c => size <= SlabAllocator.ObjectSize(c))] = true;
                }
                else
                {
                    int index = random.Next(live.Count);
                    Assert.True(slabs.Free((void*)live[index]));
                    live.RemoveAt(index);
                }
                ulong slabPages = 0;
                for (int cache = 0; cache < CacheCount; cache++)
                    slabPages += slabs.GetStats(cache).Slabs;
                Assert.Equal(buddy->TotalPages - buddy->FreePages, slabPages + slabs.LargePages);
            }
            foreach (nuint p in live)
                Assert.True(slabs.Free((void*)p));
            ulong kept = (ulong)used.Count(u => u);
            Assert.Equal(buddy->TotalPages - kept, buddy->FreePages);
            Assert.True(memory.GuardIntact());
        }
        finally
        {
            BuddyPageSource.Buddy = null;
            NativeMemory.Free(buddy);
        }
    }
}
