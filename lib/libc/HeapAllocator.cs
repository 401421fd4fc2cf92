namespace Ocean.Libc;

/// <summary>What <see cref="HeapAllocator.Free"/> found at the pointer it was given.</summary>
public enum FreeResult
{
    Freed,
    /// <summary>A null pointer: nothing to do.</summary>
    Null,
    /// <summary>The block is already free.</summary>
    DoubleFree,
    /// <summary>Not the start of a block this heap handed out (or a large block already released).</summary>
    InvalidPointer,
}

/// <summary>A snapshot of a heap's counters.</summary>
public struct HeapStatistics
{
    /// <summary>Usable bytes of the blocks currently allocated (requests rounded up to 16).</summary>
    public ulong BytesInUse;
    /// <summary>Bytes of free blocks in the arena, ready for reuse.</summary>
    public ulong BytesFree;
    /// <summary>Bytes currently held from the kernel: the arena plus every mapped large block.</summary>
    public ulong BytesFromKernel;
    /// <summary>The highest <see cref="BytesInUse"/> so far.</summary>
    public ulong PeakBytesInUse;
    public ulong AllocationCount;
    public ulong FreeCount;
}

/// <summary>
/// A boundary-tag heap, free of system calls so that host tests can drive it. Small blocks live in one
/// contiguous arena that grows at its end (brk on Ocean); a free list is searched first fit, blocks are
/// split, and freed neighbours coalesce. Blocks of <see cref="_largeThreshold"/> bytes or more are mapped
/// one by one and unmapped when freed. Not thread safe: <see cref="Heap"/> locks around it.
/// </summary>
/// <remarks>
/// Every block starts with a 16-byte header {size | flags, tag}; the payload follows, 16-byte aligned.
/// The tag is a magic number XOR the header's address, so a stray pointer is told from a block. Free
/// blocks keep their free-list links in the payload and their size in the last word (the footer), which
/// the next block reads, when its PreviousFree flag says so, to coalesce backwards. The arena ends with
/// a zero-sized in-use header, so forward coalescing stops there. Large blocks carry list links before
/// the header, so that freeing checks the pointer against the list and never reads unknown memory.
/// </remarks>
public unsafe struct HeapAllocator
{
    public const int Alignment = 16;
    private const int HeaderSize = 16;
    /// <summary>Header, two links and a footer, rounded to the alignment.</summary>
    private const nuint MinimumBlock = 48;
    /// <summary>The large-block list links precede the ordinary header.</summary>
    private const int LargeHeaderSize = 32;
    private const ulong InUseFlag = 1;
    private const ulong PreviousFreeFlag = 2;
    private const ulong FlagMask = Alignment - 1;
    private const ulong InUseMagic = 0x0CEA_0A11_0C00_BEEF;
    private const ulong FreeMagic = 0x0CEA_0F4E_E000_B10C;
    private const ulong LargeMagic = 0x0CEA_01A4_6E00_B10C;
    /// <summary>No request beyond this is honoured (it keeps size arithmetic far from overflow).</summary>
    private const ulong MaximumRequest = 1UL << 46;

    private readonly void* _context;
    private readonly delegate*<void*, nuint, byte*> _grow;
    private readonly delegate*<void*, nuint, byte*> _map;
    private readonly delegate*<void*, byte*, nuint, void> _unmap;
    private readonly nuint _largeThreshold;
    private readonly nuint _growthStep;

    private byte* _arenaStart;
    private byte* _arenaEnd;
    private FreeBlock* _freeList;
    private LargeBlock* _largeList;
    private HeapStatistics _statistics;

    private struct FreeBlock
    {
        public ulong SizeAndFlags;
        public ulong Tag;
        public FreeBlock* Next;
        public FreeBlock* Previous;
    }

    private struct LargeBlock
    {
        public LargeBlock* Next;
        public LargeBlock* Previous;
        public ulong Size;
        public ulong Tag;
    }

    /// <param name="context">Passed to the three functions unchanged.</param>
    /// <param name="grow">Extends the arena by exactly n bytes (a multiple of 16) and returns where the new bytes
    /// start: the old end, or on the first call a 16-byte aligned start. Null when the memory is not there.</param>
    /// <param name="map">Returns n zeroed, 16-byte aligned bytes anywhere, or null. Null itself: large blocks come from the arena too.</param>
    /// <param name="unmap">Gives back what map returned (the same address and size).</param>
    /// <param name="largeThreshold">Requests of this many bytes or more are mapped on their own.</param>
    /// <param name="growthStep">The arena grows by at least this much at a time (rounded to 16).</param>
    public HeapAllocator(void* context, delegate*<void*, nuint, byte*> grow, delegate*<void*, nuint, byte*> map,
        delegate*<void*, byte*, nuint, void> unmap, nuint largeThreshold, nuint growthStep)
    {
        _context = context;
        _grow = grow;
        _map = map;
        _unmap = unmap;
        _largeThreshold = largeThreshold;
        _growthStep = RoundUp(growthStep < MinimumBlock ? MinimumBlock : growthStep);
    }

