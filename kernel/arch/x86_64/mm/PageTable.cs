namespace Ocean.Kernel.Arch.X86_64.Mm;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Lib;

/// <summary>Page sizes the page-table API maps.</summary>
public enum PageSize : ulong
{
    Small = 4096,
    Large = 2 * 1024 * 1024,
}

/// <summary>
/// A 4-level x86-64 page table (one address space), edited through the HHDM: map, unmap, protect and
/// translate with 4 KiB and 2 MiB pages. Intermediate tables come from the physical allocator.
/// </summary>
public unsafe struct PageTable
{
    public const ulong Present = 1UL << 0;
    public const ulong Writable = 1UL << 1;
    public const ulong User = 1UL << 2;
    public const ulong WriteThrough = 1UL << 3;
    public const ulong CacheDisable = 1UL << 4;
    public const ulong Huge = 1UL << 7;
    public const ulong Global = 1UL << 8;
    /// <summary>Software bit: a read-only page shared by fork, to be copied on the first write.</summary>
    public const ulong CopyOnWrite = 1UL << 9;
    /// <summary>Software bit: device memory (not RAM, no page reference counts).</summary>
    public const ulong Device = 1UL << 10;
    /// <summary>Software bit: a page lent by an IPC grant; its protection cannot be changed.</summary>
    public const ulong Granted = 1UL << 11;
    /// <summary>Software bit 52: a shared-memory page, mapped writable in each space that maps it: fork shares it as it is, and it is never copied on write.</summary>
    public const ulong Shared = 1UL << 52;
    public const ulong NoExecute = 1UL << 63;
    /// <summary>The permission and caching bits a caller may ask for.</summary>
    public const ulong FlagMask = Writable | User | WriteThrough | CacheDisable | Global | CopyOnWrite | Device | Granted | Shared | NoExecute;
    /// <summary>Top-level slots 0..255 are the user half; 256..511 the kernel's, shared by every address space.</summary>
    public const int UserSlots = 256;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
    private const int EntriesPerTable = 512;

    // Bits 53..60 of an entry that points at a table, which the CPU ignores there, say which eighths
    // of that table (64 entries each) may hold present entries: Walk sets an eighth's bit before an
    // entry in it can be made present, and nothing clears one but the table's end. A set bit may cover
    // an eighth that has emptied since (a scan too many); a clear bit never covers a present entry. So
    // the walks over a process's sparse tables (fork's copy, teardown, munmap's empty check) skip the
    // eighths whose bit is clear without reading them. Kept in the user half only.
    private const int EighthShift = 53;
    private const int EntriesPerEighth = EntriesPerTable / 8;
    private static ulong EighthBit(int index) => 1UL << (EighthShift + index / EntriesPerEighth);
    private static uint Eighths(ulong tableEntry) => (uint)(tableEntry >> EighthShift) & AllEighths;
    private const uint AllEighths = 0xFF;

    private static ulong _hhdm;
    private static delegate*<ulong> _allocateTable;
    private static delegate*<ulong, void> _freeTable;
    private static delegate*<ulong, void> _freePage;

    /// <summary>Physical address of the top-level table (what CR3 holds).</summary>
    public ulong Root;
    // The 2 MiB region of the user half whose page table is kept though empty (0: none): a page mapped
    // and unmapped over and over in a region of its own (an mmap, a write, a munmap) would otherwise
    // allocate, zero and free a table each time. At most one such table per address space; it goes
    // with the address space (DestroyUserHalf).
    private ulong _spareRegion;
    private const ulong SpareMark = 1;   // set in _spareRegion with a region (region 0 included); 0 is none

    /// <summary>
    /// Sets how tables are reached (<paramref name="hhdm"/>), where new ones come from (a function
    /// returning the physical address of a zeroed page, or 0), where emptied ones go (a function given
    /// a page that is all zeroes again: every table but a root is emptied before it is freed) and where
    /// a root goes (<paramref name="freePage"/>: its kernel half is not emptied).
    /// </summary>
    public static void Configure(ulong hhdm, delegate*<ulong> allocateTable, delegate*<ulong, void> freeZeroedTable, delegate*<ulong, void> freePage)
    {
        _hhdm = hhdm;
        _allocateTable = allocateTable;
        _freeTable = freeZeroedTable;
        _freePage = freePage;
        _keptRoots = default;
        _userSpacesMade = false;
    }

