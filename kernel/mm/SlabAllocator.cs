namespace Ocean.Kernel.Mm;

/// <summary>What one slab cache holds right now.</summary>
public struct SlabCacheStats
{
    public int ObjectSize;
    /// <summary>Slabs (pages) the cache owns, including the one empty slab it may keep.</summary>
    public ulong Slabs;
    public ulong ObjectsInUse;
    public ulong ObjectsFree;
}

/// <summary>
/// The kernel heap's allocator: slab caches for objects up to 2048 bytes and whole page blocks for
/// anything larger, all taken from a page source (the buddy allocator through the direct map).
/// </summary>
/// <remarks>
/// <para>
/// Small objects: cache i holds objects of 16 &lt;&lt; i bytes in slabs of one page. The page starts
/// with a <see cref="SlabHeader"/> (magic, a pointer to itself, cache index, counts, the free list and
/// an in-use bitmap); the objects follow, 16-byte aligned. Free finds the header by rounding the
/// pointer down to its page, so no lookup structure is needed. A cache keeps slabs with free objects
/// on a doubly linked partial list, forgets full ones until an object comes back, and keeps at most
/// one completely empty slab; further empty slabs go back to the page source at once.
/// </para>
/// <para>
/// Large objects: a block of 2^order pages whose first 16 bytes are a <see cref="LargeHeader"/>
/// (magic, order, a pointer to itself); the caller gets block + 16. A slab object never sits 16 bytes
/// into a page (the slab header is longer), so the page offset tells the two kinds apart.
/// </para>
/// <para>
/// Free rejects what it can recognise as wrong (null, a header that fails the magic/self check, an
/// offset that is not an object boundary, an object or block that is not in use) by returning false.
/// It reads the page the pointer falls in, so the pointer must at least be readable memory; a
/// released slab or block has its magic cleared, so a late second free of it is refused as long as
/// the page has not been reused. All state lives in the struct (the kernel keeps one in a static
/// field); it is not thread-safe.
/// </para>
/// </remarks>
public unsafe struct SlabAllocator
{
    public const int CacheCount = 8;
    public const int MinObjectSize = 16;
    public const int MaxObjectSize = MinObjectSize << (CacheCount - 1);
    /// <summary>Largest block order requested from the page source (the buddy allocator's limit).</summary>
    public const int MaxLargeOrder = BuddyAllocator.MaxOrder;

    private const ulong PageSize = 4096;
    private const ulong PageMask = PageSize - 1;
    private const ulong ObjectAlignment = 16;
    private const int SlabOrder = 0;
    private const uint SlabMagic = 0x534C4142;  // "SLAB"
    private const uint LargeMagic = 0x4C415247; // "LARG"
    private const int BitsPerWord = 64;
    // The smallest objects decide the bitmap size: a page can never hold more than this many.
    private const int MaxObjectsPerSlab = (int)(PageSize / MinObjectSize);
    private const int BitmapWords = MaxObjectsPerSlab / BitsPerWord;
    // The large-block header is exactly one object alignment unit, so what follows stays aligned.
    private const ulong LargeHeaderSize = ObjectAlignment;

    private struct SlabHeader
    {
        public uint Magic;
        public ushort Cache;
        public ushort ObjectCount;
        public ushort FreeCount;
        public SlabHeader* Self;
        public SlabHeader* Next;
        public SlabHeader* Prev;
        /// <summary>First free object; each free object's first 8 bytes point to the next.</summary>
        public byte* FreeList;
        public fixed ulong InUse[BitmapWords];
    }

    private struct LargeHeader
    {
        public uint Magic;
        public int Order;
        public LargeHeader* Self;
    }

    private delegate*<int, void*> _allocatePages;
    private delegate*<void*, int, void> _freePages;
    // Per cache; pointers are stored as ulong because fixed buffers hold primitives only.
    private fixed ulong _partial[CacheCount];
    private fixed ulong _empty[CacheCount];
    private fixed ulong _slabs[CacheCount];
    private fixed ulong _inUse[CacheCount];
    private fixed ulong _free[CacheCount];

    /// <summary>Large allocations currently handed out.</summary>
    public ulong LargeAllocations { get; private set; }

    /// <summary>Pages currently held by large allocations.</summary>
    public ulong LargePages { get; private set; }

    /// <summary>Object size of cache <paramref name="cache"/> (16 &lt;&lt; cache), 0 when out of range.</summary>
    public static int ObjectSize(int cache) => cache >= 0 && cache < CacheCount ? MinObjectSize << cache : 0;

