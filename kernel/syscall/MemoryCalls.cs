namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;

/// <summary>
/// The memory calls: space_change (the memory server's map, unmap and protect of a process's range),
/// space_share (its shared objects), memory_read and space_usage (its figures), free_pages and
/// kernel_heap_bytes (leak checks).
/// </summary>
public static unsafe class MemoryCalls
{
    private const ulong PageSize = UserLayout.PageSize;
    /// <summary>The heap may grow up to 1 GiB past the program's end.</summary>
    private const ulong MaxBreakGrowth = 1UL << 30;

    private static ulong PageFlags(ulong protection) =>
        PageTable.User | ((protection & Protection.Write) != 0 ? PageTable.Writable : 0) |
        ((protection & Protection.Execute) != 0 ? 0 : PageTable.NoExecute);

    /// <summary>
    /// space_change(slot, change): the memory server's map, unmap or protect of a process's range,
    /// applied only while the process's layout words are the ones the server expects, which then
    /// become its updated ones (see <see cref="SpaceChange"/>). Where memory goes, how far the break
    /// may move and how much a process may have are the server's to decide; the kernel checks only
    /// what keeps it whole: the range lies in the user half, pages are never mapped twice, shared and
    /// granted pages keep their protection, and the memory reserve holds.
    /// </summary>
    public static long Change(long slot, ulong changeAddress)
    {
        if (!Ocean.Kernel.Ipc.IpcCalls.Lookup(slot, ObjectKind.AddressSpaces, 0, out _, out long error))
            return error;
        SpaceChange change;
        if (UserMemory.CopyFrom(&change, changeAddress, (ulong)sizeof(SpaceChange)) != 0)
            return -Errno.EFAULT;
        Process target = change.Pid == (int)change.Pid ? Processes.Find((int)change.Pid) : null;
        if (target == null || target.State == ProcessState.Zombie || target.Exiting)
            return -Errno.ESRCH;
        if (change.Operation == SpaceOperation.Read || !Same(change.Expected, target.Layout))
        {
            change.Expected = target.Layout;
            if (UserMemory.CopyTo(changeAddress, &change, (ulong)sizeof(SpaceChange)) != 0)
                return -Errno.EFAULT;
            return change.Operation == SpaceOperation.Read ? 0 : -Errno.ESTALE;
        }
        if (change.Operation == SpaceOperation.Set)
        {
            target.Layout = change.Updated;
            return 0;
        }
        ulong address = change.Address, length = change.Length, protection = change.Protection;
        if ((address & (PageSize - 1)) != 0 || length == 0 || address >= UserLayout.UserEnd || length > UserLayout.UserEnd - address ||
            (protection & Protection.Write) != 0 && (protection & Protection.Execute) != 0)
            return -Errno.EINVAL;
        ulong end = address + ((length + PageSize - 1) & ~(PageSize - 1));
        PageTable* space = Processes.SpaceOf(target);
        if (change.Operation == SpaceOperation.Unmap)
        {
            // What an unmap takes off the charges is the kernel's count, not the server's: the ordinary
            // pages (not device or shared memory) it removed, so unmapping a hole cannot hide pages from
            // the limit. The count is the result, so the server's copy can follow.
            ulong removed = UnmapRange(space, target, address, end);
            ulong bytes = removed * PageSize, charged = target.Layout.Charged;
            target.Layout = change.Updated;
            target.Layout.Charged = charged - (bytes < charged ? bytes : charged);
            return (long)removed;
        }
        long result = change.Operation switch
        {
            SpaceOperation.Map => MapZeroed(space, target, address, end, PageFlags(protection)),
            SpaceOperation.Protect => Protect(space, target, address, end, protection),
            _ => -Errno.EINVAL,
        };
        if (result == 0)
            target.Layout = change.Updated;
        return result;
    }

    private static bool Same(in SpaceLayout a, in SpaceLayout b) =>
        a.BreakStart == b.BreakStart && a.Break == b.Break && a.MmapNext == b.MmapNext && a.Charged == b.Charged;

