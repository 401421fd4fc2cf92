namespace Ocean.Kernel.Mm;

using System.Runtime.CompilerServices;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Sched;

/// <summary>
/// Physical pages for the whole kernel: the buddy allocator over the usable memory, a record per page
/// of present memory (<see cref="PageSections"/>: the allocator's state byte and the page's reference
/// count) carved from the largest usable range, and the hand-over of bootloader-reclaimable memory
/// once the kernel runs on its own page tables and stack. Once every CPU has its per-CPU area, single
/// pages go through a per-CPU <see cref="PageCache"/> and the allocator itself is under its own lock
/// (rank <see cref="LockRank.PageAllocator"/>), so CPUs allocate beside each other.
/// </summary>
public static unsafe class PhysicalMemory
{
    public const ulong PageSize = BuddyAllocator.PageSize;

    /// <summary>
    /// A page's record: the allocator's state byte, a spare byte, then the reference count, aligned so
    /// that an atomic change to it never straddles a cache line (a split lock stalls every CPU).
    /// </summary>
    public const int RecordBytes = 4;
    public const int ReferenceCountOffset = 2;
    private const ulong RecordAlignment = 8;

    private static BuddyAllocator _buddy;
    private static ulong _hhdm;
    private static ulong _metadataBase, _metadataSize;
    private static bool _reclaimed;
    private static PageSections* _sections;

    /// <summary>The record of the page holding <paramref name="physical"/>; null where there is no memory.</summary>
    public static byte* Record(ulong physical) => _sections == null ? null : _sections->Record(physical);

    public static ulong Hhdm => _hhdm;
    public static ulong ManagedBytes => _buddy.TotalPages * PageSize;
    public static ulong MetadataBytes => _metadataSize;
    public static ulong FreeBlocks(int order) => _buddy.FreeBlocks(order);

    // The allocator's lock, and whether CPUs may use it at once (from StartPageCaches on; before,
    // one CPU runs and the per-CPU areas the lock check reads do not exist yet).
    private static RankedSpinLock _lock;
    private static bool _concurrent;

    // Two PageCaches per CPU, in static storage (two words a page, and one for the count): the pages
    // freed in general, and the pages freed known to be all zeroes (emptied page tables), which
    // AllocateZeroedPage hands out without filling them again, as Linux's page-table quicklists did.
    private const int CacheWords = 2 * PageCache.Capacity + 1;

