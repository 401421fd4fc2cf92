namespace Ocean.Kernel.Mm;

/// <summary>
/// A buddy allocator for physical pages: blocks of 2^order pages (order 0..<see cref="MaxOrder"/>),
/// each aligned to its own size in physical address space. Free blocks sit on one list per order;
/// the list nodes live inside the free blocks themselves (reached through the direct map), so the
/// allocator needs no memory of its own beyond one state byte per page, supplied by the caller: a
/// byte array over the whole span, or the first byte of each page's record in <see cref="PageSections"/>
/// (which has records only where memory is).
/// </summary>
/// <remarks>
/// Physical page 0 is never handed out: 0 is the "no memory" answer of <see cref="Allocate"/> and the
/// end marker of the free lists. The struct holds all its state, so the kernel can keep one in a
/// static field; it is not thread-safe.
/// </remarks>
public unsafe struct BuddyAllocator
{
    public const int MaxOrder = 10;
    public const ulong PageSize = 4096;

    private const int PageShift = 12;
    private const int OrderCount = MaxOrder + 1;
    private const ulong BlockBytes = PageSize << MaxOrder;   // a largest-order block

    // Per-page state. A block is described by the byte of its first page (its head); the other pages
    // of a block are tails. Pages never added (holes in the map, memory in use at boot) stay absent.
    private const byte Absent = 0x00;
    private const byte Tail = 0x01;
    private const byte FreeHead = 0x40;
    private const byte AllocatedHead = 0x80;
    private const byte CachedPage = 0x20;   // an allocated page a per-CPU cache holds (PageCache)
    // A free block of the largest order not yet on its list: nothing is written into its memory until
    // it is first needed, so a large machine's free memory stays untouched at boot (QEMU, and a host
    // backing guest RAM with huge pages, then spend only what is used).
    private const byte PendingHead = FreeHead | 0x10 | MaxOrder;

    /// <summary>The node at the start of every free block; links are physical addresses, 0 = none.</summary>
    private struct FreeNode
    {
        public ulong Next;
        public ulong Prev;
    }

    private ulong _directMapOffset;
    private ulong _first;
    private ulong _end;
    private byte* _pageState;
    private PageSections* _sections;
    private fixed ulong _freeHeads[OrderCount];
    private fixed ulong _freeBlocks[OrderCount];
    private ulong _pendingBlocks;
    // No pending block lies below this address.
    private ulong _pendingFrom;

    /// <summary>Pages ever handed to <see cref="AddFreeRange"/> (each counted once).</summary>
    public ulong TotalPages { get; private set; }

    public ulong FreePages { get; private set; }

    /// <summary>Free blocks of exactly <paramref name="order"/>; 0 for an order out of range.</summary>
    public ulong FreeBlocks(int order) => order >= 0 && order <= MaxOrder ? _freeBlocks[order] : 0;

    /// <summary>Bytes of page state <see cref="Initialize"/> needs for the span [firstPhysical, endPhysical).</summary>
    public static ulong MetadataBytes(ulong firstPhysical, ulong endPhysical)
    {
        ulong first = AlignUp(firstPhysical);
        ulong end = AlignDown(endPhysical);
        return end > first ? (end - first) >> PageShift : 0;
    }

    /// <summary>
    /// Manages the pages of [firstPhysical, endPhysical) (rounded inward to pages), none of them free
    /// yet. <paramref name="pageState"/> must hold <see cref="MetadataBytes"/> bytes for the same span.
    /// </summary>
    public void Initialize(ulong directMapOffset, ulong firstPhysical, ulong endPhysical, byte* pageState)
    {
        _sections = null;
        _directMapOffset = directMapOffset;
        _first = AlignUp(firstPhysical);
        _end = AlignDown(endPhysical);
        // Without state bytes nothing can be managed: an empty span makes every call a no-op.
        if (_end < _first || pageState == null)
            _end = _first;
        _pageState = pageState;
        ulong pages = (_end - _first) >> PageShift;
        for (ulong i = 0; i < pages; i++)
            _pageState[i] = Absent;
        for (int order = 0; order <= MaxOrder; order++)
        {
            _freeHeads[order] = 0;
            _freeBlocks[order] = 0;
        }
        TotalPages = 0;
        FreePages = 0;
        _pendingBlocks = 0;
        _pendingFrom = ulong.MaxValue;
    }

