namespace Ocean.Kernel.Proc;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Sched;
using Ocean.Kernel.Syscall;

/// <summary>
/// A write to a copy-on-write page, or the first touch of a stack page (<see cref="UserStack"/>),
/// handled under the kernel lock's shared mode, so that processes (and threads) on different CPUs
/// break their pages at once (a fork and then writes: the shell's children, a pipeline's stages).
/// Whatever else changes page tables, adds page references or starts a thread holds the lock
/// exclusively; threads of one process faulting at once take turns on its
/// <see cref="Process.PageTableLock"/>, and a copy its other threads may still reach through their
/// TLBs is shot down (<see cref="BigKernelLock.UserMappingsChanged"/>; a CPU waiting for the turn
/// counts as flushed, see <see cref="BigKernelLock.AcquireAnsweringShootdowns"/>). The rest it needs
/// is shared safely: the page allocator has its own lock and per-CPU caches, a page's reference count
/// drops atomically. Anything else (a fault that kills, no memory for the copy) returns false having
/// changed nothing, for <see cref="UserFaults"/> under the exclusive lock.
/// </summary>
public static unsafe class PageFaultFastPath
{
    /// <summary>A page fault from ring 3; true when it was handled whole (the frame is ready to resume).</summary>
    public static bool TryHandle(InterruptFrame* frame)
    {
        ulong error = frame->ErrorCode;
        if ((error & (PageFaultError.User | PageFaultError.ReservedBit | PageFaultError.InstructionFetch)) != PageFaultError.User)
            return false;
        bool copyOnWrite = (error & (PageFaultError.Present | PageFaultError.Write)) == (PageFaultError.Present | PageFaultError.Write);
        ulong page = Cpu.ReadCr2() & ~(UserLayout.PageSize - 1);
        bool firstTouch = (error & PageFaultError.Present) == 0 && UserStack.Contains(page);
        if (!copyOnWrite && !firstTouch)
            return false;
        BigKernelLock.AcquireShared();
        Process process = Processes.Current;
        bool done = false;
        if (process != null)
        {
            // Threads of one process that fault at once take turns; one thread alone needs no turn.
            bool threaded = process.LiveThreads > 1;
            if (threaded)
                BigKernelLock.AcquireAnsweringShootdowns(ref process.PageTableLock);
            PageTable* space = Processes.SpaceOf(process);
            done = firstTouch ? UserStack.MapOnFirstTouch(space, page)
                : (space->LeafEntry(page) & PageTable.CopyOnWrite) != 0 && CopyOnWrite.Break(process, page);
            if (threaded)
                process.PageTableLock.Release();
        }
        if (done)
            SyscallDispatcher.ReturnToUser(frame);   // a kill or the end of the slice: as after any interrupt
        BigKernelLock.Release();
        return done;
    }
}
