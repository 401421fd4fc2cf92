namespace Ocean.Kernel.Proc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;

/// <summary>
/// Loads an ELF program into a fresh address space: every header field and segment bound checked,
/// PT_LOAD segments mapped with their own permissions (writable or executable, never both), the
/// rest of each segment (bss) zero, and the initial stack built below the stack top as on Unix:
/// argc, argv pointers, envp pointers, auxv, then the strings.
/// </summary>
public static unsafe class ProgramLoader
{
    private const ulong AuxNull = 0, AuxPageSize = 6, AuxEntry = 9;
    /// <summary>The most memory a program's segments may span: more is a malformed image, not a big program.</summary>
    private const ulong MaxSegmentBytes = 1UL << 30;

    /// <summary>Returns 0 or a negative errno; on success <paramref name="entry"/>, <paramref name="stackPointer"/> and the break are set.</summary>
    public static long Load(ref PageTable space, byte* image, ulong size, byte[][] argv, byte[][] envp,
        out ulong entry, out ulong stackPointer, out ulong breakStart, out string error, bool bootModule = false)
    {
        entry = stackPointer = breakStart = 0;
        ElfImage elf = ElfImage.Parse(image, size, UserLayout.LowestAddress, UserLayout.MmapTop);
        error = elf.Error;
        long result = error != null ? -Errno.ENOEXEC : CheckSize(elf, out error);
        if (result == 0)
            result = MapSegments(ref space, elf, image, size, bootModule, out entry, out breakStart);
        // No garbage collector: the parsed headers go back to the heap here.
        KernelHeap.Free(elf.Segments);
        KernelHeap.Free(elf);
        if (result != 0)
            return result;

        // The stack's pages come on first touch (UserStack): here, those the arguments fill.
        return BuildStack(ref space, argv, envp, entry, out stackPointer);
    }

    // Refused before mapping: a huge segment would take every free page first and only then fail.
    private static long CheckSize(ElfImage elf, out string error)
    {
        error = null;
        ulong pages = 0;
        for (int i = 0; i < elf.SegmentCount; i++)
        {
            ElfSegment segment = elf.Segments[i];
            if (segment.MemorySize > MaxSegmentBytes)
            {
                error = "segment larger than a program may be";
                return -Errno.ENOEXEC;
            }
            ulong start = segment.VirtualAddress & ~(UserLayout.PageSize - 1);
            pages += (segment.VirtualAddress + segment.MemorySize - start + UserLayout.PageSize - 1) / UserLayout.PageSize;
        }
        if (pages + UserLayout.StackPages + MemoryReserve.KernelPages > MemoryReserve.FreePages)
        {
            error = "not enough memory for its segments";
            return -Errno.ENOMEM;
        }
        return 0;
    }

    // A boot module's read-only pages are shared through ProgramPageCache: its bytes never change.
    private static long MapSegments(ref PageTable space, ElfImage elf, byte* image, ulong size, bool bootModule, out ulong entry, out ulong breakStart)
    {
        entry = breakStart = 0;

        for (int i = 0; i < elf.SegmentCount; i++)
        {
            ElfSegment segment = elf.Segments[i];
            ulong flags = PageTable.User | (segment.IsWritable ? PageTable.Writable : 0) | (segment.IsExecutable ? 0 : PageTable.NoExecute);
            ulong start = segment.VirtualAddress & ~(UserLayout.PageSize - 1);
            ulong end = segment.VirtualAddress + segment.MemorySize;
            bool shared = bootModule && !segment.IsWritable && (segment.FileOffset & (UserLayout.PageSize - 1)) == (segment.VirtualAddress & (UserLayout.PageSize - 1));
            for (ulong page = start; page < end; page += UserLayout.PageSize)
            {
                ulong* kept = shared ? ProgramPageCache.Slot(image, size, (segment.FileOffset + page - segment.VirtualAddress) / UserLayout.PageSize) : null;
                if (kept != null && *kept != 0 && PageReferences.TryAdd(*kept))
                {
                    if (!space.Map(page, *kept, flags))
                    {
                        PageReferences.Release(*kept);
                        return -Errno.ENOMEM;
                    }
                    continue;
                }
                // Not zeroed first: the part of the file that falls in this page is copied and only
                // the rest is zeroed (most of a program's pages are file all through).
                ulong physical = PageReferences.AllocateUserPageToOverwrite();
                if (physical == 0)
                    return -Errno.ENOMEM;
                byte* target = (byte*)PhysicalMemory.ToVirtual(physical);
                ulong fileStart = segment.VirtualAddress, fileEnd = segment.VirtualAddress + segment.FileSize;
                ulong from = page > fileStart ? page : fileStart;
                ulong to = page + UserLayout.PageSize < fileEnd ? page + UserLayout.PageSize : fileEnd;
                if (from < to)
                {
                    System.Buffer.Fill(target, 0, (nuint)(from - page));
                    System.Buffer.Memmove(target + (from - page), image + segment.FileOffset + (from - fileStart), (nuint)(to - from));
                    System.Buffer.Fill(target + (to - page), 0, (nuint)(page + UserLayout.PageSize - to));
                }
                else
                    System.Buffer.Fill(target, 0, (nuint)UserLayout.PageSize);
                if (!space.Map(page, physical, flags))
                {
                    PageReferences.Release(physical);
                    return -Errno.ENOMEM;
                }
                if (kept != null && *kept == 0 && PageReferences.TryAdd(physical))
                    *kept = physical;   // kept from now on, with a reference of its own
            }
            if (end > breakStart)
                breakStart = end;
        }
        breakStart = (breakStart + UserLayout.PageSize - 1) & ~(UserLayout.PageSize - 1);
        entry = elf.Entry;
        return 0;
    }