    /// <summary>
    /// Manages the pages of [firstPhysical, endPhysical), none of them free yet, keeping each page's
    /// state in the first byte of its record in <paramref name="sections"/> (which must start zeroed:
    /// zero is "absent"). Pages without a record can never be added.
    /// </summary>
    public void Initialize(ulong directMapOffset, ulong firstPhysical, ulong endPhysical, PageSections* sections)
    {
        Initialize(directMapOffset, firstPhysical, endPhysical, (byte*)null);
        _first = AlignUp(firstPhysical);
        _end = sections == null ? _first : AlignDown(endPhysical);
        _sections = sections;
    }

    /// <summary>
    /// Makes the whole pages inside [physical, physical + length) free. Parts outside the managed span
    /// and pages already added earlier are ignored, so overlapping ranges are harmless.
    /// </summary>
    /// <remarks>
    /// A whole largest-order block whose records are all still zero (nothing of it added before) is
    /// only marked pending at its head: its other pages stay absent until <see cref="TakePending"/>
    /// hands it out, so adding a machine's memory costs a pass over its records, not a write to each.
    /// The pages of a pending block count as added, whatever their own records say.
    /// </remarks>
    public void AddFreeRange(ulong physical, ulong length)
    {
        ulong start = AlignUp(physical);
        // Saturate instead of wrapping, for a range that runs to the top of the address space.
        ulong end = AlignDown(length > ulong.MaxValue - physical ? ulong.MaxValue : physical + length);
        ulong lowest = _first < PageSize ? PageSize : _first;
        if (start < lowest)
            start = lowest;
        if (end > _end)
            end = _end;

        // One largest-order block's worth at a time: the records of a block lie in a row (a block
        // never straddles a section), and pending blocks are told by their head.
        ulong page = start;
        while (page < end)
        {
            ulong block = page & ~(BlockBytes - 1);
            ulong stop = block + BlockBytes > end || block + BlockBytes < block ? end : block + BlockBytes;
            byte* head = block >= _first ? State(block) : null;   // (a block may start below the span)
            if (head != null && *head == PendingHead)
            {
                page = stop;   // added before, whole
                continue;
            }
            if (page == block && stop - page == BlockBytes && head != null && RecordsZero(head, 1UL << MaxOrder))
            {
                TotalPages += 1UL << MaxOrder;
                FreePages += 1UL << MaxOrder;
                MarkPending(block);
                page = stop;
                continue;
            }
            AddPages(page, stop);
            page = stop;
        }
    }

    // Frees the pages of [page, end), which lie in one largest-order block that is not pending, as
    // runs of pages not added before: each run's pages marked tail, then freed as large aligned blocks.
    private void AddPages(ulong page, ulong end)
    {
        byte* state = State(page);
        if (state == null)
            return;   // no records here (the block, like its section, holds no memory)
        ulong stride = _sections == null ? 1 : _sections->RecordBytes;
        while (page < end)
        {
            if (*state != Absent)
            {
                page += PageSize;
                state += stride;
                continue;
            }
            ulong runStart = page;
            while (page < end && *state == Absent)
            {
                *state = Tail;
                state += stride;
                page += PageSize;
            }
            ulong pages = (page - runStart) >> PageShift;
            TotalPages += pages;
            FreePages += pages;
            AddRun(runStart, page);
        }
    }

    // Whether the records of `pages` pages from `first` (their state bytes) are all zero: absent,
    // never touched. Eight bytes at a time where the records allow.
    private readonly bool RecordsZero(byte* first, ulong pages)
    {
        ulong bytes = pages * (_sections == null ? 1 : _sections->RecordBytes);
        ulong i = 0;
        for (; i + 4 * sizeof(ulong) <= bytes; i += 4 * sizeof(ulong))
        {
            ulong* words = (ulong*)(first + i);
            if ((words[0] | words[1] | words[2] | words[3]) != 0)
                return false;
        }
        for (; i < bytes; i++)
            if (first[i] != 0)
                return false;
        return true;
    }

