#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>libc's heap logic (lib/libc/HeapAllocator.cs) over a host arena and host "mappings".</summary>
public unsafe class HeapAllocatorTests
{
    private const nuint Step = 4096;
    private const nuint Large = 64 * 1024;

    private static bool IsZero(byte* block, nuint size)
    {
        for (nuint i = 0; i < size; i++)
            if (block[i] != 0)
                return false;
        return true;
    }

    [Fact]
    public void AllocationsAreAlignedZeroedAndDisjoint()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator();
        var blocks = new List<(nuint Address, nuint Size)>();
        foreach (nuint size in new nuint[] { 1, 7, 16, 17, 32, 100, 1000, 4000, 5000, 12345 })
        {
            byte* block = (byte*)heap.Allocate(size);
            Assert.True(block != null);
            Assert.Equal(0u, (nuint)block % 16);
            Assert.True(memory.InArena(block));
            Assert.True(IsZero(block, size), $"block of {size} not zeroed");
            Assert.True(HeapAllocator.UsableSize(block) >= size);
            new Span<byte>(block, (int)size).Fill(0x5A);
            blocks.Add(((nuint)block, size));
        }
        blocks.Sort();
        for (int i = 1; i < blocks.Count; i++)
            Assert.True(blocks[i - 1].Address + blocks[i - 1].Size <= blocks[i].Address, "blocks overlap");
    }

    [Fact]
    public void ZeroSizedRequestsGetDistinctBlocks()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator();
        void* a = heap.Allocate(0);
        void* b = heap.Allocate(0);
        Assert.True(a != null && b != null && a != b);
        Assert.Equal(FreeResult.Freed, heap.Free(a));
    }

    [Fact]
    public void FreedBlockIsReusedAndZeroedAgain()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator();
        byte* first = (byte*)heap.Allocate(200);
        byte* keep = (byte*)heap.Allocate(200);
        new Span<byte>(first, 200).Fill(0xEE);
        Assert.Equal(FreeResult.Freed, heap.Free(first));
        byte* again = (byte*)heap.Allocate(180);
        Assert.True(first == again, "the freed block should be reused");
        Assert.True(IsZero(again, 180));
        Assert.True(keep != again);
    }

    [Fact]
    public void AdjacentFreeBlocksCoalesceInAnyOrder()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator(growthStep: 64 * 1024);
        byte* a = (byte*)heap.Allocate(1000);
        byte* b = (byte*)heap.Allocate(1000);
        byte* c = (byte*)heap.Allocate(1000);
        byte* fence = (byte*)heap.Allocate(16);   // keeps c away from the arena's free tail
        Assert.True(a < b && b < c && c < fence);
        heap.Free(a);
        heap.Free(c);
        // Two holes of ~1 KB: a request for 3000 bytes fits only once a, b and c are one block.
        byte* big = (byte*)heap.Allocate(3000);
        Assert.True(big > fence);
        heap.Free(big);
        heap.Free(b);
        byte* joined = (byte*)heap.Allocate(3000);
        Assert.True(a == joined, "a, b and c should have merged into one block at a");
        Assert.True(IsZero(joined, 3000));
    }

    [Fact]
    public void FreeingEverythingLeavesOneFreeBlockSpanningTheArena()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator();
        var blocks = new List<nint>();
        for (int i = 0; i < 50; i++)
            blocks.Add((nint)heap.Allocate((nuint)(i * 37 + 1)));
        // Free in an interleaved order: odd ones, then even ones from the end.
        for (int i = 1; i < blocks.Count; i += 2)
            Assert.Equal(FreeResult.Freed, heap.Free((void*)blocks[i]));
        for (int i = blocks.Count - 2; i >= 0; i -= 2)
            Assert.Equal(FreeResult.Freed, heap.Free((void*)blocks[i]));
        HeapStatistics stats = heap.Statistics;
        Assert.Equal(0ul, stats.BytesInUse);
        Assert.Equal((ulong)memory.ArenaUsed, stats.BytesFromKernel);
        Assert.Equal((ulong)memory.ArenaUsed - 16, stats.BytesFree);   // all but the end marker
        // And that block is usable whole, without growing.
        int grows = memory.GrowCalls;
        byte* all = (byte*)heap.Allocate(memory.ArenaUsed - 32);
        Assert.True(all == memory.ArenaStart + 16);
        Assert.Equal(grows, memory.GrowCalls);
    }

    [Fact]
    public void ArenaGrowsInStepsAndJoinsTheFreeTail()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator(growthStep: Step);
        heap.Allocate(100);
        Assert.Equal(Step, memory.ArenaUsed);
        Assert.Equal(1, memory.GrowCalls);
        // Larger than the free tail: the arena grows by what is missing (rounded), and the tail joins in.
        byte* big = (byte*)heap.Allocate(6000);
        Assert.True(big != null && memory.InArena(big));
        Assert.Equal(2, memory.GrowCalls);
        Assert.True(memory.ArenaUsed < 3 * Step, $"the tail should have been reused, arena is {memory.ArenaUsed}");
        Assert.True(big < memory.ArenaStart + Step, "the big block should start in the old free tail");
    }

    [Fact]
    public void LargeBlocksAreMappedAndUnmappedOnTheirOwn()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: Large);
        heap.Allocate(10);
        ulong arenaBytes = heap.Statistics.BytesFromKernel;
        byte* big = (byte*)heap.Allocate(Large);
        Assert.True(big != null && !memory.InArena(big));
        Assert.Equal(0u, (nuint)big % 16);
        Assert.Equal(1, memory.MapCalls);
        Assert.True(IsZero(big, Large));
        Assert.Equal(Large, HeapAllocator.UsableSize(big));
        Assert.True(heap.Statistics.BytesFromKernel >= arenaBytes + Large);
        Assert.Equal(FreeResult.Freed, heap.Free(big));
        Assert.Equal(1, memory.UnmapCalls);
        Assert.Empty(memory.Mapped);
        Assert.Equal(arenaBytes, heap.Statistics.BytesFromKernel);
        // Already unmapped: a second free must not touch it.
        Assert.Equal(FreeResult.InvalidPointer, heap.Free(big));
        Assert.Equal(1, memory.UnmapCalls);
    }

    [Fact]
    public void SeveralLargeBlocksFreeInAnyOrder()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: Large);
        var blocks = new List<nint>();
        for (int i = 0; i < 5; i++)
            blocks.Add((nint)heap.Allocate(Large + (nuint)i * 1000));
        foreach (int i in new[] { 2, 0, 4, 1, 3 })
            Assert.Equal(FreeResult.Freed, heap.Free((void*)blocks[i]));
        Assert.Empty(memory.Mapped);
        Assert.Equal(0ul, heap.Statistics.BytesInUse);
    }

    [Fact]
    public void WithoutMapLargeBlocksComeFromTheArena()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: Large, withMap: false);
        byte* big = (byte*)heap.Allocate(Large * 2);
        Assert.True(big != null && memory.InArena(big));
        Assert.Equal(FreeResult.Freed, heap.Free(big));
    }

    [Fact]
    public void StatisticsFollowAllocationsAndFrees()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: Large);
        Assert.Equal(default, heap.Statistics);
        void* a = heap.Allocate(100);    // 112 usable
        void* b = heap.Allocate(16);     // 16 usable (a 48-byte block: links and footer need room when free)
        void* c = heap.Allocate(Large);
        HeapStatistics stats = heap.Statistics;
        Assert.Equal(3ul, stats.AllocationCount);
        Assert.Equal(0ul, stats.FreeCount);
        Assert.Equal(112ul + HeapAllocator.UsableSize(b) + (ulong)Large, stats.BytesInUse);
        Assert.Equal(stats.BytesInUse, stats.PeakBytesInUse);
        Assert.Equal((ulong)memory.ArenaUsed + (ulong)memory.Mapped.Values.Sum(size => (long)size), stats.BytesFromKernel);
        ulong peak = stats.PeakBytesInUse;
        heap.Free(c);
        heap.Free(a);
        stats = heap.Statistics;
        Assert.Equal(2ul, stats.FreeCount);
        Assert.Equal((ulong)HeapAllocator.UsableSize(b), stats.BytesInUse);
        Assert.Equal(peak, stats.PeakBytesInUse);
        Assert.Equal((ulong)memory.ArenaUsed, stats.BytesFromKernel);
        // Everything in the arena is either in use (with its 16-byte header), free, or the end marker.
        Assert.Equal((ulong)memory.ArenaUsed, stats.BytesInUse + 16 + stats.BytesFree + 16);
    }

    [Fact]
    public void InvalidFreesAreReportedAndChangeNothing()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator();
        byte* a = (byte*)heap.Allocate(64);
        byte* b = (byte*)heap.Allocate(64);
        HeapStatistics before = heap.Statistics;
        long onStack = 0;
        byte* outside = (byte*)NativeMemory.AlignedAlloc(64, 16);
        try
        {
            Assert.Equal(FreeResult.Null, heap.Free(null));
            Assert.Equal(FreeResult.InvalidPointer, heap.Free(a + 16));       // inside a block
            Assert.Equal(FreeResult.InvalidPointer, heap.Free(a + 1));        // misaligned
            Assert.Equal(FreeResult.InvalidPointer, heap.Free(&onStack));
            Assert.Equal(FreeResult.InvalidPointer, heap.Free(outside));
            Assert.Equal(FreeResult.InvalidPointer, heap.Free(memory.ArenaStart));  // the arena's first header
            Assert.Equal(before, heap.Statistics);
        }
        finally
        {
            NativeMemory.AlignedFree(outside);
        }
        Assert.Equal(FreeResult.Freed, heap.Free(a));
        Assert.Equal(FreeResult.DoubleFree, heap.Free(a));
        Assert.Equal(1ul, heap.Statistics.FreeCount);
        // The heap is intact: a's block comes back once, b was never disturbed.
        Assert.True(a == heap.Allocate(64));
        Assert.True(heap.Allocate(64) != a);
        Assert.Equal(FreeResult.Freed, heap.Free(b));
    }

    [Fact]
    public void StalePointerIntoACoalescedBlockIsRefused()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator();
        byte* a = (byte*)heap.Allocate(64);
        byte* b = (byte*)heap.Allocate(64);
        heap.Allocate(64);
        heap.Free(a);
        heap.Free(b);   // merges into a's block: b's header is gone
        Assert.Equal(FreeResult.InvalidPointer, heap.Free(b));
        Assert.Equal(FreeResult.DoubleFree, heap.Free(a));
    }

    [Fact]
    public void ReturnsNullWhenTheKernelHasNoMoreMemory()
    {
        using var memory = new HostHeapMemory(4 * Step);
        HeapAllocator heap = memory.CreateAllocator(growthStep: Step);
        var blocks = new List<nint>();
        void* block;
        while ((block = heap.Allocate(1000)) != null)
            blocks.Add((nint)block);
        Assert.InRange(blocks.Count, 12, 16);
        Assert.True(heap.Allocate(1) != null || heap.Statistics.BytesFree < 48, "small requests may still fit");
        Assert.True(heap.Allocate(5 * Step) == null);
        memory.MapFails = true;
        HeapAllocator mapped = memory.CreateAllocator(largeThreshold: Large);
        Assert.True(mapped.Allocate(Large) == null);
        // After a free, the memory is there again.
        heap.Free((void*)blocks[3]);
        Assert.True(heap.Allocate(1000) == (void*)blocks[3]);
    }

    [Fact]
    public void RefusesAbsurdSizes()
    {
        using var memory = new HostHeapMemory(1 << 20);
        HeapAllocator heap = memory.CreateAllocator();
        Assert.True(heap.Allocate(nuint.MaxValue) == null);
        Assert.True(heap.Allocate(nuint.MaxValue - 8) == null);
        Assert.Equal(0, memory.MapCalls);
    }

    [Fact]
    public void UnalignedArenaStartIsRefused()
    {
        using var memory = new HostHeapMemory(1 << 20, startOffset: 8);
        HeapAllocator heap = memory.CreateAllocator();
        Assert.True(heap.Allocate(10) == null);
    }

    [Fact]
    public void RandomWorkloadKeepsEveryBlockIntact()
    {
        using var memory = new HostHeapMemory(8 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: 16 * 1024, growthStep: 16 * 1024);
        var random = new Random(1234);
        var live = new List<(nint Address, int Size, byte Pattern)>();
        for (int round = 0; round < 20000; round++)
        {
            if (live.Count > 0 && random.Next(100) < 45)
            {
                int index = random.Next(live.Count);
                var (address, size, pattern) = live[index];
                for (int i = 0; i < size; i++)
                    Assert.Equal(pattern, ((byte*)address)[i]);
                Assert.Equal(FreeResult.Freed, heap.Free((void*)address));
                live[index] = live[^1];
                live.RemoveAt(live.Count - 1);
            }
            else
            {
                int size = random.Next(100) < 3 ? random.Next(16 * 1024, 40 * 1024) : random.Next(1, 600);
                byte* block = (byte*)heap.Allocate((nuint)size);
                Assert.True(block != null);
                Assert.True(IsZero(block, (nuint)size));
                byte pattern = (byte)random.Next(1, 256);
                new Span<byte>(block, size).Fill(pattern);
                live.Add(((nint)block, size, pattern));
            }
        }
        ulong inUse = 0;
        foreach (var (address, _, _) in live)
            inUse += (ulong)HeapAllocator.UsableSize((void*)address);
        Assert.Equal(inUse, heap.Statistics.BytesInUse);
        foreach (var (address, _, _) in live)
            Assert.Equal(FreeResult.Freed, heap.Free((void*)address));
        HeapStatistics stats = heap.Statistics;
        Assert.Equal(0ul, stats.BytesInUse);
        Assert.Equal((ulong)memory.ArenaUsed - 16, stats.BytesFree);
        Assert.Equal(stats.AllocationCount, stats.FreeCount);
        Assert.Empty(memory.Mapped);
    }
}
