#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Libc.Gc;

/// <summary>
/// The collector (lib/libc/Gc/Collector.cs) over a host heap, with MethodTables and GC descriptors
/// laid out as ilc lays them out: a node class with two references, an array of references, and an
/// array of structs that each hold a reference.
/// </summary>
public unsafe class CollectorTests : IDisposable
{
    private readonly HostHeapMemory _memory = new(16 << 20);
    private HeapAllocator _heap;
    private readonly List<nint> _types = new();
    private readonly byte* _node, _refArray, _structArray, _leaf;
    private readonly ulong* _roots;
    private const int RootWords = 16;

    public CollectorTests()
    {
        _heap = _memory.CreateAllocator(largeThreshold: 4096);
        // class Node { Node A; Node B; long Value; }: MethodTable, two references at 8 and 16, a long at 24.
        _node = MakeType(Collector.HasPointersFlag, baseSize: 40, [(-24, 8)]);
        // Node[]: references from 16, one per element.
        _refArray = MakeType(Collector.HasPointersFlag | Collector.HasComponentSizeFlag | 8, baseSize: 24, [(-24, 16)]);
        // struct Pair { Node N; long X; } Pair[]: from 16, per element one reference then 8 bytes to skip.
        _structArray = MakeRepeatingType(Collector.HasPointersFlag | Collector.HasComponentSizeFlag | 16, baseSize: 24, start: 16, [(1, 8)]);
        // A class without references (a string, say).
        _leaf = MakeType(0, baseSize: 24, []);
        _roots = (ulong*)NativeMemory.AllocZeroed(RootWords * sizeof(ulong));
    }

    public void Dispose()
    {
        foreach (nint type in _types)
            NativeMemory.Free((void*)type);
        NativeMemory.Free(_roots);
        _memory.Dispose();
    }

    // A GC descriptor of `series` {size, offset} (highest first) just below a 24-byte MethodTable.
    private byte* MakeType(uint flags, uint baseSize, (long Size, ulong Offset)[] series)
    {
        int descriptor = series.Length == 0 ? 0 : 8 + 16 * series.Length;
        byte* memory = (byte*)NativeMemory.AllocZeroed((nuint)(descriptor + 24));
        _types.Add((nint)memory);
        byte* type = memory + descriptor;
        for (int i = 0; i < series.Length; i++)
        {
            *(long*)(type - 24 - 16 * i) = series[i].Size;
            *(ulong*)(type - 16 - 16 * i) = series[i].Offset;
        }
        if (series.Length > 0)
            *(long*)(type - 8) = series.Length;
        *(uint*)type = flags;
        *(uint*)(type + 4) = baseSize;
        return type;
    }

    // The repeating form: a negative count, the first element's offset at -16, items {pointers, skip} from -24 down.
    private byte* MakeRepeatingType(uint flags, uint baseSize, ulong start, (uint Pointers, uint Skip)[] items)
    {
        int descriptor = 16 + 8 * items.Length;
        byte* memory = (byte*)NativeMemory.AllocZeroed((nuint)(descriptor + 24));
        _types.Add((nint)memory);
        byte* type = memory + descriptor;
        *(long*)(type - 8) = -items.Length;
        *(ulong*)(type - 16) = start;
        for (int i = 0; i < items.Length; i++)
        {
            *(uint*)(type - 24 - 8 * i) = items[i].Pointers;
            *(uint*)(type - 20 - 8 * i) = items[i].Skip;
        }
        *(uint*)type = flags;
        *(uint*)(type + 4) = baseSize;
        return type;
    }

    private byte* New(byte* type, int length = 0)
    {
        uint flags = *(uint*)type;
        nuint size = *(uint*)(type + 4) + ((flags & Collector.HasComponentSizeFlag) != 0 ? (nuint)(length * (ushort)flags) : 0);
        byte* instance = (byte*)_heap.AllocateObject(size);
        Assert.True(instance != null);
        *(byte**)instance = type;
        if ((flags & Collector.HasComponentSizeFlag) != 0)
            *(int*)(instance + 8) = length;
        return instance;
    }

    private byte* NewNode(long value, byte* a = null, byte* b = null)
    {
        byte* node = New(_node);
        *(byte**)(node + 8) = a;
        *(byte**)(node + 16) = b;
        *(long*)(node + 24) = value;
        return node;
    }

