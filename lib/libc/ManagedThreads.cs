namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>
/// Threads started with a stack libc maps and remembers, so that the collector can read every
/// thread's stack while it has them stopped (<see cref="Heap.Collect"/>). A process whose threads all
/// come from here (or that has one thread) is collected; one with a thread started on a stack of its
/// own (<see cref="Threads.Create"/> directly) is not, since that stack's extent is unknown. A thread's
/// stack stays mapped after it ends (a thread cannot unmap the stack it is on); its record goes.
/// </summary>
public static unsafe class ManagedThreads
{
    /// <summary>The stack a thread gets unless asked otherwise.</summary>
    public const ulong DefaultStackBytes = 64 * 1024;
    /// <summary>As many as a process may have (the kernel's limit, the first thread included).</summary>
    public const int MaxThreads = 64;

    private struct Record
    {
        public long Id;        // 0: a free record
        public ulong Bottom, Top;
        public delegate* unmanaged<ulong, void> Entry;
        public ulong Argument;
    }

    private static readonly Record[] s_records = new Record[MaxThreads];
    private static SpinLock _lock;

    /// <summary>
    /// Starts <paramref name="entry"/>(<paramref name="argument"/>) on a new thread with a stack of
    /// <paramref name="stackBytes"/>; the thread ends when entry returns. Returns its id, or a negative
    /// errno (-EAGAIN at <see cref="MaxThreads"/>, -ENOMEM without memory for the stack).
    /// </summary>
    public static long Start(delegate* unmanaged<ulong, void> entry, ulong argument, ulong stackBytes = DefaultStackBytes)
    {
        if (entry == null || stackBytes == 0)
            return -Errno.EINVAL;
        stackBytes = (stackBytes + 4095) & ~4095UL;
        long mapped = Memory.Map(0, stackBytes, Protection.Read | Protection.Write);
        if (mapped < 0)
            return mapped;
        _lock.Acquire();
        int slot = 0;
        while (slot < MaxThreads && s_records[slot].Entry != null)
            slot++;
        if (slot == MaxThreads)
        {
            _lock.Release();
            Memory.Unmap((ulong)mapped, stackBytes);
            return -Errno.EAGAIN;
        }
        s_records[slot] = new Record { Bottom = (ulong)mapped, Top = (ulong)mapped + stackBytes, Entry = entry, Argument = argument };
        _lock.Release();
        long id = Threads.Create(&Run, (ulong)mapped + stackBytes, (ulong)slot);
        _lock.Acquire();
        if (id < 0)
            s_records[slot] = default;
        else if (s_records[slot].Id == 0)
            s_records[slot].Id = id;   // (unless the thread has already set it)
        _lock.Release();
        if (id < 0)
        {
            Memory.Unmap((ulong)mapped, stackBytes);
            return id;
        }
        return id;
    }

    // Every thread Start makes begins here: it records its own id (it may run before Start returns).
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static void Run(ulong argument)
    {
        int slot = (int)argument;
        long id = Threads.Self();
        _lock.Acquire();
        s_records[slot].Id = id;
        delegate* unmanaged<ulong, void> entry = s_records[slot].Entry;
        ulong entryArgument = s_records[slot].Argument;
        _lock.Release();
        entry(entryArgument);
        _lock.Acquire();
        s_records[slot] = default;
        _lock.Release();
    }

    /// <summary>A thread's id and the extent of its stack.</summary>
    internal struct Stack
    {
        public long Id;
        public ulong Bottom, Top;
    }

    /// <summary>
    /// Copies the known stacks into <paramref name="stacks"/> (room for <see cref="MaxThreads"/>) and
    /// returns how many: taken before the collector stops the threads, since one may be stopped holding
    /// this table's lock.
    /// </summary>
    internal static int Snapshot(Stack* stacks)
    {
        int count = 0;
        _lock.Acquire();
        for (int slot = 0; slot < MaxThreads; slot++)
            if (s_records[slot].Id != 0)
                stacks[count++] = new Stack { Id = s_records[slot].Id, Bottom = s_records[slot].Bottom, Top = s_records[slot].Top };
        _lock.Release();
        return count;
    }
}