    private struct CacheStorage
    {
        public fixed ulong Words[CpuLocal.MaxCpus * CacheWords];
    }

#pragma warning disable CS0169   // used only through fixed pointers, which the compiler does not count
    private static CacheStorage _caches;
    private static CacheStorage _zeroedCaches;
#pragma warning restore CS0169

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PageCache* Cache(int cpu)
    {
        fixed (ulong* words = _caches.Words)
            return (PageCache*)(words + cpu * CacheWords);   // a static: it never moves
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PageCache* ZeroedCache(int cpu)
    {
        fixed (ulong* words = _zeroedCaches.Words)
            return (PageCache*)(words + cpu * CacheWords);
    }

    /// <summary>
    /// Free memory: the allocator's lists, every CPU's caches, and the top-level tables kept for the
    /// next address spaces (<see cref="PageTable.KeptRootPages"/>); exact while no CPU allocates.
    /// </summary>
    public static ulong FreeBytes
    {
        get
        {
            Lock();
            ulong pages = _buddy.FreePages + (ulong)PageTable.KeptRootPages;
            for (int cpu = 0; cpu < CpuLocal.MaxCpus; cpu++)
                pages += (ulong)(Cache(cpu)->Count + ZeroedCache(cpu)->Count);
            Unlock();
            return pages * PageSize;
        }
    }

    /// <summary>
    /// Free pages on the allocator's lists, not counting the ones CPUs keep cached: what any CPU can
    /// still get, so the memory reserve is measured by it.
    /// </summary>
    public static ulong AllocatorFreePages => _buddy.FreePages;

    /// <summary>From here on single pages go through per-CPU caches and the allocator takes its lock.</summary>
    public static void StartPageCaches()
    {
        if (sizeof(PageCache) > CacheWords * sizeof(ulong))
            Panic.Halt("page cache storage too small");
        _lock = new RankedSpinLock(LockRank.PageAllocator);
        _concurrent = true;
    }

    /// <summary>Gives this CPU's cached pages back to the allocator (self-tests that count its blocks).</summary>
    public static void DrainThisCpusCache()
    {
        if (!_concurrent)
            return;
        Lock();
        int cpu = CpuLocal.Current->Index;
        bool drained = Cache(cpu)->Drain(ref _buddy, PageCache.Capacity);
        drained &= ZeroedCache(cpu)->Drain(ref _buddy, PageCache.Capacity);
        Unlock();
        if (!drained)
            Panic.Halt("a cached page was not the allocator's to take back");
    }

    private static void Lock()
    {
        if (_concurrent)
            _lock.Acquire();
    }

    private static void Unlock()
    {
        if (_concurrent)
            _lock.Release();
    }

    /// <summary>Sets up the allocator over every usable range (not yet the reclaimable ones).</summary>
    // The usable and reclaimable ranges for the page records: static, since the map may be large and
    // this runs on the bootloader's stack.
    private struct Ranges
    {
        public fixed ulong Words[BootMemoryMap.MaxEntries * 2];
    }

#pragma warning disable CS0169   // as _caches
    private static Ranges _ranges;
#pragma warning restore CS0169

    private static PhysicalRange* RangeStorage
    {
        get
        {
            fixed (ulong* words = _ranges.Words)
                return (PhysicalRange*)words;   // a static: it never moves
        }
    }

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

        // A record per page where memory is (the allocator's state, the reference count), carved from
        // the largest usable range: it grows with the memory present, not with the span of addresses.
        PhysicalRange* ranges = RangeStorage;
        int count = 0;
        for (int i = 0; i < BootMemoryMap.Count; i++)
        {
            LimineMemoryType type = BootMemoryMap.Type(i);
            if (type == LimineMemoryType.Usable || type == LimineMemoryType.BootloaderReclaimable)
                ranges[count++] = new PhysicalRange(BootMemoryMap.Base(i), BootMemoryMap.Length(i));
        }
        ulong header = ((ulong)sizeof(PageSections) + RecordAlignment - 1) & ~(RecordAlignment - 1);
        _metadataSize = (header + PageSections.BytesFor(first, end, ranges, count, RecordBytes) + PageSize - 1) & ~(PageSize - 1);
        _metadataBase = BootMemoryMap.Base(largest);
        if (_metadataSize >= BootMemoryMap.Length(largest))
            Panic.Halt("the largest usable range cannot hold the page allocator's bookkeeping");
        _sections = (PageSections*)(_metadataBase + hhdm);
        *_sections = default;
        _sections->Initialize((byte*)_sections + header, first, end, ranges, count, RecordBytes);
        _buddy.Initialize(hhdm, first, end, _sections);

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
            Lock();
            ulong before = _buddy.FreePages;
            _buddy.AddFreeRange(BootMemoryMap.Base(i), BootMemoryMap.Length(i));
            added += (_buddy.FreePages - before) * PageSize;
            Unlock();
        }
        return added;
    }

    /// <summary>A block of 2^order pages (physical address), or 0.</summary>
    public static ulong Allocate(int order)
    {
        if (order == 0 && _concurrent)
            return AllocateCachedPage();
        Lock();
        ulong block = _buddy.Allocate(order);
        Unlock();
        return block;
    }

    // A page from this CPU's cache, refilled from the allocator when it is empty.
    private static ulong AllocateCachedPage()
    {
        PageCache* cache = Cache(CpuLocal.Current->Index);
        ulong page = cache->Take();
        if (page != 0)
            return page;
        _lock.Acquire();
        cache->Refill(ref _buddy);
        _lock.Release();
        return cache->Take();
    }

    /// <summary>A zeroed page (physical address), or 0: what page tables are made of.</summary>
    public static ulong AllocateZeroedPage()
    {
        if (_concurrent)
        {
            ulong zeroed = ZeroedCache(CpuLocal.Current->Index)->Take();
            if (zeroed != 0)
                return zeroed;
        }
        ulong page = Allocate(0);
        if (page != 0)
            System.Buffer.Fill((void*)(page + _hhdm), 0, (nuint)PageSize);
        return page;
    }

    public static void FreePage(ulong physical) => Free(physical, 0);

    /// <summary>
    /// Frees a page the caller knows to be all zeroes (an emptied page table): kept for
    /// <see cref="AllocateZeroedPage"/> while this CPU's cache of such pages has room.
    /// </summary>
    public static void FreeZeroedPage(ulong physical)
    {
        if (_concurrent)
        {
            PageCache* zeroed = ZeroedCache(CpuLocal.Current->Index);
            if (!zeroed->IsFull)
            {
                if (!zeroed->Put(physical, ref _buddy))
                    Panic.Halt("freeing physical memory that is not allocated (double free?)");
                return;
            }
        }
        Free(physical, 0);
    }

    public static void Free(ulong physical, int order)
    {
        bool freed;
        if (order == 0 && _concurrent)
        {
            PageCache* cache = Cache(CpuLocal.Current->Index);
            freed = true;
            if (cache->IsFull)
            {
                _lock.Acquire();
                freed = cache->Drain(ref _buddy, PageCache.Batch);
                _lock.Release();
            }
            freed = freed && cache->Put(physical, ref _buddy);
        }
        else
        {
            Lock();
            freed = _buddy.Free(physical, order);
            Unlock();
        }
        if (!freed)
            Panic.Halt("freeing physical memory that is not allocated (double free?)");
    }

    /// <summary>The virtual (HHDM) address of a physical block, for the heap's page source.</summary>
    public static void* ToVirtual(ulong physical) => (void*)(physical + _hhdm);

    public static ulong ToPhysical(void* pointer) => (ulong)pointer - _hhdm;
}