    /// <summary>A free block of 2^order pages aligned to its size (physical address), or 0.</summary>
    public ulong Allocate(int order)
    {
        if (order < 0 || order > MaxOrder)
            return 0;
        int found = order;
        while (found <= MaxOrder && _freeHeads[found] == 0)
            found++;
        ulong block;
        if (found <= MaxOrder)
        {
            block = _freeHeads[found];
            Unlink(block, found);
        }
        else if ((block = TakePending()) != 0)
            found = MaxOrder;
        else
            return 0;
        // Split: keep the lower half, give the upper half back one order down.
        while (found > order)
        {
            found--;
            Push(block + (PageSize << found), found);
        }
        *State(block) = (byte)(AllocatedHead | order);
        FreePages -= 1UL << order;
        return block;
    }

    /// <summary>
    /// Frees a block <see cref="Allocate"/> handed out with the same order. Returns false and changes
    /// nothing when the address or order is wrong or the block is not allocated (a double free).
    /// </summary>
    public bool Free(ulong physical, int order)
    {
        byte* state = AllocatedState(physical, order);
        if (state == null)
            return false;

        *state = Tail;
        FreePages += 1UL << order;
        Insert(physical, order);
        return true;
    }

    /// <summary>
    /// Marks a page <see cref="Allocate"/> handed out (order 0) as held by a per-CPU cache: free to
    /// the kernel but not on these lists. Returns its state byte, for <see cref="UnmarkCached"/>; null,
    /// and nothing changes, for anything else, so a double free into a cache is caught as
    /// <see cref="Free"/> catches one here.
    /// </summary>
    public byte* MarkCached(ulong physical)
    {
        byte* state = AllocatedState(physical, 0);
        if (state != null)
            *state = CachedPage;
        return state;
    }

    /// <summary>
    /// Up to <paramref name="count"/> pages for a cache, already marked as <see cref="MarkCached"/>
    /// leaves them, with their state bytes: one block of that many pages when there is one (its
    /// records lie in a row), single pages otherwise. Returns how many it found.
    /// </summary>
    public int AllocateCached(int count, ulong* pages, byte** states)
    {
        int order = 0;
        while (order < MaxOrder && (2 << order) <= count)
            order++;
        ulong block = (1 << order) == count ? Allocate(order) : 0;
        if (block != 0)
        {
            byte* state = State(block);
            ulong stride = _sections != null ? _sections->RecordBytes : 1;
            for (int i = 0; i < count; i++)
            {
                pages[i] = block + (ulong)i * PageSize;
                states[i] = state + (ulong)i * stride;
                *states[i] = CachedPage;
            }
            return count;
        }
        int found = 0;
        while (found < count)
        {
            ulong page = Allocate(0);
            if (page == 0)
                break;
            pages[found] = page;
            states[found] = MarkCached(page);
            found++;
        }
        return found;
    }

    /// <summary>A cached page handed out again (by the state byte <see cref="MarkCached"/> gave): allocated, as <see cref="Allocate"/> leaves it.</summary>
    public static void UnmarkCached(byte* state) => *state = AllocatedHead;

    /// <summary>Whether <paramref name="physical"/> is a page a cache holds (<see cref="MarkCached"/>).</summary>
    public bool IsCached(ulong physical)
    {
        byte* state = physical < _first || physical >= _end ? null : State(physical);
        return state != null && *state == CachedPage;
    }

    // The state byte of an allocated block of this order at this address; null when there is none.
    private byte* AllocatedState(ulong physical, int order)
    {
        if (order < 0 || order > MaxOrder)
            return null;
        ulong size = PageSize << order;
        if ((physical & (size - 1)) != 0 || physical < _first || physical >= _end || _end - physical < size)
            return null;
        byte* state = State(physical);
        return state == null || *state != (byte)(AllocatedHead | order) ? null : state;
    }