    /// <summary>Objects in one slab of cache <paramref name="cache"/>, 0 when out of range.</summary>
    public static int ObjectsPerSlab(int cache) =>
        cache >= 0 && cache < CacheCount ? (int)((PageSize - HeaderBytes) / (ulong)ObjectSize(cache)) : 0;

    /// <summary>Where the first object of a slab starts: the header, rounded up to the alignment.</summary>
    private static ulong HeaderBytes => ((ulong)sizeof(SlabHeader) + ObjectAlignment - 1) & ~(ObjectAlignment - 1);

    /// <summary>
    /// Starts empty. <paramref name="allocatePages"/> returns the virtual address of a 4 KiB-aligned
    /// block of 2^order pages (contents unspecified) or null; <paramref name="freePages"/> takes it back.
    /// </summary>
    public void Initialize(delegate*<int, void*> allocatePages, delegate*<void*, int, void> freePages)
    {
        _allocatePages = allocatePages;
        _freePages = freePages;
        for (int i = 0; i < CacheCount; i++)
        {
            _partial[i] = 0;
            _empty[i] = 0;
            _slabs[i] = 0;
            _inUse[i] = 0;
            _free[i] = 0;
        }
        LargeAllocations = 0;
        LargePages = 0;
    }

    public SlabCacheStats GetStats(int cache)
    {
        SlabCacheStats stats = default;
        if (cache < 0 || cache >= CacheCount)
            return stats;
        stats.ObjectSize = ObjectSize(cache);
        stats.Slabs = _slabs[cache];
        stats.ObjectsInUse = _inUse[cache];
        stats.ObjectsFree = _free[cache];
        return stats;
    }

    /// <summary>
    /// Zeroed, 16-byte-aligned memory of at least <paramref name="size"/> bytes (0 counts as 16), or
    /// null when the page source is out of memory or the size exceeds a 2^<see cref="MaxLargeOrder"/>-page block.
    /// </summary>
    public void* Allocate(nuint size)
    {
        if (_allocatePages == null)
            return null;
        if (size == 0)
            size = MinObjectSize;
        if (size > MaxObjectSize)
            return AllocateLarge(size);

        int cache = 0;
        while ((nuint)ObjectSize(cache) < size)
            cache++;
        SlabHeader* slab = (SlabHeader*)_partial[cache];
        if (slab == null)
        {
            slab = (SlabHeader*)_empty[cache];
            if (slab != null)
                _empty[cache] = 0;
            else if ((slab = NewSlab(cache)) == null)
                return null;
            Push(slab, cache);
        }

        byte* obj = slab->FreeList;
        slab->FreeList = *(byte**)obj;
        ulong index = ((ulong)obj - (ulong)slab - HeaderBytes) / (ulong)ObjectSize(cache);
        slab->InUse[(int)(index / BitsPerWord)] |= 1UL << (int)(index % BitsPerWord);
        if (--slab->FreeCount == 0)
            Unlink(slab, cache);
        _inUse[cache]++;
        _free[cache]--;
        Zero(obj, (ulong)ObjectSize(cache));
        return obj;
    }

    /// <summary>
    /// Gives back memory from <see cref="Allocate"/>. False, changing nothing, for null, a pointer this
    /// allocator did not hand out, or one already freed.
    /// </summary>
    public bool Free(void* pointer)
    {
        if (pointer == null)
            return false;
        ulong address = (ulong)pointer;
        ulong page = address & ~PageMask;
        ulong offset = address & PageMask;
        if (offset == LargeHeaderSize && ((LargeHeader*)page)->Magic == LargeMagic)
            return FreeLarge((LargeHeader*)page);

        SlabHeader* slab = (SlabHeader*)page;
        if (slab->Magic != SlabMagic || slab->Self != slab || slab->Cache >= CacheCount)
            return false;
        int cache = slab->Cache;
        ulong size = (ulong)ObjectSize(cache);
        if (offset < HeaderBytes || (offset - HeaderBytes) % size != 0)
            return false;
        ulong index = (offset - HeaderBytes) / size;
        if (index >= slab->ObjectCount)
            return false;
        int word = (int)(index / BitsPerWord);
        ulong bit = 1UL << (int)(index % BitsPerWord);
        if ((slab->InUse[word] & bit) == 0)
            return false;

        slab->InUse[word] &= ~bit;
        *(byte**)pointer = slab->FreeList;
        slab->FreeList = (byte*)pointer;
        _inUse[cache]--;
        _free[cache]++;
        // A full slab is on no list; it becomes usable again.
        if (slab->FreeCount++ == 0)
            Push(slab, cache);
        if (slab->FreeCount == slab->ObjectCount)
        {
            Unlink(slab, cache);
            if (_empty[cache] == 0)
                _empty[cache] = (ulong)slab; // kept, so alloc/free of one object does not churn pages
            else
                ReleaseSlab(slab, cache);
        }
        return true;
    }