    public static bool TryCreate(out PageTable table)
    {
        table = default;
        table.Root = _allocateTable();
        return table.Root != 0;
    }

    private static ulong* Table(ulong physical) => (ulong*)(physical + _hhdm);

    private static int Index(ulong virtualAddress, int level) => (int)((virtualAddress >> (39 - 9 * level)) & (EntriesPerTable - 1));

    /// <summary>
    /// The entry for <paramref name="virtualAddress"/> at <paramref name="depth"/> (2 = PD entry, 3 = PT
    /// entry), creating missing tables when <paramref name="create"/>; null if absent or under a large page.
    /// With <paramref name="tableEntry"/>, also the entry that points at the returned entry's table.
    /// </summary>
    private ulong* Walk(ulong virtualAddress, int depth, bool create, ulong userBit, ulong** tableEntry = null)
    {
        bool summarise = create && virtualAddress < UserHalfEnd;
        ulong* table = Table(Root);
        ulong* parent = null;   // the entry that points at `table` (none for the root)
        for (int level = 0; level < depth; level++)
        {
            int index = Index(virtualAddress, level);
            ulong* entry = &table[index];
            if ((*entry & Present) == 0)
            {
                if (!create)
                    return null;
                if (level == 0 && virtualAddress >= KernelHalf && _userSpacesMade)
                    Panic.Halt("a kernel-half top-level entry was added after the first user address space copied them");
                ulong fresh = _allocateTable();
                if (fresh == 0)
                    return null;
                *entry = fresh | Present | Writable | userBit;
            }
            else if ((*entry & Huge) != 0)
                return null;
            else
                *entry |= userBit;   // a user mapping needs the user bit on every level
            if (summarise && parent != null)
                *parent |= EighthBit(index);
            parent = entry;
            table = Table(*entry & AddressMask);
        }
        int last = Index(virtualAddress, depth);
        if (summarise && parent != null)
            *parent |= EighthBit(last);   // the caller may make this entry present
        if (tableEntry != null)
            *tableEntry = parent;
        return &table[last];
    }

    /// <summary>Maps one page; false if it is misaligned, already mapped, or a table could not be allocated.</summary>
    public bool Map(ulong virtualAddress, ulong physicalAddress, ulong flags, PageSize size = PageSize.Small)
    {
        ulong mask = (ulong)size - 1;
        if ((virtualAddress & mask) != 0 || (physicalAddress & mask) != 0)
            return false;
        // Above the user half (top-level slots 256..511) the tables are the kernel's, shared by every
        // address space: a user page there would give the user bit to all of them (and never be freed).
        if ((flags & User) != 0 && virtualAddress >= UserHalfEnd)
            return false;
        ulong* entry = Walk(virtualAddress, size == PageSize.Large ? 2 : 3, true, flags & User);
        if (entry == null || (*entry & Present) != 0)
            return false;
        *entry = physicalAddress | (flags & FlagMask) | Present | (size == PageSize.Large ? Huge : 0);
        return true;
    }

    /// <summary>
    /// Maps <paramref name="length"/> bytes from <paramref name="virtualStart"/> to physical memory from
    /// <paramref name="physicalStart"/> in 2 MiB pages, none of them mapped yet: one walk per page
    /// directory, then its entries in a row (the HHDM over all memory at boot). False as <see cref="Map"/>.
    /// </summary>
    public bool MapLargeRange(ulong virtualStart, ulong physicalStart, ulong length, ulong flags)
    {
        const ulong Large = (ulong)PageSize.Large;
        if (((virtualStart | physicalStart | length) & (Large - 1)) != 0 || (flags & User) != 0)
            return false;
        for (ulong done = 0; done < length;)
        {
            ulong* entry = Walk(virtualStart + done, 2, true, 0);
            if (entry == null)
                return false;
            for (int index = Index(virtualStart + done, 2); index < EntriesPerTable && done < length; index++, entry++, done += Large)
            {
                if ((*entry & Present) != 0)
                    return false;
                *entry = (physicalStart + done) | (flags & FlagMask) | Present | Huge;
            }
        }
        return true;
    }

    /// <summary>Adds <paramref name="flags"/> to the leaf entry mapping <paramref name="virtualAddress"/> (false if none).</summary>
    public bool AddFlags(ulong virtualAddress, ulong flags)
    {
        ulong* entry = Leaf(virtualAddress, out _);
        if (entry == null)
            return false;
        *entry |= flags & FlagMask;
        return true;
    }