    private static long BuildStack(ref PageTable space, byte[][] argv, byte[][] envp, ulong entry, out ulong stackPointer)
    {
        var argvAddresses = new ulong[argv.Length];
        var envpAddresses = new ulong[envp.Length];
        long result = BuildStack(ref space, argv, envp, entry, argvAddresses, envpAddresses, out stackPointer);
        // Freed on every path: a failed exec (E2BIG) lost them for good.
        KernelHeap.Free(argvAddresses);
        KernelHeap.Free(envpAddresses);
        return result;
    }

    private static long BuildStack(ref PageTable space, byte[][] argv, byte[][] envp, ulong entry, ulong[] argvAddresses,
        ulong[] envpAddresses, out ulong stackPointer)
    {
        stackPointer = 0;
        // Strings at the very top, then the pointer block below them.
        ulong cursor = UserLayout.StackTop;
        long result = 0;
        for (int i = 0; i < argv.Length && result == 0; i++)
            result = PushString(ref space, ref cursor, argv[i], out argvAddresses[i]);
        for (int i = 0; i < envp.Length && result == 0; i++)
            result = PushString(ref space, ref cursor, envp[i], out envpAddresses[i]);
        if (result != 0)
            return result;

        const int AuxWords = 6;   // (AT_PAGESZ, value), (AT_ENTRY, value), (AT_NULL, 0)
        int words = 1 + argv.Length + 1 + envp.Length + 1 + AuxWords;
        ulong block = (cursor - (ulong)words * 8) & ~15UL;
        if (block < UserLayout.StackBottom + UserLayout.PageSize)
            return -Errno.E2BIG;
        ulong at = block;
        bool written = Write(ref space, ref at, (ulong)argv.Length);
        for (int i = 0; i < argv.Length; i++)
            written &= Write(ref space, ref at, argvAddresses[i]);
        written &= Write(ref space, ref at, 0);
        for (int i = 0; i < envp.Length; i++)
            written &= Write(ref space, ref at, envpAddresses[i]);
        written &= Write(ref space, ref at, 0);
        written &= Write(ref space, ref at, AuxPageSize);
        written &= Write(ref space, ref at, UserLayout.PageSize);
        written &= Write(ref space, ref at, AuxEntry);
        written &= Write(ref space, ref at, entry);
        written &= Write(ref space, ref at, AuxNull);
        written &= Write(ref space, ref at, 0);
        stackPointer = block;
        return written ? 0 : -Errno.ENOMEM;
    }

    private static long PushString(ref PageTable space, ref ulong cursor, byte[] text, out ulong address)
    {
        address = 0;
        ulong length = (ulong)text.Length + 1;
        if (cursor - length < UserLayout.StackBottom + 2 * UserLayout.PageSize)
            return -Errno.E2BIG;
        cursor -= length;
        address = cursor;
        byte end = 0;
        fixed (byte* bytes = text)
            return WriteBytes(ref space, cursor, bytes, (ulong)text.Length) && WriteBytes(ref space, cursor + (ulong)text.Length, &end, 1)
                ? 0 : -Errno.ENOMEM;
    }

    private static bool Write(ref PageTable space, ref ulong at, ulong value)
    {
        bool written = WriteBytes(ref space, at, (byte*)&value, sizeof(ulong));
        at += sizeof(ulong);
        return written;
    }

    // Copies through each page's HHDM alias (the space being built is not the running one), a page's
    // worth at a time; a stack page is mapped as it is first written. False if one could not be.
    private static bool WriteBytes(ref PageTable space, ulong address, byte* source, ulong length)
    {
        while (length > 0)
        {
            ulong page = address & ~(UserLayout.PageSize - 1);
            ulong entry;
            fixed (PageTable* s = &space)
                entry = UserStack.Entry(s, page);
            if ((entry & PageTable.Present) == 0)
                return false;
            ulong physical = PageTable.EntryAddress(entry);
            ulong chunk = page + UserLayout.PageSize - address < length ? page + UserLayout.PageSize - address : length;
            System.Buffer.Memmove((byte*)PhysicalMemory.ToVirtual(physical) + (address - page), source, (nuint)chunk);
            address += chunk;
            source += chunk;
            length -= chunk;
        }
        return true;
    }
}
