namespace Ocean.Kernel.Sched;

using Ocean.Kernel.Arch.X86_64.Cpu;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// One spin lock around all kernel work: taken on every entry from user mode, interrupt and system
/// call, released on the way back out and while a CPU idles. The kernel runs with interrupts masked,
/// so the holder is never interrupted and never waits for another CPU: no deadlock, and every kernel
/// structure is consistent for whoever holds it. A thread switch hands the lock to the next thread
/// on the same CPU. Nested entries (an exception inside the kernel) only count depth.
///
/// TLB shootdown: a change to a kernel-half mapping bumps a generation and sends an IPI; every CPU
/// also compares generations whenever it takes the lock and flushes if it is behind, so no CPU uses
/// a stale kernel mapping even if the IPI arrives late. A user mapping removed or narrowed in a
/// process whose other threads may run elsewhere is shot down the same way, but synchronously.
/// </summary>
public static unsafe class BigKernelLock
{
    private const int NoOwner = -1;

    private static SpinLock _lock;
    private static int _owner = NoOwner;
    private static int _depth;
    private static long _tlbGeneration;

    public static bool HeldByThisCpu => _owner == CpuLocal.Current->Index;

    /// <summary>How many nested entries hold the lock (1 = an entry from user mode or idle).</summary>
    public static int Depth => _depth;

    [UnmanagedCallersOnly(EntryPoint = "ThreadEnteringUser")]
    private static void ThreadEnteringUser() => Release();

    public static void Acquire()
    {
        PerCpu* cpu = CpuLocal.Current;
        int index = cpu->Index;
        if (_owner == index)
        {
            _depth++;
            return;
        }
        if (LockOrder.Enabled)
            LockOrder.Taking(LockRank.BigKernel);
        // Uncontended, the lock is one exchange.
        if (!_lock.TryAcquire())
            WaitFor(cpu);
        _owner = index;
        _depth = 1;
        if (cpu->TlbGeneration != _tlbGeneration)
        {
            Atomic.FlushTlb();
            cpu->TlbGeneration = _tlbGeneration;
        }
    }

    // Only a CPU that has to wait says so: a CPU that holds the lock and shoots down a mapping counts a
    // waiting CPU as flushed, since it flushes on taking the lock (Acquire, before it can use a mapping).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WaitFor(PerCpu* cpu)
    {
        Atomic.Store(&cpu->WaitingForLock, 1);
        _lock.Acquire();
        Atomic.Store(&cpu->WaitingForLock, 0);
    }

    public static void Release()
    {
        if (--_depth > 0)
            return;
        _owner = NoOwner;
        _lock.Release();
        if (LockOrder.Enabled)
            LockOrder.Released(LockRank.BigKernel);
    }

    /// <summary>
    /// For long work inside one system call (a large console write): if another CPU waits for the
    /// lock, hand it over and queue up again behind it, so no CPU (timer handlers included) waits for
    /// the whole of it. Only from a system call's own level (depth 1), where the caller holds nothing
    /// that another CPU could see half-done.
    /// </summary>
    public static void LetOthersIn()
    {
        if (_depth != 1 || CpuLocal.Count <= 1 || !AnotherCpuWaits())
            return;
        Release();
        // The lock is not fair: give a waiter the time to take it before competing again.
        fixed (int* owner = &_owner)
            for (int spin = 0; spin < HandOverSpins && Atomic.Load(owner) == NoOwner; spin++)
                Cpu.Pause();
        Acquire();
    }

    private const int HandOverSpins = 10_000;

    private static bool AnotherCpuWaits()
    {
        PerCpu* self = CpuLocal.Current;
        for (int i = 0; i < CpuLocal.Count; i++)
        {
            PerCpu* cpu = CpuLocal.Get(i);
            if (cpu != self && Atomic.Load(&cpu->WaitingForLock) != 0)
                return true;
        }
        return false;
    }

    /// <summary>A kernel-half mapping changed: other CPUs must drop it from their TLBs.</summary>
    public static void KernelMappingChanged()
    {
        if (CpuLocal.Count <= 1)
            return;
        fixed (long* generation = &_tlbGeneration)
            CpuLocal.Current->TlbGeneration = Atomic.Add(generation, 1);
        Ipi.Broadcast(InterruptVectors.TlbShootdown);
    }

    /// <summary>
    /// A user mapping of <paramref name="process"/> went away or lost a permission (munmap, mprotect,
    /// fork's copy-on-write, a grant's end). If other threads of it may run on other CPUs, they must
    /// not keep the old translation: every other CPU is interrupted, and this one waits until each
    /// that runs a thread of the process has flushed or is waiting for the lock (which flushes first). The IPI's own
    /// handler takes the lock, so it counts as waiting: no CPU is waited for while it cannot respond.
    /// </summary>
    public static void UserMappingsChanged(Ocean.Kernel.Proc.Process process)
    {
        if (CpuLocal.Count <= 1 || process.LiveThreads <= 1)
            return;   // only this CPU can hold the process's translations, and the change flushed them here
        long target;
        fixed (long* generation = &_tlbGeneration)
            target = Atomic.Add(generation, 1);
        PerCpu* self = CpuLocal.Current;
        self->TlbGeneration = target;
        Atomic.FlushTlb();
        Ipi.Broadcast(InterruptVectors.TlbShootdown);
        for (int i = 0; i < CpuLocal.Count; i++)
        {
            PerCpu* cpu = CpuLocal.Get(i);
            // Only a CPU running one of its threads can hold its translations: a switch to any other
            // process loads another CR3. (Which thread a CPU runs changes only under this lock.)
            if (cpu == self || !Scheduler.IsRunning(i, process))
                continue;
            while (Atomic.Add(&cpu->TlbGeneration, 0) < target && Atomic.Load(&cpu->WaitingForLock) == 0)
                Cpu.Pause();
        }
    }

    /// <summary>The shootdown IPI: flush now (the generation check covers a late arrival too).</summary>
    public static void OnShootdown(InterruptFrame* frame)
    {
        Atomic.FlushTlb();
        CpuLocal.Current->TlbGeneration = _tlbGeneration;
    }
}