    /// <summary>
    /// Returns every cache's kept empty slab to the page source, so free memory can be compared
    /// before and after a piece of work (the kernel's self-tests do). Returns the slabs released.
    /// </summary>
    public int Trim()
    {
        int released = 0;
        for (int cache = 0; cache < CacheCount; cache++)
        {
            var slab = (SlabHeader*)_empty[cache];
            if (slab == null)
                continue;
            _empty[cache] = 0;
            ReleaseSlab(slab, cache);
            released++;
        }
        return released;
    }

    private void* AllocateLarge(nuint size)
    {
        if ((ulong)size > (PageSize << MaxLargeOrder) - LargeHeaderSize)
            return null;
        ulong needed = (ulong)size + LargeHeaderSize;
        int order = 0;
        while ((PageSize << order) < needed)
            order++;
        LargeHeader* block = (LargeHeader*)_allocatePages(order);
        if (block == null)
            return null;
        if (((ulong)block & PageMask) != 0)
        {
            // A page source breaking its promise: refuse the block rather than misplace headers.
            _freePages(block, order);
            return null;
        }
        block->Magic = LargeMagic;
        block->Order = order;
        block->Self = block;
        byte* data = (byte*)block + LargeHeaderSize;
        Zero(data, size);
        LargeAllocations++;
        LargePages += 1UL << order;
        return data;
    }

    private bool FreeLarge(LargeHeader* block)
    {
        if (block->Self != block || block->Order < 0 || block->Order > MaxLargeOrder)
            return false;
        int order = block->Order;
        block->Magic = 0;
        LargeAllocations--;
        LargePages -= 1UL << order;
        _freePages(block, order);
        return true;
    }

    /// <summary>A fresh slab for <paramref name="cache"/> with every object on its free list, or null.</summary>
    private SlabHeader* NewSlab(int cache)
    {
        SlabHeader* slab = (SlabHeader*)_allocatePages(SlabOrder);
        if (slab == null)
            return null;
        if (((ulong)slab & PageMask) != 0)
        {
            _freePages(slab, SlabOrder);
            return null;
        }
        int count = ObjectsPerSlab(cache);
        ulong size = (ulong)ObjectSize(cache);
        slab->Magic = SlabMagic;
        slab->Cache = (ushort)cache;
        slab->ObjectCount = (ushort)count;
        slab->FreeCount = (ushort)count;
        slab->Self = slab;
        slab->Next = null;
        slab->Prev = null;
        for (int i = 0; i < BitmapWords; i++)
            slab->InUse[i] = 0;
        // Thread the free list through the objects in address order.
        byte* first = (byte*)slab + HeaderBytes;
        for (int i = 0; i < count; i++)
            *(byte**)(first + (ulong)i * size) = i + 1 < count ? first + (ulong)(i + 1) * size : null;
        slab->FreeList = first;
        _slabs[cache]++;
        _free[cache] += (ulong)count;
        return slab;
    }

    private void ReleaseSlab(SlabHeader* slab, int cache)
    {
        slab->Magic = 0;
        slab->Self = null;
        _slabs[cache]--;
        _free[cache] -= slab->ObjectCount;
        _freePages(slab, SlabOrder);
    }

    private void Push(SlabHeader* slab, int cache)
    {
        SlabHeader* head = (SlabHeader*)_partial[cache];
        slab->Next = head;
        slab->Prev = null;
        if (head != null)
            head->Prev = slab;
        _partial[cache] = (ulong)slab;
    }

    private void Unlink(SlabHeader* slab, int cache)
    {
        if (slab->Prev != null)
            slab->Prev->Next = slab->Next;
        else
            _partial[cache] = (ulong)slab->Next;
        if (slab->Next != null)
            slab->Next->Prev = slab->Prev;
        slab->Next = null;
        slab->Prev = null;
    }

    private static void Zero(byte* destination, ulong count)
    {
        // Both kinds of memory are 8-byte aligned, so clear a word at a time, then the tail.
        ulong words = count / sizeof(ulong);
        ulong* d = (ulong*)destination;
        for (ulong i = 0; i < words; i++)
            d[i] = 0;
        for (ulong i = words * sizeof(ulong); i < count; i++)
            destination[i] = 0;
    }
}
