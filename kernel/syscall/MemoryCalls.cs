namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;

/// <summary>brk, mmap, munmap and mprotect: anonymous, zero-filled memory for the current process.</summary>
public static unsafe class MemoryCalls
{
    private const ulong PageSize = UserLayout.PageSize;
    /// <summary>The heap may grow up to 1 GiB past the program's end.</summary>
    private const ulong MaxBreakGrowth = 1UL << 30;

    private static ulong PageFlags(ulong protection) =>
        PageTable.User | ((protection & Protection.Write) != 0 ? PageTable.Writable : 0) |
        ((protection & Protection.Execute) != 0 ? 0 : PageTable.NoExecute);

    /// <summary>brk(address): moves the break (0 asks for the current one); returns the break in effect.</summary>
    public static long Brk(ulong address)
    {
        Process process = Processes.Current;
        if (address == 0 || address < process.BreakStart || address > process.BreakStart + MaxBreakGrowth)
            return (long)process.Break;
        ulong oldEnd = (process.Break + PageSize - 1) & ~(PageSize - 1);
        ulong newEnd = (address + PageSize - 1) & ~(PageSize - 1);
        if (newEnd > oldEnd && MapZeroed(oldEnd, newEnd, PageTable.User | PageTable.Writable | PageTable.NoExecute) != 0)
            return (long)process.Break;
        if (newEnd < oldEnd)
            UnmapRange(newEnd, oldEnd);
        process.Break = address;
        return (long)address;
    }

    /// <summary>mmap(hint, length, protection): zeroed anonymous pages; the hint is ignored.</summary>
    public static long Map(ulong hint, ulong length, ulong protection)
    {
        Process process = Processes.Current;
        if (length == 0 || length > UserLayout.MmapTop || (protection & Protection.Write) != 0 && (protection & Protection.Execute) != 0)
            return -Errno.EINVAL;
        ulong size = (length + PageSize - 1) & ~(PageSize - 1);
        // size > MmapNext would wrap MmapNext - size round into the kernel half.
        if (size > process.MmapNext || process.MmapNext - size < process.Break + MaxBreakGrowth)
            return -Errno.ENOMEM;
        ulong start = process.MmapNext - size;
        long error = MapZeroed(start, start + size, PageFlags(protection));
        if (error != 0)
            return error;
        process.MmapNext = start;
        return (long)start;
    }

    public static long Unmap(ulong address, ulong length)
    {
        if ((address & (PageSize - 1)) != 0 || length == 0 || address >= UserLayout.UserEnd || length > UserLayout.UserEnd - address)
            return -Errno.EINVAL;
        UnmapRange(address, address + ((length + PageSize - 1) & ~(PageSize - 1)));
        return 0;
    }

    public static long Protect(ulong address, ulong length, ulong protection)
    {
        if ((address & (PageSize - 1)) != 0 || address >= UserLayout.UserEnd || length > UserLayout.UserEnd - address ||
            (protection & Protection.Write) != 0 && (protection & Protection.Execute) != 0)
            return -Errno.EINVAL;
        PageTable* space = Processes.CurrentSpace;
        ulong end = address + ((length + PageSize - 1) & ~(PageSize - 1));
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
        Ocean.Kernel.Sched.BigKernelLock.UserMappingsChanged(Processes.Current);
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
        if (size > target.MmapNext || target.MmapNext - size < target.Break + MaxBreakGrowth)
            return -Errno.ENOMEM;
        ulong start = target.MmapNext - size;
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
        target.MmapNext = start;
        return (long)start;
    }

    // At most the page tables a mapping of size bytes can need: a leaf table per 2 MiB it touches,
    // and one table of each level above.
    private static ulong TablePagesFor(ulong size) => size / LeafTableSpan + 2 + 3;

    private const ulong LeafTableSpan = 2UL << 20;

    private static long MapZeroed(ulong start, ulong end, ulong flags)
    {
        PageTable* space = Processes.CurrentSpace;
        for (ulong page = start; page < end; page += PageSize)
        {
            if (!PageReferences.MapNewPage(space, page, flags))
            {
                UnmapRange(start, page);
                return -Errno.ENOMEM;
            }
        }
        return 0;
    }

    private static void UnmapRange(ulong start, ulong end) => UnmapRange(Processes.CurrentSpace, Processes.Current, start, end);

    private static void UnmapRange(PageTable* space, Process process, ulong start, ulong end)
    {
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
        }
    }
}