    private long Collect()
    {
        var range = new Collector.RootRange((ulong)_roots, (ulong)(_roots + RootWords));
        return Collector.Collect(ref _heap, &range, 1);
    }

    private ulong ObjectsInUse => _heap.Statistics.AllocationCount - _heap.Statistics.FreeCount;

    [Fact]
    public void WhatTheRootsReachStaysAndTheRestIsFreed()
    {
        byte* c = NewNode(3), b = NewNode(2, c), a = NewNode(1, b, c);
        NewNode(4, a, b);            // garbage that points at live objects
        byte* d = NewNode(5), e = NewNode(6, d);
        *(byte**)(d + 8) = e;        // an unreachable cycle
        _roots[3] = (ulong)a;
        Assert.Equal(6UL, ObjectsInUse);
        Assert.Equal(3 * 48L, Collect());   // 40-byte nodes in 48-byte usable blocks
        Assert.Equal(3UL, ObjectsInUse);
        Assert.Equal(1, *(long*)(a + 24));
        Assert.Equal(2, *(long*)(*(byte**)(a + 8) + 24));
        Assert.Equal(3, *(long*)(*(byte**)(a + 16) + 24));
        // The marks are gone: without roots the next collection frees the rest.
        _roots[3] = 0;
        Assert.Equal(3 * 48L, Collect());
        Assert.Equal(0UL, ObjectsInUse);
        Assert.Equal(0UL, _heap.Statistics.BytesInUse);
    }

    [Fact]
    public void APointerIntoAnObjectKeepsIt()
    {
        byte* inner = NewNode(7);
        byte* holder = NewNode(8, inner);
        _roots[0] = (ulong)holder + 20;    // a byref into the middle of holder (a Span, a fixed pointer)
        _roots[1] = 0x1234_5678;           // not an address of the heap
        NewNode(9);
        Assert.Equal(48L, Collect());
        Assert.Equal(7, *(long*)(inner + 24));
        Assert.Equal(2UL, ObjectsInUse);
    }

    [Fact]
    public void ArraysOfReferencesAndOfStructsWithReferencesKeepTheirElements()
    {
        byte* array = New(_refArray, 3);
        byte* pairs = New(_structArray, 2);
        for (int i = 0; i < 3; i++)
            *(byte**)(array + 16 + 8 * i) = NewNode(10 + i);
        for (int i = 0; i < 2; i++)
        {
            *(byte**)(pairs + 16 + 16 * i) = NewNode(20 + i);
            *(long*)(pairs + 24 + 16 * i) = (long)NewNode(30 + i);   // a long that happens to hold an address: not a reference
        }
        _roots[0] = (ulong)array;
        _roots[1] = (ulong)pairs;
        Assert.True(Collect() > 0);
        Assert.Equal(2UL + 3 + 2, ObjectsInUse);
        for (int i = 0; i < 3; i++)
            Assert.Equal(10 + i, *(long*)(*(byte**)(array + 16 + 8 * i) + 24));
        for (int i = 0; i < 2; i++)
            Assert.Equal(20 + i, *(long*)(*(byte**)(pairs + 16 + 16 * i) + 24));
    }

    [Fact]
    public void ExplicitAllocationsAreRootsAndNeverCollected()
    {
        var table = (byte**)_heap.Allocate(64);   // a table of objects kept by hand
        table[2] = NewNode(41);
        byte* large = New(_refArray, 1000);         // beyond the large threshold: mapped on its own
        *(byte**)(large + 16 + 8 * 999) = NewNode(42);
        table[5] = large;
        New(_refArray, 2000);                       // large garbage
        NewNode(43, New(_leaf));
        int mappedBefore = _memory.Mapped.Count;
        Assert.True(Collect() > 16_000);
        Assert.Equal(mappedBefore - 1, _memory.Mapped.Count);   // the large garbage went back
        Assert.Equal(41, *(long*)(table[2] + 24));
        Assert.Equal(42, *(long*)(*(byte**)(large + 16 + 8 * 999) + 24));
        Assert.Equal(FreeResult.Freed, _heap.Free(table));
        Assert.Equal(3UL, ObjectsInUse);   // node 41, the large array, node 42
    }

