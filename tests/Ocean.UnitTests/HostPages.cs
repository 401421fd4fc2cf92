#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Kernel.Mm;

/// <summary>
/// A page source for <see cref="SlabAllocator"/> on the host: 4 KiB-aligned blocks from
/// <see cref="NativeMemory.AlignedAlloc"/>, filled with garbage (the allocator must not assume zeroed
/// pages), tracked so tests can check that everything comes back exactly once with the right order.
/// Freed blocks are poisoned but stay mapped until <see cref="Dispose"/>, so a test may hand a stale
/// pointer to <c>Free</c> and the allocator can still read its header.
/// </summary>
/// <remarks>
/// The allocator calls static function pointers, so the instance in use is per thread: creating one
/// makes it current for the creating thread (xunit runs a synchronous test on one thread).
/// </remarks>
internal sealed unsafe class HostPages : IDisposable
{
    public const int PageSize = 4096;
    public const byte Garbage = 0xA5;
    public const byte Poison = 0xDD;

    [ThreadStatic] private static HostPages? t_current;

    private readonly Dictionary<nuint, int> _outstanding = new();
    private readonly List<nuint> _retained = new();

    public HostPages(long pageLimit = long.MaxValue)
    {
        PageLimit = pageLimit;
        t_current = this;
    }

    /// <summary>Requests that would take the outstanding pages above this fail (return null).</summary>
    public long PageLimit { get; set; }

    public long OutstandingPages { get; private set; }
    public int OutstandingBlocks => _outstanding.Count;
    public int Allocations { get; private set; }
    public int Releases { get; private set; }

    /// <summary>Contract violations seen by <see cref="FreePages"/> (unknown block, wrong order).</summary>
    public List<string> Errors { get; } = new();

    public static delegate*<int, void*> AllocateFunction => &AllocatePages;
    public static delegate*<void*, int, void> FreeFunction => &FreePages;

    /// <summary>Outstanding blocks of exactly this order.</summary>
    public int OutstandingOfOrder(int order) => _outstanding.Values.Count(o => o == order);

    /// <summary>A zeroed page that did not come from the page source (for foreign-pointer tests).</summary>
    public byte* ForeignPage()
    {
        byte* page = (byte*)NativeMemory.AlignedAlloc(PageSize, PageSize);
        new Span<byte>(page, PageSize).Clear();
        _retained.Add((nuint)page);
        return page;
    }

    private static void* AllocatePages(int order)
    {
        HostPages pages = t_current ?? throw new InvalidOperationException("no HostPages on this thread");
        if (order < 0 || order > BuddyAllocator.MaxOrder)
        {
            pages.Errors.Add($"allocate: order {order} out of range");
            return null;
        }
        long count = 1L << order;
        if (pages.OutstandingPages + count > pages.PageLimit)
            return null;
        nuint bytes = (nuint)(count * PageSize);
        byte* block = (byte*)NativeMemory.AlignedAlloc(bytes, PageSize);
        new Span<byte>(block, (int)bytes).Fill(Garbage);
        pages._outstanding.Add((nuint)block, order);
        pages.OutstandingPages += count;
        pages.Allocations++;
        return block;
    }

    private static void FreePages(void* block, int order)
    {
        HostPages pages = t_current ?? throw new InvalidOperationException("no HostPages on this thread");
        if (!pages._outstanding.TryGetValue((nuint)block, out int expected))
        {
            pages.Errors.Add($"free: 0x{(nuint)block:x} is not outstanding");
            return;
        }
        if (expected != order)
            pages.Errors.Add($"free: 0x{(nuint)block:x} allocated with order {expected}, freed with {order}");
        pages._outstanding.Remove((nuint)block);
        pages.OutstandingPages -= 1L << expected;
        pages.Releases++;
        new Span<byte>(block, (int)((1L << expected) * PageSize)).Fill(Poison);
        pages._retained.Add((nuint)block);
    }

    public void Dispose()
    {
        foreach (nuint block in _outstanding.Keys)
            NativeMemory.AlignedFree((void*)block);
        foreach (nuint block in _retained)
            NativeMemory.AlignedFree((void*)block);
        _outstanding.Clear();
        _retained.Clear();
        if (t_current == this)
            t_current = null;
    }
}

/// <summary>
/// Host memory playing the physical span [First, End) for <see cref="BuddyAllocator"/>: physical
/// address p lives at p + <see cref="DirectMapOffset"/>. The page-state bytes are followed by a guard
/// area so tests can check that <see cref="BuddyAllocator.MetadataBytes"/> was enough.
/// </summary>
internal sealed unsafe class HostPhysicalMemory : IDisposable
{
    private const int GuardBytes = 64;
    private const byte GuardValue = 0x5A;
    private const byte Fill = 0xEE;

    private readonly byte* _memory;
    private readonly byte* _state;
    private readonly ulong _stateBytes;

    public HostPhysicalMemory(ulong first, ulong end)
    {
        First = first;
        End = end;
        ulong size = end - first;
        _memory = (byte*)NativeMemory.AlignedAlloc((nuint)size, HostPages.PageSize);
        new Span<byte>(_memory, checked((int)size)).Fill(Fill);
        DirectMapOffset = (ulong)_memory - first; // wraps when first is above the buffer: fine, so does the allocator
        _stateBytes = BuddyAllocator.MetadataBytes(first, end);
        _state = (byte*)NativeMemory.Alloc((nuint)(_stateBytes + GuardBytes));
        new Span<byte>(_state, (int)_stateBytes).Fill(0xFF); // Initialize must not rely on zeroed state
        new Span<byte>(_state + _stateBytes, GuardBytes).Fill(GuardValue);
    }

    public ulong First { get; }
    public ulong End { get; }
    public ulong DirectMapOffset { get; }

    public byte* Virtual(ulong physical) => (byte*)(physical + DirectMapOffset);

    public BuddyAllocator Create()
    {
        BuddyAllocator buddy = default;
        buddy.Initialize(DirectMapOffset, First, End, _state);
        return buddy;
    }

    public bool GuardIntact()
    {
        for (int i = 0; i < GuardBytes; i++)
            if (_state[_stateBytes + (ulong)i] != GuardValue)
                return false;
        return true;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_memory);
        NativeMemory.Free(_state);
    }
}
