#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Mm;

/// <summary>The per-CPU page cache in front of the buddy allocator (kernel/mm/PageCache.cs).</summary>
public unsafe class PageCacheTests
{
    private const ulong MiB = 0x100000;
    private const ulong Page = BuddyAllocator.PageSize;

    [Fact]
    public void ARefillTakesOneBatchAndTheFreeCountSeesIt()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        PageCache cache = default;
        Assert.Equal(0UL, cache.Take());
        Assert.Equal(PageCache.Batch, cache.Refill(ref buddy));
        Assert.Equal(1024UL - PageCache.Batch, buddy.FreePages);
        Assert.Equal(PageCache.Batch, cache.Count);
        // One block of a batch's pages, each marked as cached, unmarked as it is handed out.
        var pages = new ulong[PageCache.Batch];
        for (int i = 0; i < pages.Length; i++)
        {
            pages[i] = cache.Take();
            Assert.False(buddy.IsCached(pages[i]));
            Assert.Equal(PageCache.Batch - 1 - i, cache.Count);
        }
        Array.Sort(pages);
        for (int i = 1; i < pages.Length; i++)
            Assert.Equal(pages[0] + (ulong)i * Page, pages[i]);
        foreach (ulong page in pages)
            Assert.True(cache.Put(page, ref buddy) && buddy.IsCached(page));
        Assert.True(cache.Drain(ref buddy, PageCache.Capacity));
        Assert.Equal(1024UL, buddy.FreePages);
        Assert.Equal(1UL, buddy.FreeBlocks(BuddyAllocator.MaxOrder));
        Assert.True(memory.GuardIntact());
    }

    [Fact]
    public void TheLastPageFreedIsTheFirstHandedOut()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        PageCache cache = default;
        cache.Refill(ref buddy);
        ulong a = cache.Take(), b = cache.Take();
        Assert.NotEqual(a, b);
        Assert.False(buddy.IsCached(a));
        Assert.True(cache.Put(a, ref buddy));
        Assert.True(buddy.IsCached(a));
        Assert.Equal(a, cache.Take());
        Assert.True(buddy.Free(a, 0) && buddy.Free(b, 0));
    }

    [Fact]
    public void ADoubleFreeIsRefusedAsTheAllocatorRefusesIt()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        PageCache cache = default;
        ulong page = buddy.Allocate(0);
        Assert.True(cache.Put(page, ref buddy));
        Assert.False(cache.Put(page, ref buddy));      // already in the cache
        Assert.False(buddy.Free(page, 0));             // and the allocator will not take it either
        Assert.False(cache.Put(page + 1, ref buddy));  // not a page address
        Assert.False(cache.Put(8 * MiB, ref buddy));   // outside the managed memory
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void AFullCacheRefusesUntilDrainedAndDrainingCoalescesEverything()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 4 * MiB);
        PageCache cache = default;
        var pages = new ulong[PageCache.Capacity + 1];
        for (int i = 0; i < pages.Length; i++)
            pages[i] = buddy.Allocate(0);
        for (int i = 0; i < PageCache.Capacity; i++)
            Assert.True(cache.Put(pages[i], ref buddy));
        Assert.True(cache.IsFull);
        Assert.False(cache.Put(pages[PageCache.Capacity], ref buddy));
        Assert.True(cache.Drain(ref buddy, PageCache.Batch));
        Assert.Equal(PageCache.Capacity - PageCache.Batch, cache.Count);
        Assert.True(cache.Put(pages[PageCache.Capacity], ref buddy));
        Assert.True(cache.Drain(ref buddy, PageCache.Capacity));
        Assert.Equal(0, cache.Count);
        Assert.Equal(1024UL, buddy.FreePages);
        Assert.Equal(1UL, buddy.FreeBlocks(BuddyAllocator.MaxOrder));   // 4 MiB: one block again
        Assert.True(memory.GuardIntact());
    }

    [Fact]
    public void ARefillStopsWhenMemoryRunsOut()
    {
        using var memory = new HostPhysicalMemory(16 * MiB, 20 * MiB);
        BuddyAllocator buddy = memory.Create();
        buddy.AddFreeRange(16 * MiB, 3 * Page);
        PageCache cache = default;
        Assert.Equal(3, cache.Refill(ref buddy));
        Assert.Equal(0UL, buddy.FreePages);
        Assert.Equal(0, cache.Refill(ref buddy));
    }
}
