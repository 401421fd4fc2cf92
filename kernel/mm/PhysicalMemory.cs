namespace Ocean.Kernel.Mm;

using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Lib;

/// <summary>
/// Physical pages for the whole kernel: the buddy allocator over the usable memory, its bookkeeping
/// carved from the largest usable range, and the hand-over of bootloader-reclaimable memory once the
/// kernel runs on its own page tables and stack.
/// </summary>
public static unsafe class PhysicalMemory
{
    public const ulong PageSize = BuddyAllocator.PageSize;

    private static BuddyAllocator _buddy;
    private static ulong _hhdm;
    private static ulong _metadataBase, _metadataSize;
    private static bool _reclaimed;
    private static ulong _first, _end;
    private static ulong _countsBase;
    private const ulong CountsAlignment = 8;

    /// <summary>Where <see cref="PageReferences"/> keeps its counts: part of the allocator's carve-out.</summary>
    public static ushort* PageCountStorage => (ushort*)(_countsBase + _hhdm);

    /// <summary>The span of physical addresses the allocator manages.</summary>
    public static ulong FirstManaged => _first;
    public static ulong EndManaged => _end;

    public static ulong Hhdm => _hhdm;
    public static ulong FreeBytes => _buddy.FreePages * PageSize;
    public static ulong ManagedBytes => _buddy.TotalPages * PageSize;
    public static ulong MetadataBytes => _metadataSize;
    public static ulong FreeBlocks(int order) => _buddy.FreeBlocks(order);

    /// <summary>Sets up the allocator over every usable range (not yet the reclaimable ones).</summary>
    public static void Initialize(ulong hhdm)
    {
        _hhdm = hhdm;
        ulong first = ulong.MaxValue, end = 0;
        int largest = -1;
        for (int i = 0; i < BootMemoryMap.Count; i++)
        {
            LimineMemoryType type = BootMemoryMap.Type(i);
            if (type != LimineMemoryType.Usable && type != LimineMemoryType.BootloaderReclaimable)
                continue;
            ulong b = BootMemoryMap.Base(i), e = b + BootMemoryMap.Length(i);
            if (b < first) first = b;
            if (e > end) end = e;
            if (type == LimineMemoryType.Usable && (largest < 0 || BootMemoryMap.Length(i) > BootMemoryMap.Length(largest)))
                largest = i;
        }
        if (largest < 0)
            Panic.Halt("no usable memory");

        // The allocator's bookkeeping and the pages' reference counts, carved from the largest usable
        // range: both scale with the span, and a buddy block (4 MiB at most) cannot hold the counts
        // beyond 8 GiB.
        ulong buddyBytes = (BuddyAllocator.MetadataBytes(first, end) + CountsAlignment - 1) & ~(CountsAlignment - 1);
        _metadataSize = (buddyBytes + PageReferences.BytesFor(first, end) + PageSize - 1) & ~(PageSize - 1);
        _metadataBase = BootMemoryMap.Base(largest);
        _countsBase = _metadataBase + buddyBytes;
        if (_metadataSize >= BootMemoryMap.Length(largest))
            Panic.Halt("the largest usable range cannot hold the page allocator's bookkeeping");
        _first = first;
        _end = end;
        _buddy.Initialize(hhdm, first, end, (byte*)(_metadataBase + hhdm));

        for (int i = 0; i < BootMemoryMap.Count; i++)
        {
            if (BootMemoryMap.Type(i) != LimineMemoryType.Usable)
                continue;
            ulong b = BootMemoryMap.Base(i), length = BootMemoryMap.Length(i);
            if (i == largest)
            {
                b += _metadataSize;
                length -= _metadataSize;
            }
            _buddy.AddFreeRange(b, length);
        }
    }

    /// <summary>
    /// Adds the bootloader-reclaimable ranges. Only call this once nothing the bootloader lent is in
    /// use: its page tables, its stack, its responses (copy what you need first).
    /// </summary>
    public static ulong ReclaimBootloaderMemory()
    {
        if (_reclaimed)
            return 0;
        _reclaimed = true;
        ulong added = 0;
        for (int i = 0; i < BootMemoryMap.Count; i++)
        {
            if (BootMemoryMap.Type(i) != LimineMemoryType.BootloaderReclaimable)
                continue;
            ulong before = _buddy.FreePages;
            _buddy.AddFreeRange(BootMemoryMap.Base(i), BootMemoryMap.Length(i));
            added += (_buddy.FreePages - before) * PageSize;
        }
        return added;
    }

    /// <summary>A block of 2^order pages (physical address), or 0.</summary>
    public static ulong Allocate(int order) => _buddy.Allocate(order);

    /// <summary>A zeroed page (physical address), or 0: what page tables are made of.</summary>
    public static ulong AllocateZeroedPage()
    {
        ulong page = _buddy.Allocate(0);
        if (page != 0)
            System.Buffer.Fill((void*)(page + _hhdm), 0, (nuint)PageSize);
        return page;
    }

    public static void FreePage(ulong physical) => Free(physical, 0);

    public static void Free(ulong physical, int order)
    {
        if (!_buddy.Free(physical, order))
            Panic.Halt("freeing physical memory that is not allocated (double free?)");
    }

    /// <summary>The virtual (HHDM) address of a physical block, for the heap's page source.</summary>
    public static void* ToVirtual(ulong physical) => (void*)(physical + _hhdm);

    public static ulong ToPhysical(void* pointer) => (ulong)pointer - _hhdm;
}