    /// <summary>Frees [start, end) as the largest blocks its alignment allows.</summary>
    private void AddRun(ulong start, ulong end)
    {
        while (start < end)
        {
            int order = 0;
            while (order < MaxOrder)
            {
                ulong size = PageSize << (order + 1);
                if ((start & (size - 1)) != 0 || end - start < size)
                    break;
                order++;
            }
            if (order == MaxOrder)
                MarkPending(start);
            else
                Insert(start, order);
            start += PageSize << order;
        }
    }

    // A largest-order block becomes free without a write to its memory (its head's state says so).
    private void MarkPending(ulong block)
    {
        *State(block) = PendingHead;
        _pendingBlocks++;
        _freeBlocks[MaxOrder]++;
        if (block < _pendingFrom)
            _pendingFrom = block;
    }

    // The lowest pending block, taken (its head left for the caller to mark), or 0. The scan only
    // moves up, one state byte per block and a step per section without records, so all of them
    // together cost one pass over the span.
    private ulong TakePending()
    {
        if (_pendingBlocks == 0)
            return 0;
        for (ulong block = _pendingFrom; block < _end; block += BlockBytes)
        {
            byte* state = State(block);
            if (state == null)
            {
                block = (block | (PageSections.SectionBytes - 1)) + 1 - BlockBytes;   // no records in this section
                continue;
            }
            if (*state != PendingHead)
                continue;
            // Its other pages were left absent while it waited: they become the tails they are.
            ulong stride = _sections == null ? 1 : _sections->RecordBytes;
            for (ulong i = 0; i < 1UL << MaxOrder; i++)
                state[i * stride] = Tail;
            _pendingBlocks--;
            _freeBlocks[MaxOrder]--;
            _pendingFrom = block + BlockBytes;
            return block;
        }
        return 0;
    }

    /// <summary>Puts a block (all its pages marked tail) on a free list, merging with free buddies first.</summary>
    private void Insert(ulong block, int order)
    {
        while (order < MaxOrder)
        {
            ulong buddy = block ^ (PageSize << order);
            // The buddy is free exactly when its head says "free, this order"; anything else (absent,
            // allocated, split into smaller pieces, outside the span) ends the merging.
            byte* state = buddy < _first || buddy >= _end ? null : State(buddy);
            if (state == null || *state != (byte)(FreeHead | order))
                break;
            Unlink(buddy, order);
            *state = Tail;
            if (buddy < block)
                block = buddy;
            order++;
        }
        Push(block, order);
    }

    private void Push(ulong block, int order)
    {
        FreeNode* node = Node(block);
        ulong head = _freeHeads[order];
        node->Next = head;
        node->Prev = 0;
        if (head != 0)
            Node(head)->Prev = block;
        _freeHeads[order] = block;
        _freeBlocks[order]++;
        *State(block) = (byte)(FreeHead | order);
    }

    /// <summary>Takes a block off its free list (O(1): the list is doubly linked). Leaves its state byte.</summary>
    private void Unlink(ulong block, int order)
    {
        FreeNode* node = Node(block);
        if (node->Prev != 0)
            Node(node->Prev)->Next = node->Next;
        else
            _freeHeads[order] = node->Next;
        if (node->Next != 0)
            Node(node->Next)->Prev = node->Prev;
        _freeBlocks[order]--;
    }

    private FreeNode* Node(ulong physical) => (FreeNode*)(physical + _directMapOffset);

    private ulong Index(ulong physical) => (physical - _first) >> PageShift;

    // The page's state byte: in the span's array, or in its record (null where memory has none).
    private byte* State(ulong physical) => _sections != null ? _sections->Record(physical) : _pageState + Index(physical);


    private static ulong AlignUp(ulong address) =>
        address > ulong.MaxValue - (PageSize - 1) ? AlignDown(ulong.MaxValue) : (address + PageSize - 1) & ~(PageSize - 1);

    private static ulong AlignDown(ulong address) => address & ~(PageSize - 1);
}
