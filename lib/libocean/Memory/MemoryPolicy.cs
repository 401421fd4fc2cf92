namespace Ocean;

using System.Runtime.CompilerServices;
using Ocean.Abi;

/// <summary>
/// The memory server's rules for a process's memory: the break moves within 1 GiB past the program's
/// end; anonymous mappings go downward from the top of the mmap area and never into the break's
/// room; a process may have at most a limit of bytes mapped this way. Each request becomes one
/// space_change, made against the caller's copy of the process's layout words; when the kernel
/// answers ESTALE (an exec or a fork changed them, or the copy is new), the copy is refreshed from its
/// answer and the request decided again. The server (servers/mem) applies these rules for every
/// process; they live in this library because the server's own process places its own heap by them,
/// from its first allocation, before any of its code runs (<see cref="Memory"/>).
/// </summary>
public static unsafe class MemoryPolicy
{
    /// <summary>The break may move up to 1 GiB past the program's end.</summary>
    public const ulong MaxBreakGrowth = 1UL << 30;
    private const ulong PageSize = UserSpace.PageSize;
    // A change refused over and over as stale means another thread keeps changing the words: give up.
    private const int Attempts = 8;

    /// <summary>brk(address): the break in effect afterwards (the old one when the move is refused; 0 asks).</summary>
    public static long Brk(long authority, long pid, ref SpaceLayout layout, ulong address, ulong limit)
    {
        bool fresh = false;
        if (layout.BreakStart == 0 && Read(authority, pid, ref layout, ref fresh) < 0)
            return 0;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            SpaceChange change = Start(pid, layout);
            if (address == 0 || address < layout.BreakStart || address > layout.BreakStart + MaxBreakGrowth)
            {
                if (fresh)
                    return (long)layout.Break;
                change.Operation = SpaceOperation.Read;
            }
            else
            {
                ulong oldEnd = RoundUp(layout.Break), newEnd = RoundUp(address);
                change.Updated.Break = address;
                if (newEnd > oldEnd)
                {
                    if (layout.Charged + (newEnd - oldEnd) > limit)
                    {
                        if (fresh)
                            return (long)layout.Break;
                        change.Operation = SpaceOperation.Read;
                    }
                    else
                    {
                        change.Operation = SpaceOperation.Map;
                        change.Address = oldEnd;
                        change.Length = newEnd - oldEnd;
                        change.Protection = Protection.Read | Protection.Write;
                        change.Updated.Charged += newEnd - oldEnd;
                    }
                }
                else if (newEnd < oldEnd)
                {
                    change.Operation = SpaceOperation.Unmap;   // (the kernel takes the pages off the charges)
                    change.Address = newEnd;
                    change.Length = oldEnd - newEnd;
                }
                else
                    change.Operation = SpaceOperation.Set;
            }
            long result = Apply(authority, ref change, ref layout, ref fresh);
            if (result == -Errno.ESTALE || change.Operation == SpaceOperation.Read && result == 0)
                continue;
            return result < 0 ? (long)layout.Break : (long)address;
        }
        return (long)layout.Break;
    }

    /// <summary>mmap(length, protection): the address of zeroed anonymous memory, or a negative errno (EINVAL, ENOMEM).</summary>
    public static long Map(long authority, long pid, ref SpaceLayout layout, ulong length, ulong protection, ulong limit)
    {
        if (length == 0 || length > UserSpace.MmapTop || (protection & Protection.Write) != 0 && (protection & Protection.Execute) != 0)
            return -Errno.EINVAL;
        ulong size = RoundUp(length);
        bool fresh = false;
        if (layout.BreakStart == 0 && Read(authority, pid, ref layout, ref fresh) is long error && error < 0)
            return error;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            SpaceChange change = Start(pid, layout);
            // size > MmapNext would wrap MmapNext - size round into the kernel half.
            if (size > layout.MmapNext || layout.MmapNext - size < layout.Break + MaxBreakGrowth || layout.Charged + size > limit)
            {
                if (fresh)
                    return -Errno.ENOMEM;
                change.Operation = SpaceOperation.Read;
            }
            else
            {
                change.Operation = SpaceOperation.Map;
                change.Address = layout.MmapNext - size;
                change.Length = size;
                change.Protection = protection;
                change.Updated.MmapNext = change.Address;
                change.Updated.Charged += size;
            }
            long result = Apply(authority, ref change, ref layout, ref fresh);
            if (result == -Errno.ESTALE || change.Operation == SpaceOperation.Read && result == 0)
                continue;
            return result < 0 ? result : (long)change.Address;
        }
        return -Errno.EAGAIN;
    }

    /// <summary>munmap(address, length): 0 or a negative errno (EINVAL). Pages not mapped are skipped.</summary>
    public static long Unmap(long authority, long pid, ref SpaceLayout layout, ulong address, ulong length)
    {
        if (!IsRange(address, length))
            return -Errno.EINVAL;
        return ChangeRange(authority, pid, ref layout, SpaceOperation.Unmap, address, length, 0);
    }

    /// <summary>mprotect(address, length, protection): 0 or a negative errno (EINVAL, ENOMEM for a hole, EACCES for a grant or shared object).</summary>
    public static long Protect(long authority, long pid, ref SpaceLayout layout, ulong address, ulong length, ulong protection)
    {
        bool writableCode = (protection & Protection.Write) != 0 && (protection & Protection.Execute) != 0;
        if (length == 0 && (address & (PageSize - 1)) == 0 && address < UserSpace.End && !writableCode)
            return 0;   // nothing to change, as the kernel's mprotect had it
        if (!IsRange(address, length) || writableCode)
            return -Errno.EINVAL;
        return ChangeRange(authority, pid, ref layout, SpaceOperation.Protect, address, length, protection);
    }

    private static long ChangeRange(long authority, long pid, ref SpaceLayout layout, SpaceOperation operation, ulong address, ulong length, ulong protection)
    {
        bool fresh = false;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            SpaceChange change = Start(pid, layout);
            change.Operation = operation;
            change.Address = address;
            change.Length = length;
            change.Protection = protection;
            // An unmap's pages come off the charges by the kernel's count (SpaceLayout.Charged).
            long result = Apply(authority, ref change, ref layout, ref fresh);
            if (result != -Errno.ESTALE)
                return result;
        }
        return -Errno.EAGAIN;
    }

    // A copy never filled (every loaded program has a break) is read before anything is decided on it.
    private static long Read(long authority, long pid, ref SpaceLayout layout, ref bool fresh)
    {
        SpaceChange change = Start(pid, layout);
        change.Operation = SpaceOperation.Read;
        return Apply(authority, ref change, ref layout, ref fresh);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SpaceChange Start(long pid, in SpaceLayout layout) => new() { Pid = pid, Expected = layout, Updated = layout };

    // One space_change; afterwards layout is the kernel's current words (fresh) unless the call failed
    // otherwise. An unmap's result is the ordinary pages it removed, which the kernel took off the
    // charges: the copy follows, and the caller sees 0.
    private static long Apply(long authority, ref SpaceChange change, ref SpaceLayout layout, ref bool fresh)
    {
        long result = Syscall.SpaceChange(authority, (SpaceChange*)Unsafe.AsPointer(ref change));
        if (result >= 0)
        {
            layout = change.Operation == SpaceOperation.Read ? change.Expected : change.Updated;
            if (change.Operation == SpaceOperation.Unmap)
            {
                ulong bytes = (ulong)result * PageSize;
                layout.Charged -= bytes < layout.Charged ? bytes : layout.Charged;
                result = 0;
            }
        }
        else if (result == -Errno.ESTALE)
            layout = change.Expected;
        else
            return result;
        fresh = true;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRange(ulong address, ulong length) =>
        (address & (PageSize - 1)) == 0 && length != 0 && address < UserSpace.End && length <= UserSpace.End - address;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RoundUp(ulong value) => (value + PageSize - 1) & ~(PageSize - 1);
}