    public readonly HeapStatistics Statistics => _statistics;

    /// <summary>Returns <paramref name="size"/> zeroed bytes, 16-byte aligned, or null when memory runs out.</summary>
    public void* Allocate(nuint size)
    {
        if ((ulong)size > MaximumRequest)
            return null;
        nuint usable = RoundUp(size == 0 ? 1 : size);
        byte* payload = _map != null && usable >= _largeThreshold ? AllocateLarge(usable) : AllocateSmall(usable);
        if (payload == null)
            return null;
        _statistics.AllocationCount++;
        _statistics.BytesInUse += UsableSize(payload);
        if (_statistics.BytesInUse > _statistics.PeakBytesInUse)
            _statistics.PeakBytesInUse = _statistics.BytesInUse;
        return payload;
    }

    /// <summary>Releases a block from <see cref="Allocate"/>; anything else is reported, and changes nothing.</summary>
    public FreeResult Free(void* pointer)
    {
        byte* payload = (byte*)pointer;
        if (payload == null)
            return FreeResult.Null;
        if (((nuint)payload & (Alignment - 1)) != 0)
            return FreeResult.InvalidPointer;
        FreeResult result = InArena(payload) ? FreeSmall(payload) : FreeLarge(payload);
        if (result == FreeResult.Freed)
            _statistics.FreeCount++;
        return result;
    }

    /// <summary>The usable size of a live block (at least what was asked for).</summary>
    public static nuint UsableSize(void* pointer)
    {
        FreeBlock* block = (FreeBlock*)((byte*)pointer - HeaderSize);
        nuint size = SizeOf(block);
        return block->Tag == (LargeMagic ^ (ulong)block) ? size - LargeHeaderSize : size - HeaderSize;
    }

    private static nuint RoundUp(nuint size) => (size + Alignment - 1) & ~(nuint)(Alignment - 1);

    private static nuint SizeOf(FreeBlock* block) => (nuint)(block->SizeAndFlags & ~FlagMask);

    private static FreeBlock* NextOf(FreeBlock* block) => (FreeBlock*)((byte*)block + SizeOf(block));

    private static ref ulong FooterOf(FreeBlock* block) => ref *(ulong*)((byte*)block + SizeOf(block) - sizeof(ulong));

    private readonly bool InArena(byte* payload) => payload >= _arenaStart + HeaderSize && payload < _arenaEnd;

    private byte* AllocateSmall(nuint usable)
    {
        nuint needed = usable + HeaderSize;
        if (needed < MinimumBlock)
            needed = MinimumBlock;
        FreeBlock* block = FindFit(needed);
        if (block == null)
        {
            if (!GrowArena(needed))
                return null;
            block = FindFit(needed);
        }
        Unlink(block);
        nuint size = SizeOf(block);
        ulong previousFree = block->SizeAndFlags & PreviousFreeFlag;
        if (size - needed >= MinimumBlock)
        {
            var rest = (FreeBlock*)((byte*)block + needed);
            MakeFree(rest, size - needed, 0);
            Link(rest);
            size = needed;
        }
        else
        {
            NextOf(block)->SizeAndFlags &= ~PreviousFreeFlag;
        }
        block->SizeAndFlags = size | InUseFlag | previousFree;
        block->Tag = InUseMagic ^ (ulong)block;
        _statistics.BytesFree -= size;
        byte* payload = (byte*)block + HeaderSize;
        Zero(payload, size - HeaderSize);
        return payload;
    }

    // Blocks are 16-byte multiples: two words at a time (the host's System.Buffer has no Fill).
    private static void Zero(byte* payload, nuint length)
    {
        for (nuint offset = 0; offset < length; offset += Alignment)
        {
            *(ulong*)(payload + offset) = 0;
            *(ulong*)(payload + offset + sizeof(ulong)) = 0;
        }
    }

    private byte* AllocateLarge(nuint usable)
    {
        nuint size = usable + LargeHeaderSize;
        var large = (LargeBlock*)_map(_context, size);
        if (large == null)
            return null;
        large->Size = size;
        large->Tag = LargeMagic ^ (ulong)&large->Size;
        large->Previous = null;
        large->Next = _largeList;
        if (_largeList != null)
            _largeList->Previous = large;
        _largeList = large;
        _statistics.BytesFromKernel += size;
        return (byte*)large + LargeHeaderSize;
    }

