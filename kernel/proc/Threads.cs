namespace Ocean.Kernel.Proc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Sched;

/// <summary>
/// The threads of a process: thread_create starts another thread in the caller's address space,
/// thread_exit ends one (the last one ends the process). When a process ends for any reason, every
/// thread is woken so that each leaves at its next return to user mode; the last to leave tears
/// the process down (see <see cref="Processes.ExitCurrent"/>).
/// </summary>
public static unsafe class Threads
{
    /// <summary>Live threads per process (each has a grant window of its own).</summary>
    public const int MaxPerProcess = 64;

    /// <summary>Adds <paramref name="thread"/> to <paramref name="process"/>; false when it has no free slot.</summary>
    public static bool Attach(Process process, Thread thread)
    {
        if (process.ThreadSlots == ulong.MaxValue)
            return false;
        int slot = 0;
        while ((process.ThreadSlots & (1UL << slot)) != 0)
            slot++;
        process.ThreadSlots |= 1UL << slot;
        thread.Slot = slot;
        thread.NextInProcess = process.Threads;
        process.Threads = thread;
        process.LiveThreads++;
        return true;
    }

    /// <summary>thread_create(entry, stack top, a0, a1): the new thread starts at entry with RDI = a0, RSI = a1.</summary>
    public static long Create(ulong entry, ulong stackTop, ulong argument0, ulong argument1)
    {
        if (entry < UserLayout.LowestAddress || entry >= UserLayout.UserEnd || stackTop <= UserLayout.LowestAddress ||
            stackTop > UserLayout.UserEnd || (stackTop & 15) != 0)
            return -Errno.EINVAL;
        Process process = Processes.Current;
        FreeDead(process);
        if (!MemoryReserve.NewTaskAllowed)
            return -Errno.ENOMEM;   // a kernel stack from the kernel's reserve could starve it
        Thread thread = Scheduler.NewThread(process, Scheduler.Current.Priority);
        if (thread == null)
            return -Errno.ENOMEM;
        if (!Attach(process, thread))
        {
            Free(thread);
            return -Errno.EAGAIN;
        }
        InterruptFrame* frame = UserThreadStart.Prepare(thread, null);
        UserThreadStart.SetEntry(frame, entry, stackTop);
        frame->Rdi = argument0;
        frame->Rsi = argument1;
        Scheduler.MakeReady(thread);
        return thread.Id;
    }

    /// <summary>Wakes every other thread of the ending process: each ends at its next return to user mode.</summary>
    public static void InterruptAll(Process process, Thread except)
    {
        for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            if (thread != except)
                Scheduler.Wake(thread);
    }

    /// <summary>A thread (not the process's last) has ended: its slot is free again.</summary>
    public static void Detach(Process process, Thread thread)
    {
        process.ThreadSlots &= ~(1UL << thread.Slot);
        process.LiveThreads--;
    }

    /// <summary>
    /// Frees threads that have ended, except the caller. Safe under the kernel lock: a thread that
    /// set itself Dead switched away before its CPU let the lock go.
    /// </summary>
    public static void FreeDead(Process process)
    {
        Thread current = Scheduler.Current;
        Thread previous = null;
        for (Thread thread = process.Threads; thread != null;)
        {
            Thread next = thread.NextInProcess;
            if (thread.State == ThreadState.Dead && thread != current)
            {
                if (previous == null)
                    process.Threads = next;
                else
                    previous.NextInProcess = next;
                process.EndedThreadTicks += thread.CpuTicks;
                Free(thread);
            }
            else
                previous = thread;
            thread = next;
        }
    }

    /// <summary>Frees every thread of a reaped process.</summary>
    public static void FreeAll(Process process)
    {
        while (process.Threads != null)
        {
            Thread thread = process.Threads;
            process.Threads = thread.NextInProcess;
            Free(thread);
        }
    }

    private static void Free(Thread thread)
    {
        KernelStacks.Free(thread.KernelStackTop);
        KernelHeap.Free(thread);
    }
}
