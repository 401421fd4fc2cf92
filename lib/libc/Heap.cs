namespace Ocean.Libc;

using Internal.Runtime;
using Ocean.Abi;

/// <summary>
/// The process heap: every managed object and every explicit allocation. The arena grows with brk;
/// blocks of <see cref="LargeBlockBytes"/> or more get their own mapping, returned when freed. Without
/// a garbage collector nothing is reclaimed by itself: long-running programs release what they no
/// longer use with <see cref="Free(void*)"/> or <see cref="Free(object)"/>. Safe to use from several threads.
/// </summary>
public static unsafe class Heap
{
    /// <summary>Requests of this size or more are mapped on their own and unmapped when freed.</summary>
    public const nuint LargeBlockBytes = 64 * 1024;
    /// <summary>The break moves by at least this much, so that small allocations rarely call the kernel.</summary>
    private const nuint GrowthBytes = 64 * 1024;

    private static HeapAllocator _allocator;
    private static SpinLock _lock;
    private static byte* _break;

    /// <summary>Called once by the runtime before anything is allocated.</summary>
    internal static void Initialize()
    {
        _break = CurrentBreak();
        _allocator = new HeapAllocator(null, &GrowBreak, &MapLarge, &UnmapLarge, LargeBlockBytes, GrowthBytes);
    }

    /// <summary><paramref name="size"/> zeroed bytes, 16-byte aligned, or null when memory runs out.</summary>
    public static void* Allocate(nuint size)
    {
        _lock.Acquire();
        void* block = _allocator.Allocate(size);
        _lock.Release();
        return block;
    }

    /// <summary>
    /// Releases a block from <see cref="Allocate"/>. Null is ignored; a pointer the heap did not hand out,
    /// or one already freed, is a fatal error (the heap itself is left untouched).
    /// </summary>
    public static void Free(void* block)
    {
        _lock.Acquire();
        FreeResult result = _allocator.Free(block);
        _lock.Release();
        if (result == FreeResult.DoubleFree)
            RuntimeImports.FatalError("heap: block freed twice");
        else if (result == FreeResult.InvalidPointer)
            RuntimeImports.FatalError("heap: free of a pointer the heap did not allocate");
    }

    /// <summary>
    /// Releases an object made with <c>new</c>. Nothing may use it afterwards: no collector checks that.
    /// Literals and other objects the heap did not make are a fatal error.
    /// </summary>
    public static void Free(object instance)
    {
#pragma warning disable CS8500 // the address of the reference itself: the object's address
        Free(*(void**)&instance);
#pragma warning restore CS8500
    }

    public static HeapStatistics Statistics
    {
        get
        {
            _lock.Acquire();
            HeapStatistics statistics = _allocator.Statistics;
            _lock.Release();
            return statistics;
        }
    }

    // brk returns the break in effect: the requested one on success, the old one on failure.
    private static byte* GrowBreak(void* context, nuint bytes)
    {
        if (_break == null && (_break = CurrentBreak()) == null)
            return null;
        byte* wanted = _break + bytes;
        if ((byte*)Memory.Brk((ulong)wanted) != wanted)
            return null;
        byte* added = _break;
        _break = wanted;
        return added;
    }

    // The break from the memory server, or null when it cannot be reached (asked again at the next growth).
    private static byte* CurrentBreak()
    {
        long current = Memory.Brk(0);
        return current > 0 ? (byte*)current : null;
    }

    private static byte* MapLarge(void* context, nuint bytes)
    {
        long address = Memory.Map(0, bytes, Protection.Read | Protection.Write);
        return address < 0 ? null : (byte*)address;
    }

    private static void UnmapLarge(void* context, byte* block, nuint bytes) => Memory.Unmap((ulong)block, bytes);
}