    private static long Protect(PageTable* space, Process process, ulong address, ulong end, ulong protection)
    {
        for (ulong page = address; page < end; page += PageSize)
        {
            ulong entry = UserStack.Entry(space, page);   // the stack region is all there, if only on first touch
            if ((entry & PageTable.Present) == 0)
                return -Errno.ENOMEM;
            if ((entry & PageTable.Granted) != 0)
                return -Errno.EACCES;   // a grant's protection is the lender's choice
            if ((entry & PageTable.Shared) != 0 && MoreThanMapped(entry, PageFlags(protection)))
                return -Errno.EACCES;   // a shared object's protection is the memory server's to give
        }
        for (ulong page = address; page < end; page += PageSize)
        {
            ulong entry = space->LeafEntry(page);
            // Device memory keeps its caching mode and its marker, shared memory its marker.
            ulong flags = PageFlags(protection) | (entry & (PageTable.Device | PageTable.Shared | PageTable.CacheDisable | PageTable.WriteThrough));
            if ((flags & PageTable.Writable) != 0 && MustCopyBeforeWrite(entry))
                flags = (flags & ~PageTable.Writable) | PageTable.CopyOnWrite;
            space->Protect(page, flags);
        }
        Ocean.Kernel.Sched.BigKernelLock.UserMappingsChanged(process);
        return 0;
    }

    // Whether flags would add write or execute permission to the mapping in entry.
    private static bool MoreThanMapped(ulong entry, ulong flags) =>
        (flags & PageTable.Writable) != 0 && (entry & PageTable.Writable) == 0 ||
        (flags & PageTable.NoExecute) == 0 && (entry & PageTable.NoExecute) != 0;

    /// <summary>
    /// Whether a page about to be made writable is shared with another address space (after fork,
    /// mprotect(PROT_READ) drops the copy-on-write mark, but the frame is still the other process's
    /// too) or already copy-on-write: it becomes copy-on-write, so the first write copies it. Only
    /// device memory and shared memory (the memory server's objects) are shared on purpose.
    /// </summary>
    private static bool MustCopyBeforeWrite(ulong entry) =>
        (entry & (PageTable.Device | PageTable.Shared)) == 0 &&
        ((entry & PageTable.CopyOnWrite) != 0 || (entry & PageTable.Writable) == 0 && PageReferences.Count(PageTable.EntryAddress(entry)) > 1);

    /// <summary>
    /// free_pages(): free physical pages (for leak checks). The slab heap's kept empty slabs go back
    /// first: which slab a process's objects share decides whether one is kept, so without the trim two
    /// readings around work that gave everything back could differ by a page.
    /// </summary>
    public static long FreePages()
    {
        KernelHeap.Trim();
        return (long)(PhysicalMemory.FreeBytes / PageSize);
    }

    /// <summary>kernel_heap_bytes(): kernel heap in use (for leak checks).</summary>
    public static long KernelHeapBytes() => (long)KernelHeap.BytesInUse;

    /// <summary>memory_read(slot, info): the totals free prints, for the holder of the <see cref="ObjectKind.AddressSpaces"/> capability.</summary>
    public static long Read(long slot, ulong infoAddress)
    {
        if (!Ocean.Kernel.Ipc.IpcCalls.Lookup(slot, ObjectKind.AddressSpaces, 0, out _, out long error))
            return error;
        MemoryInfo info = default;
        info.TotalBytes = MemoryReport.TotalBytes();
        info.FreeBytes = PhysicalMemory.FreeBytes;
        info.KernelBytes = KernelHeap.BytesInUse + PhysicalMemory.MetadataBytes + KernelAddressSpace.KernelImageBytes;
        info.UserBytes = PageReferences.UserPages * PageSize;
        return UserMemory.CopyTo(infoAddress, &info, (ulong)sizeof(MemoryInfo));
    }

    /// <summary>space_usage(slot, pid): the bytes a live process has mapped, for the holder of the <see cref="ObjectKind.AddressSpaces"/> capability.</summary>
    public static long Usage(long slot, long pid)
    {
        if (!Ocean.Kernel.Ipc.IpcCalls.Lookup(slot, ObjectKind.AddressSpaces, 0, out _, out long error))
            return error;
        Process process = pid == (int)pid ? Processes.Find((int)pid) : null;
        if (process == null || process.State == ProcessState.Zombie)
            return -Errno.ESRCH;
        return (long)(process.AddressSpace.CountUserPages() * PageSize);
    }