    [Fact]
    public void AFreedSmallBlockIsTheNextObjectOfItsSizeZeroed()
    {
        byte* garbage = NewNode(77, NewNode(78));
        byte* odd = New(_refArray, 20);   // 184 bytes: another size
        Assert.Equal(2 * 48L + 192, Collect());
        // Kept whole, not joined with free neighbours: the next nodes get exactly those blocks.
        var again = new HashSet<nint> { (nint)NewNode(0), (nint)NewNode(0) };
        Assert.Contains((nint)garbage, again);
        foreach (nint node in again)
            for (int offset = 8; offset < 40; offset += 8)
                Assert.Equal(0L, *(long*)((byte*)node + offset));   // zeroed but for the MethodTable just written
        Assert.Equal(2UL, ObjectsInUse);
        // A kept block is no longer an object: freeing its old address is a double free, and a root
        // pointing at it keeps nothing.
        Assert.Equal(FreeResult.DoubleFree, _heap.Free(odd));
        _roots[0] = (ulong)odd + 16;
        Assert.Equal(2 * 48L, Collect());
        Assert.Equal(0UL, ObjectsInUse);
    }

    [Fact]
    public void KeptBlocksCountAsFreeAndTheirReuseAsInUse()
    {
        byte* live = NewNode(1);
        NewNode(2);
        NewNode(3);
        _roots[0] = (ulong)live;
        HeapStatistics before = _heap.Statistics;
        Assert.Equal(3 * 48UL, before.BytesInUse);
        Assert.Equal(2 * 48L, Collect());   // two blocks kept for the next nodes
        HeapStatistics kept = _heap.Statistics;
        Assert.Equal(48UL, kept.BytesInUse);
        Assert.Equal(before.BytesFree + 2 * (48 + 16), kept.BytesFree);
        Assert.Equal(3 * 48UL, kept.PeakBytesInUse);
        // Taking a kept block counts nothing on the way (the fast path): the figures still add up.
        NewNode(4);
        HeapStatistics reused = _heap.Statistics;
        Assert.Equal(2 * 48UL, reused.BytesInUse);
        Assert.Equal(kept.BytesFree - (48 + 16), reused.BytesFree);
        Assert.Equal(3 * 48UL, reused.PeakBytesInUse);
        Assert.Equal((ulong)_memory.ArenaUsed, reused.BytesInUse + reused.BytesFree + 16 * (ObjectsInUse + 1));
        // The peak rises with kept blocks reused past it, and is still right after the next fall.
        NewNode(5);
        NewNode(6);
        NewNode(7);
        _roots[0] = 0;
        Collect();
        Assert.Equal(5 * 48UL, _heap.Statistics.PeakBytesInUse);
        Assert.Equal(0UL, _heap.Statistics.BytesInUse);
    }

    [Fact]
    public void KeptBlocksGoBackWhenTheArenaIsFull()
    {
        using var small = new HostHeapMemory(64 * 1024);
        HeapAllocator heap = small.CreateAllocator(largeThreshold: 4096, growthStep: 64 * 1024);
        var range = new Collector.RootRange((ulong)_roots, (ulong)(_roots + RootWords));
        // Fill the arena with nodes, free them all (kept, 48 bytes each), then ask for larger objects.
        int nodes = 0;
        while (heap.AllocateObject(40) is var node && node != null)
        {
            *(byte**)node = _node;
            nodes++;
        }
        Assert.Equal((long)nodes * 48, Collector.Collect(ref heap, &range, 1));
        byte* big = (byte*)heap.AllocateObject(2000);
        Assert.True(big != null, "the kept blocks were not given back");
        Assert.Equal(1UL, heap.Statistics.AllocationCount - heap.Statistics.FreeCount);
    }

    [Fact]
    public void TheArenasFreeEndGoesBackAfterACollection()
    {
        using var memory = new HostHeapMemory(16 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: 64 * 1024, growthStep: 64 * 1024, withShrink: true);
        var range = new Collector.RootRange((ulong)_roots, (ulong)(_roots + RootWords));
        byte* kept = (byte*)heap.AllocateObject(40);
        *(byte**)kept = _node;
        _roots[0] = (ulong)kept;
        for (int i = 0; i < 2000; i++)   // about 2 MiB of garbage after it
            *(byte**)heap.AllocateObject(1000) = _leaf;
        ulong held = heap.Statistics.BytesFromKernel;
        Assert.True(held > 2_000_000);
        Assert.True(Collector.Collect(ref heap, &range, 1) > 1_900_000);
        Assert.Equal(1, memory.ShrinkCalls);
        Assert.True(heap.Statistics.BytesFromKernel <= 5 * 64 * 1024, $"{heap.Statistics.BytesFromKernel} bytes kept");
        Assert.Equal((nuint)heap.Statistics.BytesFromKernel, memory.ArenaUsed);
        // The heap goes on: it grows again, and what it kept is intact.
        for (int i = 0; i < 2000; i++)
            Assert.True(heap.AllocateObject(1000) != null);
        Assert.True(*(byte**)kept == _node);
        Assert.Equal(FreeResult.Freed, heap.Free(kept));
    }

