namespace Ocean.Kernel.Mm;

using System.Runtime;
using Ocean.Kernel.Lib;

/// <summary>
/// The kernel heap behind <c>new</c>: slab caches for small objects, whole buddy blocks for large
/// ones, all reached through the HHDM. Kernel objects are freed explicitly with <see cref="Free"/>.
/// </summary>
public static unsafe class KernelHeap
{
    private static SlabAllocator _slabs;
    private static bool _ready;

    public static void Initialize()
    {
        _slabs.Initialize(&AllocatePages, &FreePages);
        _ready = true;
    }

    private static void* AllocatePages(int order)
    {
        ulong physical = PhysicalMemory.Allocate(order);
        return physical == 0 ? null : PhysicalMemory.ToVirtual(physical);
    }

    private static void FreePages(void* pages, int order) => PhysicalMemory.Free(PhysicalMemory.ToPhysical(pages), order);

    /// <summary>Zeroed memory, 16-byte aligned, or null when memory is exhausted.</summary>
    [RuntimeExport("OceanAllocate")]
    public static void* Allocate(nuint size) => _ready ? _slabs.Allocate(size) : null;

    // What `new` compiles to: the core library's general path (OceanAllocate above, the MethodTable).
    [RuntimeExport("RhpNewFast")]
    private static void* NewObject(Internal.Runtime.MethodTable* type) => Internal.Runtime.CompilerHelpers.StartupCodeHelpers.AllocateObject(type);

    public static void Free(void* pointer)
    {
        if (!_slabs.Free(pointer))
            Panic.Halt("kernel heap: freeing memory that is not allocated (double free or bad pointer)");
    }

    /// <summary>Returns a kernel object's memory to the heap. The object must not be used afterwards.</summary>
    public static void Free(object obj)
    {
#pragma warning disable CS8500 // the object's address is what the heap handed out
        if (obj is not null)
            Free(*(void**)&obj);
#pragma warning restore CS8500
    }

    /// <summary>Gives the caches' kept empty slabs back to the page allocator.</summary>
    public static int Trim() => _slabs.Trim();

    public static SlabCacheStats Stats(int cache) => _slabs.GetStats(cache);

    public static ulong LargeAllocations => _slabs.LargeAllocations;

    /// <summary>Bytes handed out and not yet freed: slab objects at their cache's size, large blocks whole.</summary>
    public static ulong BytesInUse
    {
        get
        {
            ulong bytes = _slabs.LargePages * PhysicalMemory.PageSize;
            for (int cache = 0; cache < SlabAllocator.CacheCount; cache++)
            {
                SlabCacheStats stats = _slabs.GetStats(cache);
                bytes += stats.ObjectsInUse * (ulong)stats.ObjectSize;
            }
            return bytes;
        }
    }
}
