namespace Ocean.Kernel.Mm;

/// <summary>
/// Single pages one CPU keeps at hand, so that most page allocations and frees (a copy-on-write
/// copy, a page table, a freed user page) take no lock shared with other CPUs. It is filled from and
/// drained to the buddy allocator a batch at a time, under the allocator's lock, which the caller
/// holds for <see cref="Refill"/> and <see cref="Drain"/>. Its pages stay marked in their records
/// (<see cref="BuddyAllocator.MarkCached"/>), so a double free is still caught (unless two CPUs free
/// the same page at the same moment, itself the sign of an earlier bug). One cache per CPU, used only
/// by that CPU with interrupts off. A page another CPU keeps cached is out of this one's reach: the
/// memory reserve counts only the allocator's own free pages for that reason.
/// </summary>
public unsafe struct PageCache
{
    /// <summary>The most pages one cache holds, and how many move to or from the allocator at once.</summary>
    public const int Capacity = 32, Batch = 16;

    // Each page with its state byte in the allocator's records, so handing one out looks nothing up.
    private fixed ulong _pages[Capacity];
    private fixed ulong _states[Capacity];
    private int _count;

    public int Count => _count;

    public bool IsFull => _count == Capacity;

    /// <summary>The most recently freed page (likely still in this CPU's data cache), or 0 when empty.</summary>
    public ulong Take()
    {
        if (_count == 0)
            return 0;
        _count--;
        BuddyAllocator.UnmarkCached((byte*)_states[_count]);
        return _pages[_count];
    }

    /// <summary>
    /// Keeps a freed page; false, and nothing changes, if it is not an allocated page (a double free)
    /// or the cache is full (drain it first).
    /// </summary>
    public bool Put(ulong physical, ref BuddyAllocator buddy)
    {
        if (_count == Capacity)
            return false;
        byte* state = buddy.MarkCached(physical);
        if (state == null)
            return false;
        _pages[_count] = physical;
        _states[_count] = (ulong)state;
        _count++;
        return true;
    }

    /// <summary>Under the allocator's lock: up to <see cref="Batch"/> pages from it; how many came.</summary>
    public int Refill(ref BuddyAllocator buddy)
    {
        int wanted = Capacity - _count < Batch ? Capacity - _count : Batch;
        if (wanted <= 0)
            return 0;
        fixed (ulong* pages = _pages)
        fixed (ulong* states = _states)
        {
            int added = buddy.AllocateCached(wanted, pages + _count, (byte**)(states + _count));
            _count += added;
            return added;
        }
    }

    /// <summary>
    /// Under the allocator's lock: gives up to <paramref name="pages"/> pages back to it; false if one
    /// was not the allocator's to take (the records were overwritten: the caller stops the machine).
    /// </summary>
    public bool Drain(ref BuddyAllocator buddy, int pages)
    {
        bool allTaken = true;
        while (pages-- > 0 && _count > 0)
        {
            _count--;
            BuddyAllocator.UnmarkCached((byte*)_states[_count]);
            allTaken &= buddy.Free(_pages[_count], 0);
        }
        return allTaken;
    }
}