    /// <summary>Finds the leaf entry (4 KiB or 2 MiB) that maps <paramref name="virtualAddress"/>.</summary>
    private ulong* Leaf(ulong virtualAddress, out PageSize size)
    {
        size = PageSize.Small;
        ulong* table = Table(Root);
        for (int level = 0; level < 4; level++)
        {
            ulong* entry = &table[Index(virtualAddress, level)];
            if ((*entry & Present) == 0)
                return null;
            if (level == 3)
                return entry;
            if ((*entry & Huge) != 0)
            {
                if (level != 2)
                    return null;   // 1 GiB pages are not used by Ocean
                size = PageSize.Large;
                return entry;
            }
            table = Table(*entry & AddressMask);
        }
        return null;
    }

    /// <summary>
    /// Removes the mapping containing <paramref name="virtualAddress"/> and returns the physical page
    /// it mapped (0 if none). Page tables and page directories left empty are freed; page-directory
    /// pointer tables are kept, since top-level entries may be shared between address spaces. With
    /// <paramref name="keepTables"/> every table stays (for a range that is mapped again and again).
    /// </summary>
    public ulong Unmap(ulong virtualAddress, bool keepTables = false)
    {
        ulong* entry = Leaf(virtualAddress, out PageSize size);
        if (entry == null)
            return 0;
        ulong physical = *entry & AddressMask & ~((ulong)size - 1);
        *entry = 0;
        Flush(virtualAddress & ~((ulong)size - 1));
        if (keepTables)
            return physical;
        if (size == PageSize.Small && virtualAddress < UserHalfEnd)   // (the kernel's tables are shared: nothing kept there)
        {
            ulong region = (virtualAddress & ~((ulong)PageSize.Large - 1)) | SpareMark;
            if (region == _spareRegion)
                return physical;   // kept, empty or not
            ulong* leaf = Walk(virtualAddress, 2, false, 0);
            if (leaf == null || (*leaf & Present) == 0 || !IsEmpty(Table(*leaf & AddressMask), (int)((virtualAddress >> 12) & (EntriesPerTable - 1)), Eighths(*leaf)))
                return physical;
            // This table is the spare now; the one kept before goes, if it is still empty.
            ulong previous = _spareRegion;
            _spareRegion = region;
            if (previous != 0)
                FreeEmptyTables(previous & ~SpareMark, 3);
            return physical;
        }
        FreeEmptyTables(virtualAddress, size == PageSize.Small ? 3 : 2);
        return physical;
    }

    // Frees the tables on the way to virtualAddress that are empty, from the given level (3: the page
    // table, 2: the page directory) up to the page directory.
    private void FreeEmptyTables(ulong virtualAddress, int fromLevel)
    {
        for (int level = fromLevel; level >= 2; level--)
        {
            ulong* parent = Walk(virtualAddress, level - 1, false, 0);
            if (parent == null || (*parent & Present) == 0 || (*parent & Huge) != 0)
                break;
            ulong tablePhysical = *parent & AddressMask;
            // The entry just cleared in this table: mappings cluster, so a neighbour of it is the likeliest to remain.
            int cleared = (int)((virtualAddress >> (12 + 9 * (3 - level))) & (EntriesPerTable - 1));
            if (!IsEmpty(Table(tablePhysical), cleared, virtualAddress < UserHalfEnd ? Eighths(*parent) : AllEighths))
                break;
            *parent = 0;
            _freeTable(tablePhysical);
        }
    }

    // Whether every entry is zero. Only the eighths `eighths` names are read (all eight in the kernel
    // half), eight entries at a time, from the eighth holding entry `from` round to the one before it:
    // mappings cluster, so a neighbour of the entry just cleared is the likeliest to remain.
    private static bool IsEmpty(ulong* table, int from, uint eighths)
    {
        for (int turn = 0, eighth = from / EntriesPerEighth; turn < 8; turn++, eighth = (eighth + 1) & 7)
        {
            if ((eighths & (1u << eighth)) == 0)
                continue;
            ulong* end = table + (eighth + 1) * EntriesPerEighth;
            for (ulong* group = table + eighth * EntriesPerEighth; group < end; group += 8)
                if ((group[0] | group[1] | group[2] | group[3] | group[4] | group[5] | group[6] | group[7]) != 0)
                    return false;
        }
        return true;
    }

