namespace Ocean.Libc;

using System.Runtime.CompilerServices;

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
    /// <summary>A managed object (its first word is its MethodTable): the collector frees it when nothing reaches it.</summary>
    private const ulong ObjectFlag = 4;
    /// <summary>Reached during the collection under way.</summary>
    private const ulong MarkFlag = 8;
    private const ulong FlagMask = Alignment - 1;
    private const ulong InUseMagic = 0x0CEA_0A11_0C00_BEEF;
    private const ulong FreeMagic = 0x0CEA_0F4E_E000_B10C;
    private const ulong LargeMagic = 0x0CEA_01A4_6E00_B10C;
    /// <summary>A small block the collector freed, kept whole for the next object of its size.</summary>
    private const ulong CachedMagic = 0x0CEA_0CAC_4E00_B10C;
    /// <summary>No request beyond this is honoured (it keeps size arithmetic far from overflow).</summary>
    private const ulong MaximumRequest = 1UL << 46;

    private readonly void* _context;
    private readonly delegate*<void*, nuint, byte*> _grow;
    private readonly delegate*<void*, nuint, byte*> _map;
    private readonly delegate*<void*, byte*, nuint, void> _unmap;
    private readonly delegate*<void*, byte*, nuint, bool> _shrink;
    private readonly nuint _largeThreshold;
    private readonly nuint _growthStep;

    private byte* _arenaStart;
    private byte* _arenaEnd;
    private FreeBlock* _freeList;
    private LargeBlock* _largeList;
    private HeapStatistics _statistics;
    // During a collection: every block's header, arena blocks in address order then large ones by
    // address (for finding the block an address lies in), and how many there are.
    private ulong* _blocks;
    private int _blockCount, _arenaBlockCount;
    private nuint _blocksBytes;
    // Small blocks the collector freed, by usable size (16, 32, ... 256 bytes): still in use as the
    // arena sees them (nothing coalesces with them), with payloads already zeroed but for the link in
    // their first word. The next object of that size takes one in a few instructions.
    private fixed ulong _cached[CachedSizes];
    private fixed int _cachedCount[CachedSizes];
    private const int CachedSizes = 16;
    private const nuint LargestCached = CachedSizes * Alignment;
    /// <summary>At most this many blocks are kept per size; the rest go back to the free list.</summary>
    private const int CachedPerSize = 2048;

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

    /// <param name="context">Passed to the functions unchanged.</param>
    /// <param name="grow">Extends the arena by exactly n bytes (a multiple of 16) and returns where the new bytes
    /// start: the old end, or on the first call a 16-byte aligned start. Null when the memory is not there.</param>
    /// <param name="map">Returns n zeroed, 16-byte aligned bytes anywhere, or null. Null itself: large blocks come from the arena too.</param>
    /// <param name="unmap">Gives back what map returned (the same address and size).</param>
    /// <param name="largeThreshold">Requests of this many bytes or more are mapped on their own.</param>
    /// <param name="growthStep">The arena grows by at least this much at a time (rounded to 16).</param>
    /// <param name="shrink">Gives back the arena's last n bytes, from the given address (its new end); false
    /// when it could not. Null: the arena never shrinks.</param>
    public HeapAllocator(void* context, delegate*<void*, nuint, byte*> grow, delegate*<void*, nuint, byte*> map,
        delegate*<void*, byte*, nuint, void> unmap, nuint largeThreshold, nuint growthStep,
        delegate*<void*, byte*, nuint, bool> shrink = null)
    {
        _context = context;
        _grow = grow;
        _shrink = shrink;
        _map = map;
        _unmap = unmap;
        _largeThreshold = largeThreshold;
        _growthStep = RoundUp(growthStep < MinimumBlock ? MinimumBlock : growthStep);
    }

    /// <summary>
    /// The counters. A kept block (<see cref="Keep"/>) stays counted in use inside, so that handing it
    /// out costs no counting; here it counts as free, as it is.
    /// </summary>
    public HeapStatistics Statistics
    {
        get
        {
            HeapStatistics statistics = _statistics;
            ulong keptBytes = KeptBytes(out ulong keptBlocks);
            statistics.AllocationCount += _keptTotal - _keptReleased - keptBlocks;   // the kept blocks taken
            statistics.BytesInUse -= keptBytes;
            statistics.BytesFree += keptBytes + keptBlocks * HeaderSize;
            if (statistics.BytesInUse > statistics.PeakBytesInUse)
                statistics.PeakBytesInUse = statistics.BytesInUse;
            return statistics;
        }
    }

    // Blocks ever kept, and given back to the free list unused (ReleaseCached): with those still kept,
    // they count the kept blocks taken, which the fast path does not count one by one.
    private ulong _keptTotal, _keptReleased;

    // The usable bytes of the kept blocks, and how many there are.
    private ulong KeptBytes(out ulong blocks)
    {
        ulong bytes = 0;
        blocks = 0;
        for (int index = 0; index < CachedSizes; index++)
        {
            blocks += (ulong)_cachedCount[index];
            bytes += (ulong)_cachedCount[index] * (ulong)((index + 1) * Alignment);
        }
        return bytes;
    }

    // Bytes in use, kept blocks not counted.
    private ulong InUse => _statistics.BytesInUse - KeptBytes(out _);

    // The count in use only grows between the places that lower it, which note the peak first.
    private void NotePeak()
    {
        ulong inUse = InUse;
        if (inUse > _statistics.PeakBytesInUse)
            _statistics.PeakBytesInUse = inUse;
    }

    /// <summary>Returns <paramref name="size"/> zeroed bytes, 16-byte aligned, or null when memory runs out.</summary>
    public void* Allocate(nuint size)
    {
        if ((ulong)size > MaximumRequest)
            return null;
        nuint usable = RoundUp(size == 0 ? 1 : size);
        byte* payload = _map != null && usable >= _largeThreshold ? AllocateLarge(usable) : AllocateSmall(usable);
        if (payload == null && ReleaseCached())   // the blocks kept for new objects go back first
            payload = _map != null && usable >= _largeThreshold ? AllocateLarge(usable) : AllocateSmall(usable);
        if (payload == null)
            return null;
        _statistics.AllocationCount++;
        _statistics.BytesInUse += UsableSize(payload);   // (the peak is noted before the count falls: NotePeak)
        return payload;
    }

    /// <summary>
    /// <paramref name="size"/> zeroed bytes for a managed object, or null: a block the collector frees
    /// once no root or reachable object refers to it (<see cref="BeginCollection"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void* AllocateObject(nuint size)
    {
        void* kept = TakeKept(size);   // (every caller writes the MethodTable into the first word)
        return kept != null ? kept : AllocateNewObject(size);
    }

    /// <summary>
    /// The fast path of <see cref="AllocateObject"/>: a block of exactly this size that a collection
    /// freed and kept, or null when there is none. It is zeroed but for its first word, which the
    /// caller overwrites with the object's MethodTable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void* TakeKept(nuint size)
    {
        nuint index = (size - 1) / Alignment;   // the usable size's: 1..16 bytes → 0 (0 → a huge index)
        if (index >= CachedSizes)
            return null;
        var block = (FreeBlock*)_cached[index];
        if (block == null)
            return null;
        byte* payload = (byte*)block + HeaderSize;
        _cached[index] = *(ulong*)payload;   // (the link: the word the MethodTable replaces)
        _cachedCount[index]--;
        block->Tag = InUseMagic ^ (ulong)block;
        block->SizeAndFlags |= ObjectFlag;
        return payload;   // (counted, its bytes and the allocation, from the kept lists: see Statistics)
    }

    private void* AllocateNewObject(nuint size)
    {
        byte* payload = (byte*)Allocate(size);   // (which gives the kept blocks back if it must)
        if (payload != null)
            Header(payload)->SizeAndFlags |= ObjectFlag;
        return payload;
    }

    // Gives every kept block back to the free list; false if there were none.
    private bool ReleaseCached()
    {
        NotePeak();
        bool any = false;
        for (int index = 0; index < CachedSizes; index++)
        {
            var block = (FreeBlock*)_cached[index];
            _cached[index] = 0;
            _keptReleased += (ulong)_cachedCount[index];
            _cachedCount[index] = 0;
            while (block != null)
            {
                var next = (FreeBlock*)*(ulong*)((byte*)block + HeaderSize);
                block->Tag = InUseMagic ^ (ulong)block;
                FreeSmall((byte*)block + HeaderSize);   // (counted in use while kept, free from here)
                block = next;
                any = true;
            }
        }
        return any;
    }

    /// <summary>Releases a block from <see cref="Allocate"/>; anything else is reported, and changes nothing.</summary>
    public FreeResult Free(void* pointer)
    {
        byte* payload = (byte*)pointer;
        if (payload == null)
            return FreeResult.Null;
        if (((nuint)payload & (Alignment - 1)) != 0)
            return FreeResult.InvalidPointer;
        bool inArena = InArena(payload);
        NotePeak();
        FreeResult result = inArena ? FreeSmall(payload) : FreeLarge(payload);
        if (result == FreeResult.Freed)
        {
            _statistics.FreeCount++;
            if (inArena)
                TrimArena();
        }
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
        if (block->Tag == (FreeMagic ^ (ulong)block) || block->Tag == (CachedMagic ^ (ulong)block))
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
        nuint size = (nuint)(large->Size & ~FlagMask);
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

    private static FreeBlock* Header(byte* payload) => (FreeBlock*)(payload - HeaderSize);

    // ---- Collection support: the collector (lib/libc/Gc) asks in terms of payloads. ----

    /// <summary>
    /// Starts a collection: lists every block (sorted, so that any address can be placed) in memory
    /// from the map function. False, and no collection, when that memory cannot be had.
    /// </summary>
    public bool BeginCollection()
    {
        if (_map == null)
            return false;
        int arenaBlocks = 0, largeBlocks = 0;
        for (FreeBlock* block = (FreeBlock*)_arenaStart; _arenaStart != null && (byte*)block < _arenaEnd - HeaderSize; block = NextOf(block))
            arenaBlocks++;
        for (LargeBlock* large = _largeList; large != null; large = large->Next)
            largeBlocks++;
        _blocksBytes = RoundUp((nuint)(arenaBlocks + largeBlocks + 1) * sizeof(ulong));
        _blocks = (ulong*)_map(_context, _blocksBytes);
        if (_blocks == null)
            return false;
        int count = 0;
        for (FreeBlock* block = (FreeBlock*)_arenaStart; _arenaStart != null && (byte*)block < _arenaEnd - HeaderSize; block = NextOf(block))
            _blocks[count++] = (ulong)block;
        _arenaBlockCount = count;
        for (LargeBlock* large = _largeList; large != null; large = large->Next)
        {
            // Insertion into address order: there are few large blocks.
            ulong header = (ulong)&large->Size;
            int at = count++;
            while (at > _arenaBlockCount && _blocks[at - 1] > header)
            {
                _blocks[at] = _blocks[at - 1];
                at--;
            }
            _blocks[at] = header;
        }
        _blockCount = count;
        return true;
    }

    /// <summary>The blocks <see cref="BeginCollection"/> listed (free ones included).</summary>
    public readonly int BlockCount => _blockCount;

    /// <summary>
    /// The payload of listed block <paramref name="index"/> and its usable bytes; null for a free one.
    /// <paramref name="isObject"/> says whether it is a managed object or an explicit allocation.
    /// </summary>
    public readonly byte* Block(int index, out nuint usable, out bool isObject)
    {
        var block = (FreeBlock*)_blocks[index];
        usable = 0;
        isObject = (block->SizeAndFlags & ObjectFlag) != 0;
        if (!IsLive(block))
            return null;
        byte* payload = (byte*)block + HeaderSize;
        usable = UsableSize(payload);
        return payload;
    }

    /// <summary>
    /// The payload of the managed object whose block holds <paramref name="address"/> (anywhere from
    /// its header to its end: an interior pointer keeps an object alive), or null: free blocks,
    /// explicit allocations and addresses outside the heap.
    /// </summary>
    public readonly byte* ObjectContaining(ulong address)
    {
        // The arena's blocks and the large ones are each in address order (not with each other).
        bool inArena = address >= (ulong)_arenaStart && address < (ulong)_arenaEnd;
        int low = inArena ? 0 : _arenaBlockCount, high = (inArena ? _arenaBlockCount : _blockCount) - 1, found = -1;
        while (low <= high)
        {
            int middle = (low + high) >> 1;
            if (_blocks[middle] <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (found < 0)
            return null;
        var block = (FreeBlock*)_blocks[found];
        if ((block->SizeAndFlags & ObjectFlag) == 0 || !IsLive(block))
            return null;
        ulong end = found < _arenaBlockCount ? (ulong)NextOf(block) : (ulong)block + SizeOf(block) - (LargeHeaderSize - HeaderSize);
        return address < end ? (byte*)block + HeaderSize : null;
    }

    /// <summary>Marks a live object's block reached; false if it already was.</summary>
    public static bool TryMark(byte* payload)
    {
        FreeBlock* block = Header(payload);
        if ((block->SizeAndFlags & MarkFlag) != 0)
            return false;
        block->SizeAndFlags |= MarkFlag;
        return true;
    }

    /// <summary>
    /// Ends a collection: frees every object block that was not marked, clears the marks, and gives
    /// back the block list. Returns the bytes freed.
    /// </summary>
    public ulong EndCollection()
    {
        NotePeak();
        ulong inUseBefore = InUse;
        // Large blocks first (the list is read before the arena's blocks change).
        for (int i = _arenaBlockCount; i < _blockCount; i++)
        {
            var block = (FreeBlock*)_blocks[i];
            if (Sweep(block) && FreeLarge((byte*)block + HeaderSize) == FreeResult.Freed)
                _statistics.FreeCount++;
        }
        // Arena blocks in address order. A freed block may join the free block before it (already
        // passed) and after it (still listed): the walk goes on from the block after the joined one.
        ulong next = 0;
        for (int i = 0; i < _arenaBlockCount; i++)
        {
            var block = (FreeBlock*)_blocks[i];
            if ((ulong)block < next)
                continue;   // inside a free block made by the last free
            if (!Sweep(block))
                continue;
            if (Keep(block))
                continue;
            FreeBlock* previous = (block->SizeAndFlags & PreviousFreeFlag) != 0 ? (FreeBlock*)((byte*)block - *((ulong*)block - 1)) : null;
            FreeSmall((byte*)block + HeaderSize);
            _statistics.FreeCount++;
            next = (ulong)NextOf(previous != null ? previous : block);
        }
        _unmap(_context, (byte*)_blocks, _blocksBytes);
        _blocks = null;
        _blockCount = _arenaBlockCount = 0;
        TrimArena();
        return inUseBefore - InUse;
    }

    /// <summary>
    /// Free bytes the arena keeps at its end when it gives the rest back (<see cref="TrimArena"/>):
    /// what the program is expected to need again soon (its owner sets it: the collector's interval).
    /// </summary>
    public nuint TrimKeep { readonly get => _trimKeep == 0 ? _growthStep * DefaultTrimKeptSteps : _trimKeep; set => _trimKeep = value; }

    /// <summary>
    /// Gives the free end of the arena back, all but <see cref="TrimKeep"/> bytes of it, once it is
    /// longer than that by <see cref="TrimThresholdSteps"/> growth steps, after a free or a collection:
    /// a heap that held much for a while and then let it go returns the memory, and one that comes and
    /// goes by less keeps it (no brk at every collection). Returns the bytes given back.
    /// </summary>
    public nuint TrimArena()
    {
        if (_shrink == null || _arenaStart == null || _arenaEnd == _shrinkRefusedAt)
            return 0;
        var marker = (FreeBlock*)(_arenaEnd - HeaderSize);
        if ((marker->SizeAndFlags & PreviousFreeFlag) == 0)
            return 0;   // the last block is in use
        var last = (FreeBlock*)((byte*)marker - *((ulong*)marker - 1));
        nuint size = SizeOf(last);
        nuint keep = RoundUp(TrimKeep < _growthStep ? _growthStep : TrimKeep);
        if (size < keep + _growthStep * TrimThresholdSteps)
            return 0;
        nuint release = size - keep;
        byte* newEnd = _arenaEnd - release;
        if (!_shrink(_context, newEnd, release))
        {
            _shrinkRefusedAt = _arenaEnd;   // not asked again before the arena changes
            return 0;
        }
        _arenaEnd = newEnd;
        var newMarker = (FreeBlock*)(_arenaEnd - HeaderSize);
        newMarker->SizeAndFlags = InUseFlag;
        newMarker->Tag = 0;
        MakeFree(last, size - release, last->SizeAndFlags & PreviousFreeFlag);   // (still on the free list)
        _statistics.BytesFromKernel -= release;
        _statistics.BytesFree -= release;
        return release;
    }

    /// <summary>The arena's free end is given back once it is this many growth steps longer than what it keeps...</summary>
    private const int TrimThresholdSteps = 12;
    /// <summary>...which is this many, unless the owner says (<see cref="TrimKeep"/>).</summary>
    private const int DefaultTrimKeptSteps = 4;
    private nuint _trimKeep;
    private byte* _shrinkRefusedAt;

    // A small unreached object block, kept whole (zeroed) for the next object of its size while
    // there is room; false when it is to be freed.
    private bool Keep(FreeBlock* block)
    {
        nuint usable = SizeOf(block) - HeaderSize;
        if (usable > LargestCached)
            return false;
        int index = (int)(usable / Alignment) - 1;
        if (_cachedCount[index] >= CachedPerSize)
            return false;
        byte* payload = (byte*)block + HeaderSize;
        Zero(payload, usable);
        block->SizeAndFlags &= ~ObjectFlag;
        block->Tag = CachedMagic ^ (ulong)block;
        *(ulong*)payload = _cached[index];
        _cached[index] = (ulong)block;
        _cachedCount[index]++;
        _statistics.FreeCount++;   // (its bytes count as free from here: see Statistics)
        _keptTotal++;
        return true;
    }

    /// <summary>Ends a collection that could not finish: every mark is cleared and nothing is freed.</summary>
    public void AbandonCollection()
    {
        for (int i = 0; i < _blockCount; i++)
            ((FreeBlock*)_blocks[i])->SizeAndFlags &= ~MarkFlag;
        _unmap(_context, (byte*)_blocks, _blocksBytes);
        _blocks = null;
        _blockCount = _arenaBlockCount = 0;
    }

    /// <summary>Memory outside the heap for a collector's own lists (zeroed), or null.</summary>
    public readonly byte* MapScratch(nuint bytes) => _map == null ? null : _map(_context, RoundUp(bytes));

    /// <summary>Gives back what <see cref="MapScratch"/> returned (the same address and size).</summary>
    public readonly void UnmapScratch(byte* memory, nuint bytes) => _unmap(_context, memory, RoundUp(bytes));

    // A live object block: true when it was not marked (to be freed); a marked one loses its mark.
    private static bool Sweep(FreeBlock* block)
    {
        if ((block->SizeAndFlags & ObjectFlag) == 0 || !IsLive(block))
            return false;
        if ((block->SizeAndFlags & MarkFlag) != 0)
        {
            block->SizeAndFlags &= ~MarkFlag;
            return false;
        }
        return true;
    }

    // An allocated block, small or large (a free block's tag says free; a large one's header carries no in-use flag).
    private static bool IsLive(FreeBlock* block) =>
        block->Tag == (LargeMagic ^ (ulong)block) || (block->Tag == (InUseMagic ^ (ulong)block) && (block->SizeAndFlags & InUseFlag) != 0);
}
