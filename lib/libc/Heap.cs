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
/// allocations are released with <see cref="Free(void*)"/>. Safe to use from several threads; a
/// collection stops the others while it reads their stacks (<see cref="Collect"/>).
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

    /// <summary>
    /// What <c>new</c> compiles to: a block a collection kept for an object of this size (Bench's
    /// "allocation of a small object"), which costs the heap nothing new and so does not count toward
    /// the next collection; else the core library's general path (<see cref="AllocateObject"/>).
    /// </summary>
    [RuntimeExport("RhpNewFast")]
    private static void* NewObject(MethodTable* type)
    {
        // A held lock, or no kept block: the general path, which waits for the lock and tries the
        // kept blocks again (so this path makes no call it must come back from).
        if (!_lock.TryAcquire())
            return Internal.Runtime.CompilerHelpers.StartupCodeHelpers.AllocateObject(type);
        void* instance = _allocator.TakeKept(type->BaseSize);
        _lock.Release();
        if (instance == null)
            return Internal.Runtime.CompilerHelpers.StartupCodeHelpers.AllocateObject(type);
        *(MethodTable**)instance = type;
        return instance;
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
    /// Frees every object nothing reaches: the roots are the program's statics (data and bss), every
    /// thread's stack and registers, and explicit allocations. With other threads, they are stopped
    /// first (threads_stop) and their registers and stacks read as they stand; that needs every thread
    /// to have been started by <see cref="ManagedThreads"/>, whose stacks libc knows. Returns the bytes
    /// freed, or -1 when no collection ran (a thread whose stack libc does not know, another thread
    /// collecting, or memory for the collector's lists ran out).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // its own frame: the registers it captures are its callers'
    public static long Collect()
    {
        ulong firstStackTop = Runtime.StackTop;
        if (_collecting)
            return -1;
        _sinceCollection = 0;   // (not asked again before another interval, if it cannot run now)
        if (firstStackTop == 0)
            return -1;
        bool alone = Threads.Count() == 1;
        // Each other thread's registers land here, on this frame (itself a root range below).
        StoppedThread* stopped = stackalloc StoppedThread[alone ? 1 : ManagedThreads.MaxThreads];
        var stacks = stackalloc ManagedThreads.Stack[alone ? 1 : ManagedThreads.MaxThreads];
        var known = new KnownStacks { Stacks = stacks, Count = alone ? 0 : ManagedThreads.Snapshot(stacks), FirstTop = firstStackTop };
        Collector.RootRange* roots = stackalloc Collector.RootRange[3 + ManagedThreads.MaxThreads];
        FrameRegisters registers;
        CaptureRegisters(&registers);   // the callee-saved registers may hold the only reference to an object
        ulong ownTop = known.TopOf(alone ? 0 : Threads.Self(), registers.Rsp, out _);
        if (ownTop == 0)
            return -1;   // a thread libc did not start, or the first one off its stack
        byte* writableEnd;
        byte* writableStart = WritableData(&writableEnd);
        roots[0] = new Collector.RootRange((ulong)writableStart, (ulong)writableEnd);
        roots[1] = new Collector.RootRange(registers.Rsp, ownTop);   // this frame (the registers) and every caller's
        int rootCount = 2;

        // The heap's lock first: a thread stopped while it held it would hold it for good.
        _lock.Acquire();
        if (_collecting)
        {
            _lock.Release();
            return -1;
        }
        _collecting = true;
        long others = alone ? 0 : Threads.StopOthers(stopped, ManagedThreads.MaxThreads);
        long freed = -1;
        if (others >= 0 && AddStoppedThreads(stopped, (int)others, &known, roots, ref rootCount))
        {
            freed = Collector.Collect(ref _allocator, roots, rootCount);
            ulong live = _allocator.Statistics.BytesInUse;
            _collectionInterval = live > MinimumCollectionInterval ? live : MinimumCollectionInterval;
            _allocator.TrimKeep = (nuint)(_collectionInterval * TrimKeptIntervals);
            Collections++;
        }
        if (others > 0)
            Threads.ResumeOthers();
        _collecting = false;
        _lock.Release();
        return freed;
    }

    // The stacks a collection may read: the first thread's (found by its stack pointer near the top
    // the runtime started with) and those ManagedThreads made, as they stood before the stop.
    private struct KnownStacks
    {
        public ManagedThreads.Stack* Stacks;
        public int Count;
        public ulong FirstTop;

        // The top of the stack thread `id` runs on, and its bottom; 0 when unknown.
        public ulong TopOf(long id, ulong rsp, out ulong bottom)
        {
            for (int i = 0; i < Count; i++)
                if (Stacks[i].Id == id)
                {
                    bottom = Stacks[i].Bottom;
                    return rsp >= bottom && rsp <= Stacks[i].Top ? Stacks[i].Top : 0;
                }
            bottom = 0;
            return rsp < FirstTop && FirstTop - rsp <= MaximumStackBytes ? FirstTop : 0;
        }
    }

    // Each stopped thread's stack, from below its red zone (code may keep values there without moving
    // RSP) to its top, and the records holding its registers; false when a stack is unknown.
    private static bool AddStoppedThreads(StoppedThread* stopped, int count, KnownStacks* known, Collector.RootRange* roots, ref int rootCount)
    {
        for (int i = 0; i < count; i++)
        {
            ulong rsp = stopped[i].Rsp;
            ulong top = known->TopOf((long)stopped[i].Id, rsp, out ulong stackBottom);
            if (top == 0)
                return false;
            ulong bottom = rsp - stackBottom >= FaultRecord.RedZoneBytes ? rsp - FaultRecord.RedZoneBytes : stackBottom;
            roots[rootCount++] = new Collector.RootRange(bottom, top);
        }
        if (count > 0)
            roots[rootCount++] = new Collector.RootRange((ulong)stopped, (ulong)(stopped + count));
        return true;
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