    private FreeResult FreeSmall(byte* payload)
    {
        var block = (FreeBlock*)(payload - HeaderSize);
        if (block->Tag == (FreeMagic ^ (ulong)block))
            return FreeResult.DoubleFree;
        if (block->Tag != (InUseMagic ^ (ulong)block) || (block->SizeAndFlags & InUseFlag) == 0 ||
            SizeOf(block) < MinimumBlock || SizeOf(block) > (nuint)(_arenaEnd - (byte*)block))
            return FreeResult.InvalidPointer;
        nuint size = SizeOf(block);
        _statistics.BytesInUse -= size - HeaderSize;
        _statistics.BytesFree += size;
        ulong flags = block->SizeAndFlags & PreviousFreeFlag;
        FreeBlock* next = NextOf(block);
        if ((next->SizeAndFlags & InUseFlag) == 0)
        {
            Unlink(next);
            size += SizeOf(next);
            next->Tag = 0;
        }
        if (flags != 0)
        {
            var previous = (FreeBlock*)((byte*)block - *((ulong*)block - 1));
            Unlink(previous);
            size += SizeOf(previous);
            flags = previous->SizeAndFlags & PreviousFreeFlag;
            block->Tag = 0;
            block = previous;
        }
        MakeFree(block, size, flags);
        Link(block);
        return FreeResult.Freed;
    }

    private FreeResult FreeLarge(byte* payload)
    {
        LargeBlock* large = _largeList;
        while (large != null && (byte*)large + LargeHeaderSize != payload)
            large = large->Next;
        if (large == null)
            return FreeResult.InvalidPointer;
        if (large->Previous != null)
            large->Previous->Next = large->Next;
        else
            _largeList = large->Next;
        if (large->Next != null)
            large->Next->Previous = large->Previous;
        nuint size = (nuint)large->Size;
        _statistics.BytesInUse -= size - LargeHeaderSize;
        _statistics.BytesFromKernel -= size;
        large->Tag = 0;
        _unmap(_context, (byte*)large, size);
        return FreeResult.Freed;
    }

    // Marks a free block of `size` bytes, writes its footer and tells the next block.
    private static void MakeFree(FreeBlock* block, nuint size, ulong previousFree)
    {
        block->SizeAndFlags = size | previousFree;
        block->Tag = FreeMagic ^ (ulong)block;
        FooterOf(block) = size;
        NextOf(block)->SizeAndFlags |= PreviousFreeFlag;
    }

    private readonly FreeBlock* FindFit(nuint needed)
    {
        for (FreeBlock* block = _freeList; block != null; block = block->Next)
            if (SizeOf(block) >= needed)
                return block;
        return null;
    }

    private void Link(FreeBlock* block)
    {
        block->Previous = null;
        block->Next = _freeList;
        if (_freeList != null)
            _freeList->Previous = block;
        _freeList = block;
    }

    private void Unlink(FreeBlock* block)
    {
        if (block->Previous != null)
            block->Previous->Next = block->Next;
        else
            _freeList = block->Next;
        if (block->Next != null)
            block->Next->Previous = block->Previous;
    }

    // Adds at least `needed` bytes to the arena as one free block (joined with a free last block).
    private bool GrowArena(nuint needed)
    {
        bool first = _arenaStart == null;
        nuint extra = first ? needed + HeaderSize : needed;
        nuint step = extra < _growthStep ? _growthStep : RoundUp(extra);
        byte* added = _grow(_context, step);
        if (added == null)
            return false;
        if (first)
        {
            if (((nuint)added & (Alignment - 1)) != 0)
                return false;
            _arenaStart = added;
            _arenaEnd = added;
            // The end marker of the still empty arena: the new block takes its place below.
            *(ulong*)added = InUseFlag;
            *((ulong*)added + 1) = 0;
            _arenaEnd = added + HeaderSize;
            step -= HeaderSize;
        }
        else if (added != _arenaEnd)
        {
            return false;   // the grow function broke its contract; the bytes stay unused
        }
        _statistics.BytesFromKernel += first ? step + HeaderSize : step;
        // The old end marker becomes the new block's header; a new marker goes at the new end.
        var block = (FreeBlock*)(_arenaEnd - HeaderSize);
        ulong flags = block->SizeAndFlags & PreviousFreeFlag;
        _arenaEnd += step;
        var marker = (FreeBlock*)(_arenaEnd - HeaderSize);
        marker->SizeAndFlags = InUseFlag;
        marker->Tag = 0;
        nuint size = step;
        _statistics.BytesFree += size;
        if (flags != 0)
        {
            var previous = (FreeBlock*)((byte*)block - *((ulong*)block - 1));
            Unlink(previous);
            size += SizeOf(previous);
            flags = previous->SizeAndFlags & PreviousFreeFlag;
            block = previous;
        }
        MakeFree(block, size, flags);
        Link(block);
        return true;
    }
}