    /// <summary>Replaces the permission bits of an existing mapping.</summary>
    public bool Protect(ulong virtualAddress, ulong flags)
    {
        ulong* entry = Leaf(virtualAddress, out PageSize size);
        if (entry == null)
            return false;
        *entry = (*entry & ~FlagMask) | (flags & FlagMask);
        Flush(virtualAddress & ~((ulong)size - 1));
        return true;
    }

    /// <summary>The physical address and flags behind <paramref name="virtualAddress"/>, if mapped.</summary>
    public bool Translate(ulong virtualAddress, out ulong physicalAddress, out ulong flags, out PageSize size)
    {
        physicalAddress = 0;
        flags = 0;
        ulong* entry = Leaf(virtualAddress, out size);
        if (entry == null)
            return false;
        ulong offsetMask = (ulong)size - 1;
        physicalAddress = (*entry & AddressMask & ~offsetMask) + (virtualAddress & offsetMask);
        flags = *entry & FlagMask;
        return true;
    }

    // Top-level tables of ended address spaces, kept for the next: their user half is empty (the
    // teardown cleared it) and their kernel half is every space's, so a new space needs neither a
    // zeroed page nor the copy of 256 entries. The kernel half's top level never changes once the
    // first user space has copied it (Walk stops the machine otherwise), so a kept copy stays true.
    // Address spaces are made and ended under the kernel lock held exclusively, which guards these.
    private const int KeptRootsCapacity = 8;

    private struct KeptRoots
    {
        public fixed ulong Roots[KeptRootsCapacity];
        public int Count;
    }

    private static KeptRoots _keptRoots;
    private static bool _userSpacesMade;

    /// <summary>Pages kept as top-level tables for the next user spaces: free memory, counted as such.</summary>
    public static int KeptRootPages => _keptRoots.Count;

    /// <summary>A new address space sharing this one's kernel half (top-level slots 256..511).</summary>
    public bool TryCreateUserSpace(out PageTable space)
    {
        space = default;
        _userSpacesMade = true;
        if (_keptRoots.Count > 0)
        {
            space.Root = _keptRoots.Roots[--_keptRoots.Count];
            return true;
        }
        if (!TryCreate(out space))
            return false;
        ulong* from = Table(Root), to = Table(space.Root);
        for (int i = UserSlots; i < EntriesPerTable; i++)
            to[i] = from[i];
        return true;
    }

    /// <summary>
    /// fork: maps every user page of this space into <paramref name="child"/> as well. Writable pages
    /// become read-only copy-on-write in both; every page gains a reference.
    /// </summary>
    public bool CloneUserHalf(ref PageTable child)
    {
        fixed (PageTable* target = &child)
        {
            var clone = new CloneTarget { Child = target };
            return WalkUserLeaves(&ShareCopyOnWrite, &clone, freeTables: false);
        }
    }

    // The child's side of a clone: its page table for the 2 MiB the walk is in, looked up once per
    // table rather than walked from the root for every page.
    private struct CloneTarget
    {
        public PageTable* Child;
        public ulong Region;
        public ulong* Entries;
        public ulong* TableEntry;   // the child's page-directory entry for that table (its eighths)
    }

    private static bool ShareCopyOnWrite(PageTable* parent, ulong virtualAddress, ulong* entry, void* context)
    {
        if ((*entry & Granted) != 0)   // a grant was lent to the thread serving the call, not to a child
            return true;
        var clone = (CloneTarget*)context;
        ulong region = virtualAddress & ~((ulong)PageSize.Large - 1);
        int index = Index(virtualAddress, 3);
        if (clone->Entries == null || clone->Region != region)
        {
            ulong* first = clone->Child->Walk(virtualAddress, 3, true, User, &clone->TableEntry);
            if (first == null)
                return false;
            clone->Entries = first - index;
            clone->Region = region;
        }
        ulong* target = clone->Entries + index;
        if ((*target & Present) != 0)
            return false;
        *clone->TableEntry |= EighthBit(index);   // the entry is written here, not through Walk
        if ((*entry & Device) != 0)    // device registers are shared as they are, never copied
        {
            *target = (*entry & (AddressMask | FlagMask)) | Present;
            return true;
        }
        ulong physical = *entry & AddressMask;
        if (!Ocean.Kernel.Mm.PageReferences.TryAdd(physical))
            return false;   // the page's count of sharers is full: the fork fails
        if ((*entry & (Writable | Shared)) == Writable)   // shared memory stays shared, never copied
        {
            *entry = (*entry & ~Writable) | CopyOnWrite;
            parent->Flush(virtualAddress);
        }
        *target = physical | (*entry & FlagMask) | Present;
        return true;
    }

