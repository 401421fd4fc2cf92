namespace Ocean.Libc;

using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime;
using Ocean.Abi;
using Ocean.Libc.Gc;
using Ocean.Libc.Unwind;

/// <summary>
/// The process heap: every managed object and every explicit allocation. The arena grows with brk;
/// blocks of <see cref="LargeBlockBytes"/> or more get their own mapping, returned when freed. Objects
/// made with <c>new</c> are collected (<see cref="Collector"/>) once nothing reaches them; explicit
/// allocations are released with <see cref="Free(void*)"/>. Safe to use from several threads, but a
/// process is collected only while it has one thread (only the running thread's stack is read).
/// </summary>
public static unsafe class Heap
{
    /// <summary>Requests of this size or more are mapped on their own and unmapped when freed.</summary>
    public const nuint LargeBlockBytes = 64 * 1024;
    /// <summary>The break moves by at least this much, so that small allocations rarely call the kernel.</summary>
    private const nuint GrowthBytes = 64 * 1024;

    /// <summary>A collection comes after at least this many bytes of new objects...</summary>
    private const ulong MinimumCollectionInterval = 1024 * 1024;

    private static HeapAllocator _allocator;
    private static SpinLock _lock;
    private static byte* _break;
    // ...and after as many bytes as the heap held after the last one, so that collecting costs at
    // most about as much as allocating did.
    private static ulong _sinceCollection, _collectionInterval = MinimumCollectionInterval;
    private static bool _collecting;
    // The first thread's stack is 128 KiB; a stack pointer further below its top is another thread's.
    private const ulong MaximumStackBytes = 1024 * 1024;
    // The arena keeps this many collection intervals of free end when it gives memory back: an
    // interval counts the bytes objects asked for, and small ones take up to twice that in blocks
    // (headers, the smallest block), so less would give back memory the next interval takes again.
    private const ulong TrimKeptIntervals = 4;

    [RuntimeImport("*", "OceanCaptureRegisters")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CaptureRegisters(FrameRegisters* registers);

    [RuntimeImport("*", "OceanWritableData")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern byte* WritableData(byte** end);

    /// <summary>Called once by the runtime before anything is allocated.</summary>
    internal static void Initialize()
    {
        _break = CurrentBreak();
        _allocator = new HeapAllocator(null, &GrowBreak, &MapLarge, &UnmapLarge, LargeBlockBytes, GrowthBytes, &ShrinkBreak);
        _allocator.TrimKeep = (nuint)(_collectionInterval * TrimKeptIntervals);
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
    /// <paramref name="size"/> zeroed bytes for an object made with <c>new</c> (the core library's
    /// allocation helpers come here), or null when memory runs out even after a collection.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void* AllocateObject(nuint size)
    {
        _sinceCollection += size;
        if (_sinceCollection < _collectionInterval)
        {
            _lock.Acquire();
            void* instance = _allocator.AllocateObject(size);
            _lock.Release();
            if (instance != null)
                return instance;
        }
        return AllocateObjectAfterCollecting(size);
    }

    // A collection is due, or memory ran out: collect, then try (again).
    private static void* AllocateObjectAfterCollecting(nuint size)
    {
        Collect();
        _lock.Acquire();
        void* instance = _allocator.AllocateObject(size);
        _lock.Release();
        return instance;
    }

    /// <summary>
    /// Frees every object nothing reaches: the roots are the program's statics (data and bss), the
    /// running thread's stack and registers, and explicit allocations. Returns the bytes freed, or
    /// -1 when no collection ran (the process has other threads, or memory for the collector's lists
    /// ran out).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // its own frame: the registers it captures are its callers'
    public static long Collect()
    {
        ulong stackTop = Runtime.StackTop;
        if (_collecting)
            return -1;
        _sinceCollection = 0;   // (not asked again before another interval, if it cannot run now)
        if (stackTop == 0 || Threads.Count() != 1)
            return -1;
        FrameRegisters registers;
        CaptureRegisters(&registers);   // the callee-saved registers may hold the only reference to an object
        if (registers.Rsp >= stackTop || stackTop - registers.Rsp > MaximumStackBytes)
            return -1;   // not on the first thread's stack (it ended, and another goes on alone)
        byte* writableEnd;
        byte* writableStart = WritableData(&writableEnd);
        Collector.RootRange* roots = stackalloc Collector.RootRange[2];
        roots[0] = new Collector.RootRange((ulong)writableStart, (ulong)writableEnd);
        roots[1] = new Collector.RootRange(registers.Rsp, stackTop);   // this frame (the registers) and every caller's
        _collecting = true;
        _lock.Acquire();
        long freed = Collector.Collect(ref _allocator, roots, 2);
        ulong live = _allocator.Statistics.BytesInUse;
        _lock.Release();
        _collecting = false;
        _collectionInterval = live > MinimumCollectionInterval ? live : MinimumCollectionInterval;
        _lock.Acquire();
        _allocator.TrimKeep = (nuint)(_collectionInterval * TrimKeptIntervals);
        _lock.Release();
        Collections++;
        return freed;
    }

    /// <summary>Collections so far.</summary>
    public static ulong Collections { get; private set; }

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
    /// Releases an object made with <c>new</c> at once, before the collector would. Nothing may use it
    /// afterwards: nothing checks that. Literals and other objects the heap did not make are a fatal error.
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

    // The arena's end comes down to newEnd: the memory server unmaps the pages past it.
    private static bool ShrinkBreak(void* context, byte* newEnd, nuint bytes)
    {
        if (newEnd + bytes != _break || (byte*)Memory.Brk((ulong)newEnd) != newEnd)
            return false;
        _break = newEnd;
        return true;
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