    [Fact]
    public void TheArenaShrinksAfterCollectionsOnTheWay()
    {
        using var memory = new HostHeapMemory(16 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: 64 * 1024, growthStep: 64 * 1024, withShrink: true);
        var range = new Collector.RootRange((ulong)_roots, (ulong)(_roots + RootWords));
        for (int i = 0; i < 50; i++)
            *(byte**)heap.AllocateObject(24) = _leaf;   // start-up garbage
        byte* held = (byte*)heap.AllocateObject(24 + 3000 * 8);
        *(byte**)held = _refArray;
        *(int*)(held + 8) = 3000;
        _roots[0] = (ulong)held;
        ulong since = 0;
        for (int i = 0; i < 3000; i++)
        {
            if (since >= 1 << 20)
            {
                Assert.True(Collector.Collect(ref heap, &range, 1) >= 0);
                since = 0;
            }
            byte* array = (byte*)heap.AllocateObject(1024);
            *(byte**)array = _leaf;
            *(byte**)(held + 16 + 8 * i) = array;
            since += 1024;
        }
        ulong grown = heap.Statistics.BytesFromKernel;
        _roots[0] = 0;
        Assert.True(Collector.Collect(ref heap, &range, 1) > 3_000_000);
        Assert.True(heap.Statistics.BytesFromKernel < grown / 4, $"{heap.Statistics.BytesFromKernel} of {grown} kept; shrinks {memory.ShrinkCalls}");
    }

    [Fact]
    public void FreesAtTheEndGiveTheArenaBackToo()
    {
        using var memory = new HostHeapMemory(16 << 20);
        HeapAllocator heap = memory.CreateAllocator(largeThreshold: 64 * 1024, growthStep: 64 * 1024, withShrink: true);
        var blocks = new List<nint>();
        for (int i = 0; i < 2000; i++)
            blocks.Add((nint)heap.Allocate(1000));
        Assert.True(heap.Statistics.BytesFromKernel > 2_000_000);
        for (int i = blocks.Count - 1; i >= 0; i--)
            Assert.Equal(FreeResult.Freed, heap.Free((void*)blocks[i]));
        // Trimmed each time the free end reached 16 growth steps, down to 4: under 16 are kept.
        Assert.True(heap.Statistics.BytesFromKernel < 16 * 64 * 1024, $"{heap.Statistics.BytesFromKernel} bytes kept");
        Assert.True(memory.ShrinkCalls >= 1);
        Assert.Equal((nuint)heap.Statistics.BytesFromKernel, memory.ArenaUsed);
        Assert.True(heap.Allocate(100_000 / 2) != null);   // and it grows again
    }

    [Fact]
    public void WithoutMemoryForItsListsNothingIsFreed()
    {
        NewNode(1);
        _memory.MapFails = true;
        Assert.Equal(-1L, Collect());
        Assert.Equal(1UL, ObjectsInUse);
        _memory.MapFails = false;
        Assert.Equal(48L, Collect());
    }

    [Fact]
    public void ManyShortLivedObjectsReuseTheSameMemory()
    {
        byte* list = null;
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 1000; i++)
            {
                byte* node = NewNode(i, i % 100 == 0 ? list : null);
                if (i % 100 == 0)
                    list = node;   // one in a hundred survives, in a list
            }
            _roots[0] = (ulong)list;
            Assert.True(Collect() >= 0);
        }
        int kept = 0;
        for (byte* node = list; node != null; node = *(byte**)(node + 8))
            kept++;
        Assert.Equal(500, kept);
        Assert.Equal(500UL, ObjectsInUse);
        Assert.True(_heap.Statistics.BytesFromKernel < 200_000, $"{_heap.Statistics.BytesFromKernel} bytes from the kernel");
    }
}
