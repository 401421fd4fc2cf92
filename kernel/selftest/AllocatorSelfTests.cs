namespace Ocean.Kernel.SelfTest;

using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;

/// <summary>The buddy allocator and the kernel heap, exercised on the real machine.</summary>
public static unsafe class AllocatorSelfTests
{
    private sealed class Node
    {
        public int Value;
        public Node Next;
    }

    public static void Run()
    {
        ulong free = PhysicalMemory.FreeBytes;
        ulong a = PhysicalMemory.Allocate(0), b = PhysicalMemory.Allocate(3), c = PhysicalMemory.Allocate(BuddyAllocator.MaxOrder);
        SelfTestRunner.Check(a != 0 && b != 0 && c != 0, "buddy: allocates orders 0, 3 and the maximum order");
        SelfTestRunner.Check((b & (8 * PhysicalMemory.PageSize - 1)) == 0 && (c & ((PhysicalMemory.PageSize << BuddyAllocator.MaxOrder) - 1)) == 0,
            "buddy: blocks are aligned to their size");
        SelfTestRunner.Check(PhysicalMemory.FreeBytes == free - (1 + 8 + (1UL << BuddyAllocator.MaxOrder)) * PhysicalMemory.PageSize,
            "buddy: free count drops by exactly what was allocated");
        *(ulong*)PhysicalMemory.ToVirtual(c) = 0x0CEA;
        SelfTestRunner.Check(*(ulong*)PhysicalMemory.ToVirtual(c) == 0x0CEA, "buddy: memory is usable through the HHDM");
        PhysicalMemory.Free(a, 0);
        PhysicalMemory.Free(b, 3);
        PhysicalMemory.Free(c, BuddyAllocator.MaxOrder);
        SelfTestRunner.Check(PhysicalMemory.FreeBytes == free, "buddy: freeing restores the free count (coalesced)");

        // Single pages go through this CPU's cache: empty it on both sides so the lists can be compared.
        PhysicalMemory.DrainThisCpusCache();
        ulong large = PhysicalMemory.FreeBlocks(BuddyAllocator.MaxOrder);
        ulong pages = 0;
        ulong* held = stackalloc ulong[64];
        for (int i = 0; i < 64; i++)
            held[i] = PhysicalMemory.Allocate(i % 4);
        for (int i = 0; i < 64; i++)
        {
            pages += 1UL << (i % 4);
            PhysicalMemory.Free(held[i], i % 4);
        }
        PhysicalMemory.DrainThisCpusCache();
        SelfTestRunner.Check(PhysicalMemory.FreeBlocks(BuddyAllocator.MaxOrder) == large && pages == 240,
            "buddy: 64 mixed blocks coalesce back into the same large blocks");

        // The per-CPU page cache: the page freed last is the next one handed out on this CPU.
        ulong warm = PhysicalMemory.Allocate(0);
        if (warm != 0)
            PhysicalMemory.Free(warm, 0);
        ulong again = PhysicalMemory.Allocate(0);
        SelfTestRunner.Check(warm != 0 && again == warm, "page cache: a freed page is the next one this CPU gets");
        if (again != 0)
            PhysicalMemory.Free(again, 0);

        // The heap: `new` of kernel objects, explicit free, slab statistics.
        SlabCacheStats before = KernelHeap.Stats(0);
        Node first = null;
        for (int i = 0; i < 100; i++)
            first = new Node { Value = i, Next = first };
        int sum = 0, count = 0;
        for (Node n = first; n != null; n = n.Next)
        {
            sum += n.Value;
            count++;
        }
        SelfTestRunner.Check(count == 100 && sum == 4950, "heap: new allocates 100 linked kernel objects");
        SlabCacheStats during = KernelHeap.Stats(Cache(sizeof(void*) * 3));
        SelfTestRunner.Check(during.ObjectsInUse >= 100, "heap: the slab cache counts the objects in use");
        while (first != null)
        {
            Node next = first.Next;
            KernelHeap.Free(first);
            first = next;
        }
        SelfTestRunner.Check(KernelHeap.Stats(Cache(sizeof(void*) * 3)).ObjectsInUse == during.ObjectsInUse - 100,
            "heap: freeing returns every object to its cache");

        void* big = KernelHeap.Allocate(64 * 1024);
        SelfTestRunner.Check(big != null && ((ulong)big & 15) == 0, "heap: a 64 KiB allocation comes from whole pages");
        KernelHeap.Free(big);
        int[] numbers = new int[1000];
        numbers[999] = 7;
        SelfTestRunner.Check(numbers.Length == 1000 && numbers[999] == 7 && numbers[0] == 0, "heap: arrays are allocated and zeroed");
        KernelHeap.Free(numbers);
        SelfTestRunner.Check(before.ObjectSize == SlabAllocator.ObjectSize(0), "heap: statistics name each cache's object size");
        for (int cache = 0; cache < SlabAllocator.CacheCount; cache++)
        {
            SlabCacheStats stats = KernelHeap.Stats(cache);
            Console.Write("selftest: heap cache ");
            Console.WriteDecimal(stats.ObjectSize, 5);
            Console.Write(" B: ");
            Console.WriteUnsigned(stats.Slabs);
            Console.Write(" slabs, ");
            Console.WriteUnsigned(stats.ObjectsInUse);
            Console.Write(" in use, ");
            Console.WriteUnsigned(stats.ObjectsFree);
            Console.WriteLine(" free");
        }
    }

    // The slab cache a size lands in (caches are powers of two from 16 bytes).
    private static int Cache(int size)
    {
        int cache = 0;
        while (cache < SlabAllocator.CacheCount - 1 && SlabAllocator.ObjectSize(cache) < size)
            cache++;
        return cache;
    }
}