    /// <summary>
    /// space_share(slot, address, length, pid, protection): maps the caller's pages at
    /// [address, address + length) into process pid too, below its mmap area as mmap would place them,
    /// with the Shared mark in both spaces (fork shares such pages as they are, and they are never
    /// copied on write); returns the address in pid's space. For the holder of the
    /// <see cref="ObjectKind.AddressSpaces"/> capability: the memory server's shared-memory objects.
    /// </summary>
    public static long Share(long slot, ulong address, ulong length, long pid, ulong protection)
    {
        if (!Ocean.Kernel.Ipc.IpcCalls.Lookup(slot, ObjectKind.AddressSpaces, 0, out _, out long error))
            return error;
        if ((address & (PageSize - 1)) != 0 || length == 0 || address >= UserLayout.UserEnd || length > UserLayout.UserEnd - address ||
            (protection & Protection.Read) == 0 || (protection & Protection.Write) != 0 && (protection & Protection.Execute) != 0)
            return -Errno.EINVAL;   // (a mapping is always readable: no write-only or execute-only sharing)
        Process target = pid == (int)pid ? Processes.Find((int)pid) : null;
        if (target == null || target.State == ProcessState.Zombie || target.Exiting)
            return -Errno.ESRCH;
        ulong size = (length + PageSize - 1) & ~(PageSize - 1);
        PageTable* from = Processes.CurrentSpace;
        for (ulong page = address; page < address + size; page += PageSize)
        {
            ulong entry = from->LeafEntry(page);
            if ((entry & (PageTable.Present | PageTable.User)) != (PageTable.Present | PageTable.User) ||
                (entry & (PageTable.Device | PageTable.Granted | PageTable.CopyOnWrite)) != 0)
                return -Errno.EFAULT;   // only the caller's own ordinary pages
            if ((entry & PageTable.Shared) == 0 && PageReferences.Count(PageTable.EntryAddress(entry)) != 1)
                return -Errno.EFAULT;   // a page shared copy-on-write with another space (after a fork) is not the caller's alone
        }
        // The new tables come from the memory kept for user pages, as mmap's do: a caller that maps
        // one object over and over must run out of memory, not the kernel.
        if (MemoryReserve.FreePages < MemoryReserve.KernelPages + TablePagesFor(size))
            return -Errno.ENOMEM;
        if (size > target.Layout.MmapNext || target.Layout.MmapNext - size < target.Layout.Break + MaxBreakGrowth)
            return -Errno.ENOMEM;
        ulong start = target.Layout.MmapNext - size;
        PageTable* to = Processes.SpaceOf(target);
        ulong flags = PageFlags(protection) | PageTable.Shared;
        for (ulong offset = 0; offset < size; offset += PageSize)
        {
            ulong entry = from->LeafEntry(address + offset);
            ulong physical = PageTable.EntryAddress(entry);
            bool mapped = PageReferences.TryAdd(physical);   // false when the page's count of sharers is full
            if (mapped && !to->Map(start + offset, physical, flags))
            {
                PageReferences.Release(physical);
                mapped = false;
            }
            if (!mapped)
            {
                UnmapRange(to, target, start, start + offset);
                return -Errno.ENOMEM;
            }
            if ((entry & PageTable.Shared) == 0)
                from->Protect(address + offset, (entry & PageTable.FlagMask) | PageTable.Shared);
        }
        target.Layout.MmapNext = start;
        return (long)start;
    }

    // At most the page tables a mapping of size bytes can need: a leaf table per 2 MiB it touches,
    // and one table of each level above.
    private static ulong TablePagesFor(ulong size) => size / LeafTableSpan + 2 + 3;

    private const ulong LeafTableSpan = 2UL << 20;

    // Zeroed pages over [start, end), none mapped there before; on failure nothing of it stays.
    private static long MapZeroed(PageTable* space, Process process, ulong start, ulong end, ulong flags)
    {
        for (ulong page = start; page < end; page += PageSize)
        {
            if ((space->LeafEntry(page) & PageTable.Present) != 0)
            {
                UnmapRange(space, process, start, page);
                return -Errno.EEXIST;
            }
            if (!PageReferences.MapNewPage(space, page, flags))
            {
                UnmapRange(space, process, start, page);
                return -Errno.ENOMEM;
            }
        }
        return 0;
    }

    // Returns how many ordinary pages (neither device nor shared memory) it removed.
    private static ulong UnmapRange(PageTable* space, Process process, ulong start, ulong end)
    {
        ulong ordinary = 0;
        for (ulong page = start; page < end; page += PageSize)
        {
            ulong entry = space->LeafEntry(page);
            ulong physical = space->Unmap(page);
            if (physical == 0)
                continue;
            // Before the page can be reused, no other thread of this process may still reach it.
            Ocean.Kernel.Sched.BigKernelLock.UserMappingsChanged(process);
            if ((entry & PageTable.Device) == 0)
                PageReferences.Release(physical);
            if ((entry & (PageTable.Device | PageTable.Shared)) == 0)
                ordinary++;
        }
        return ordinary;
    }
}