    /// <summary>Drops every user mapping (releasing a reference to each page) and frees the user-half tables.</summary>
    public void DestroyUserHalf() => WalkUserLeaves(&ReleaseLeaf, null, freeTables: true);

    private static bool ReleaseLeaf(PageTable* space, ulong virtualAddress, ulong* entry, void* unused)
    {
        if ((*entry & Device) == 0)
            Ocean.Kernel.Mm.PageReferences.Release(*entry & AddressMask);
        return true;
    }

    /// <summary>How many 4 KiB pages the user half maps, device memory left out (shared pages count in each space).</summary>
    public ulong CountUserPages()
    {
        ulong count = 0;
        WalkUserLeaves(&CountLeaf, &count, freeTables: false);
        return count;
    }

    private static bool CountLeaf(PageTable* space, ulong virtualAddress, ulong* entry, void* count)
    {
        if ((*entry & Device) == 0)
            (*(ulong*)count)++;
        return true;
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(this, address, entry, context) for every present 4 KiB mapping in
    /// the user half (stopping with false when it returns false); with <paramref name="freeTables"/> it
    /// clears each entry once visited and frees each table so emptied (all zeroes again: an entry that
    /// is not present is zero), and empties the top-level slots.
    /// </summary>
    private bool WalkUserLeaves(delegate*<PageTable*, ulong, ulong*, void*, bool> visit, void* context, bool freeTables)
    {
        fixed (PageTable* self = &this)
        {
            ulong* pml4 = Table(Root);
            for (int i4 = NextPresent(pml4, 0, UserSlots); i4 < UserSlots; i4 = NextPresent(pml4, i4 + 1, UserSlots))
            {
                ulong* pdpt = Table(pml4[i4] & AddressMask);
                uint pdptEighths = Eighths(pml4[i4]);
                for (int i3 = NextPresentIn(pdpt, 0, pdptEighths); i3 < EntriesPerTable; i3 = NextPresentIn(pdpt, i3 + 1, pdptEighths))
                {
                    ulong* pd = Table(pdpt[i3] & AddressMask);
                    uint pdEighths = Eighths(pdpt[i3]);
                    for (int i2 = NextPresentIn(pd, 0, pdEighths); i2 < EntriesPerTable; i2 = NextPresentIn(pd, i2 + 1, pdEighths))
                    {
                        ulong* pt = Table(pd[i2] & AddressMask);
                        uint ptEighths = Eighths(pd[i2]);
                        ulong tableAddress = ((ulong)i4 << 39) | ((ulong)i3 << 30) | ((ulong)i2 << 21);
                        if (!VisitLeaves(self, pt, ptEighths, tableAddress, visit, context, freeTables))
                            return false;
                        if (freeTables)
                        {
                            _freeTable(pd[i2] & AddressMask);
                            pd[i2] = 0;
                        }
                    }
                    if (freeTables)
                    {
                        _freeTable(pdpt[i3] & AddressMask);
                        pdpt[i3] = 0;
                    }
                }
                if (freeTables)
                {
                    _freeTable(pml4[i4] & AddressMask);
                    pml4[i4] = 0;
                }
            }
        }
        return true;
    }

    // The leaves of one page table, in one pass over the eighths its entry names: eight entries are
    // judged at once by their Present bits OR-ed together, and only a group with one present is read
    // entry by entry. (Finding each leaf with NextPresentIn cost a call and a rescan per page: most of a
    // fork's and a teardown's walk.)
    private static bool VisitLeaves(PageTable* self, ulong* pt, uint eighths, ulong tableAddress,
        delegate*<PageTable*, ulong, ulong*, void*, bool> visit, void* context, bool clear)
    {
        for (int eighth = 0; eighths != 0; eighth++, eighths >>= 1)
        {
            if ((eighths & 1) == 0)
                continue;
            for (uint first = (uint)eighth * EntriesPerEighth, group = first; group < first + EntriesPerEighth; group += 8)
            {
                ulong* g = pt + group;
                if (((g[0] | g[1] | g[2] | g[3] | g[4] | g[5] | g[6] | g[7]) & Present) == 0)
                    continue;
                for (uint i = group; i < group + 8; i++)
                {
                    if ((pt[i] & Present) == 0)
                        continue;
                    if (!visit(self, tableAddress | ((ulong)i << 12), pt + i, context))
                        return false;
                    if (clear)
                        pt[i] = 0;
                }
            }
        }
        return true;
    }

    // The index of the first present entry at or after `from` in a table of the user half, or 512: only
    // the eighths its entry's bits name are read.
    private static int NextPresentIn(ulong* table, int from, uint eighths)
    {
        for (int eighth = from / EntriesPerEighth; eighth < 8; eighth++)
        {
            if ((eighths & (1u << eighth)) == 0)
                continue;
            int end = (eighth + 1) * EntriesPerEighth;
            int found = NextPresent(table, from > eighth * EntriesPerEighth ? from : eighth * EntriesPerEighth, end);
            if (found < end)
                return found;
        }
        return EntriesPerTable;
    }

    // The index of the first present entry in [from, end), or end. Most of a user table is empty, so
    // eight entries are judged at once by their Present bits OR-ed together (end is a multiple of 8).
    private static int NextPresent(ulong* table, int from, int end)
    {
        int i = from;
        for (; (i & 7) != 0 && i < end; i++)
            if ((table[i] & Present) != 0)
                return i;
        for (; i < end; i += 8)
        {
            ulong* group = table + i;
            if (((group[0] | group[1] | group[2] | group[3] | group[4] | group[5] | group[6] | group[7]) & Present) != 0)
                break;
        }
        for (; i < end; i++)
            if ((table[i] & Present) != 0)
                return i;
        return end;
    }

    /// <summary>Frees the top-level table itself (after <see cref="DestroyUserHalf"/>).</summary>
    public void FreeRoot()
    {
        _freePage(Root);
        Root = 0;
    }

    /// <summary>
    /// Ends a space <see cref="TryCreateUserSpace"/> made: its user half goes, and its root is kept
    /// for the next user space while there is room (else freed).
    /// </summary>
    public void DestroyUserSpace()
    {
        DestroyUserHalf();
        if (_keptRoots.Count < KeptRootsCapacity)
        {
            _keptRoots.Roots[_keptRoots.Count++] = Root;
            Root = 0;
        }
        else
            FreeRoot();
    }

    /// <summary>The raw leaf entry for a 4 KiB user page, or 0.</summary>
    public ulong LeafEntry(ulong virtualAddress)
    {
        ulong* entry = Leaf(virtualAddress, out PageSize size);
        return entry == null || size != PageSize.Small ? 0 : *entry;
    }

    /// <summary>Points an existing 4 KiB mapping at another page with new flags.</summary>
    public bool Remap(ulong virtualAddress, ulong physicalAddress, ulong flags)
    {
        ulong* entry = Leaf(virtualAddress, out PageSize size);
        if (entry == null || size != PageSize.Small)
            return false;
        *entry = physicalAddress | (flags & FlagMask) | Present;
        Flush(virtualAddress);
        return true;
    }

    public static ulong EntryAddress(ulong entry) => entry & AddressMask;

    /// <summary>Makes this the running address space.</summary>
    public void Activate() => Cpu.WriteCr3(Root);

    private const ulong KernelHalf = 0xFFFF_8000_0000_0000;
    private const ulong UserHalfEnd = (ulong)UserSlots << 39;

    // The kernel half is the same in every address space, so its entries are always flushed; a user
    // entry only matters when this space is the running one (a CR3 load flushes the rest).
    /// <summary>Told when a kernel-half mapping changes, so other CPUs can be made to flush it.</summary>
    public static delegate*<void> KernelMappingChanged;

    private void Flush(ulong virtualAddress)
    {
        if (virtualAddress >= KernelHalf || (Cpu.ReadCr3() & AddressMask) == Root)
            Cpu.InvalidatePage(virtualAddress);
        if (virtualAddress >= KernelHalf && KernelMappingChanged != null)
            KernelMappingChanged();
    }
}
