namespace Ocean.Kernel.Sched;

using Ocean.Kernel.Arch.X86_64.Cpu;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Proc;

/// <summary>
/// One lock around all kernel work: taken on every entry from user mode, interrupt and system call,
/// released on the way back out and while a CPU idles. The kernel runs with interrupts masked, so the
/// holder is never interrupted and never waits for another CPU: no deadlock, and every kernel
/// structure is consistent for whoever holds it. A thread switch hands the lock to the next thread
/// on the same CPU, which releases it in the mode this CPU holds it. Nested entries (an exception
/// inside the kernel) only count depth.
///
/// Shared mode is for the fast paths alone (<see cref="Ocean.Kernel.Ipc.IpcFastPath"/>,
/// <see cref="Ocean.Kernel.Ipc.NotificationFastPath"/>, <see cref="Ocean.Kernel.Proc.PageFaultFastPath"/>):
/// CPUs in it run at the same time, so independent clients and servers do not wait for each other.
/// They change only what no other fast path can reach at the same time: an endpoint's receive queue
/// or a notification's word and waiters (each under the object's own lock), the threads of their
/// rendezvous or wake-up, their own CPU's run queue and current thread (in shared mode a CPU's run
/// queue is changed by that CPU alone), and the page tables of a single-threaded process breaking
/// its own copy-on-write page (with the page allocator's lock and an atomic page count). Everything
/// else (other CPUs' run queues, capability spaces, processes, other processes' page tables) changes
/// only under the exclusive lock, so a shared holder reads it stably; a fast path that reads another
/// process's page tables or page counts would have to reckon with the page-fault path. A thread switched away in shared mode may be
/// resumed under either mode; any other gets the exclusive hold back as it resumes
/// (<see cref="Thread.ResumesShared"/>), and a shared holder that finds more to do (a reschedule, a
/// kill, a wait that goes on) upgrades first (<see cref="EnsureExclusive"/>), at a point where it has
/// nothing half-done.
///
/// TLB shootdown: a change to a kernel-half mapping bumps a generation and sends an IPI; every CPU
/// also compares generations whenever it takes the lock and flushes if it is behind, so no CPU uses
/// a stale kernel mapping even if the IPI arrives late. A user mapping removed or narrowed in a
/// process whose other threads may run elsewhere is shot down the same way, but synchronously.
/// </summary>
public static unsafe class BigKernelLock
{
    // The lock word: Writer while a CPU holds it exclusively; WriterWaiting while one waits for the
    // readers to leave (no new reader enters then); below them, the number of readers.
    private const int Writer = 1 << 30, WriterWaiting = 1 << 29, Readers = WriterWaiting - 1;

    private static int _word;
    private static long _tlbGeneration;

    // Which CPU holds the lock exclusively (-1: none, or readers), for the report of a stuck wait.
    private static int _exclusiveHolder = -1;

    // A wait this long means the holder never lets go (a bug, not contention: the longest hold is
    // boot's self-tests, seconds under TCG): stop with a report that names it, rather than leave
    // every CPU spinning silently.
    private const ulong StuckSeconds = 60;
    private const uint SpinsBetweenClockReads = 1 << 16;

    private static int* Word => (int*)Unsafe.AsPointer(ref _word);

    public static bool HeldByThisCpu => CpuLocal.Current->LockDepth > 0;

    /// <summary>How many nested entries hold the lock on this CPU (1 = an entry from user mode or idle).</summary>
    public static int Depth => CpuLocal.Current->LockDepth;

    // A new thread's first entry to user mode: it waits there while its process has it stopped.
    [UnmanagedCallersOnly(EntryPoint = "ThreadEnteringUser")]
    private static void ThreadEnteringUser()
    {
        Ocean.Kernel.Proc.Thread self = Scheduler.Current;
        if (Ocean.Kernel.Proc.ThreadStops.MustPark(self))
            Ocean.Kernel.Proc.ThreadStops.Park(self);
        Release();
    }

    /// <summary>
    /// Takes the lock exclusively (or counts one more nested entry if this CPU holds it, in either
    /// mode: an exception inside the fast path is a kernel fault, reported and fatal either way).
    /// </summary>
    public static void Acquire() => Take(CpuLocal.Current, shared: false);

    /// <summary>Takes the lock in shared mode: for the fast paths only (see the class summary).</summary>
    public static void AcquireShared() => Take(CpuLocal.Current, shared: true);

    /// <summary><see cref="AcquireShared()"/> for a caller that has this CPU's area at hand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AcquireShared(PerCpu* cpu) => Take(cpu, shared: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(PerCpu* cpu, bool shared)
    {
        if (cpu->LockDepth != 0)
        {
            cpu->LockDepth++;
            return;
        }
        if (LockOrder.Enabled)
            LockOrder.Taking(LockRank.BigKernel);
        // Uncontended, either mode is one compare-and-exchange.
        int seen = shared ? Atomic.Load(Word) : 0;
        int wanted = shared ? seen + 1 : Writer;
        if ((seen & (Writer | WriterWaiting)) != 0 || Atomic.CompareExchange(Word, seen, wanted) != seen)
            WaitFor(cpu, shared);
        cpu->LockShared = shared ? 1 : 0;
        cpu->LockDepth = 1;
        if (!shared)
            _exclusiveHolder = cpu->Index;
        CatchUpTlb(cpu);
    }

    // Only a CPU that has to wait says so: a CPU that holds the lock and shoots down a mapping counts a
    // waiting CPU as flushed, since it flushes on taking the lock (before it can use a mapping).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WaitFor(PerCpu* cpu, bool shared)
    {
        Atomic.Store(&cpu->WaitingForLock, 1);
        int* word = Word;
        ulong started = Cpu.ReadTimestamp();
        uint spins = 0;
        while (true)
        {
            int seen = Atomic.Load(word);
            if (shared)
            {
                if ((seen & (Writer | WriterWaiting)) == 0 && Atomic.CompareExchange(word, seen, seen + 1) == seen)
                    break;
            }
            else if ((seen & (Writer | Readers)) == 0)
            {
                if (Atomic.CompareExchange(word, seen, Writer) == seen)   // clears WriterWaiting: other writers set it again
                    break;
            }
            else if ((seen & (Writer | WriterWaiting)) == 0)
                Atomic.CompareExchange(word, seen, seen | WriterWaiting);   // readers inside: let no more in
            Cpu.Pause();
            if (WaitedTooLong(started, ++spins))
                ReportStuck(cpu, seen);
        }
        // A locked exchange, not a plain store: the TLB generation read next (CatchUpTlb) must not be
        // read before this CPU stops counting as flushed, or a shootdown from a shared holder could
        // count it flushed while it keeps a stale translation.
        Atomic.Exchange(&cpu->WaitingForLock, 0);
    }

    // Whether a spin that began at TSC `started` has lasted StuckSeconds; the clock is read only every
    // SpinsBetweenClockReads spins, and never before the timer is calibrated (TscHz still 0).
    private static bool WaitedTooLong(ulong started, uint spins) =>
        spins % SpinsBetweenClockReads == 0 && Timer.TscHz != 0 && Cpu.ReadTimestamp() - started > Timer.TscHz * StuckSeconds;

    // "kernel lock: CPU 2 has waited 60 s; CPU 1 holds it exclusively (lock word 0x40000000)", then a panic.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReportStuck(PerCpu* cpu, int seen)
    {
        Console.WriteLine();
        Console.Write("kernel lock: CPU ");
        Console.WriteDecimal(cpu->Index);
        Console.Write(" has waited ");
        Console.WriteUnsigned(StuckSeconds);
        Console.Write(" s; ");
        if ((seen & Writer) != 0)
        {
            Console.Write("CPU ");
            Console.WriteDecimal(_exclusiveHolder);
            Console.Write(" holds it exclusively");
        }
        else
        {
            Console.WriteDecimal(seen & Readers);
            Console.Write(" CPUs hold it shared");
        }
        Console.Write(" (lock word ");
        Console.WriteHex((ulong)(uint)seen, 1);
        Console.WriteLine(")");
        Panic.Halt("a CPU never released the kernel lock");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CatchUpTlb(PerCpu* cpu)
    {
        if (cpu->TlbGeneration != _tlbGeneration)
        {
            Atomic.FlushTlb();
            cpu->TlbGeneration = _tlbGeneration;
        }
    }

    /// <summary>Leaves one level; the last leaves the lock in whichever mode this CPU holds it.</summary>
    public static void Release() => Release(CpuLocal.Current);

    /// <summary>
    /// <see cref="Release()"/> for a caller that has this CPU's area at hand (and has not switched
    /// threads since it read it: a thread that switched may resume on another CPU).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Release(PerCpu* cpu)
    {
        if (--cpu->LockDepth > 0)
            return;
        if (cpu->LockShared != 0)
        {
            cpu->LockShared = 0;
            Atomic.Add(Word, -1);
        }
        else
        {
            _exclusiveHolder = -1;
            Atomic.Store(Word, 0);
        }
        if (LockOrder.Enabled)
            LockOrder.Released(LockRank.BigKernel);
    }

    /// <summary>
    /// Makes this CPU's hold exclusive: a shared holder leaves and queues up as a writer. Only where
    /// the caller has nothing half-done (one level deep, no other lock held): whatever it read under
    /// the shared hold may have changed when this returns.
    /// </summary>
    public static void EnsureExclusive()
    {
        PerCpu* cpu = CpuLocal.Current;
        if (cpu->LockShared == 0)
            return;
        if (cpu->LockDepth != 1)
            Panic.Halt("kernel lock: an upgrade inside a nested entry");
        Release();
        Acquire();
    }

    /// <summary>
    /// For long work inside one system call (a large console write): if another CPU waits for the
    /// lock, hand it over and queue up again behind it, so no CPU (timer handlers included) waits for
    /// the whole of it. Only from a system call's own level (depth 1), where the caller holds nothing
    /// that another CPU could see half-done.
    /// </summary>
    public static void LetOthersIn()
    {
        if (Depth != 1 || CpuLocal.Count <= 1 || !AnotherCpuWaits())
            return;
        EnsureExclusive();
        Release();
        // The lock is not fair: give a waiter the time to take it before competing again.
        for (int spin = 0; spin < HandOverSpins && Atomic.Load(Word) == 0; spin++)
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

    /// <summary>
    /// Takes <paramref name="spinLock"/> in shared mode where its holder may shoot down user mappings
    /// (the page-fault fast path's <see cref="Process.PageTableLock"/>): a CPU spinning for it with
    /// interrupts off could not answer the shootdown, so while it waits it counts as waiting for the
    /// kernel lock (which <see cref="UserMappingsChanged"/> takes as flushed), and it flushes before
    /// it goes on.
    /// </summary>
    public static void AcquireAnsweringShootdowns(ref RankedSpinLock spinLock)
    {
        if (spinLock.TryAcquire())
            return;
        PerCpu* cpu = CpuLocal.Current;
        Atomic.Store(&cpu->WaitingForLock, 1);
        spinLock.Acquire();
        long generation = _tlbGeneration;   // read before the flush, which then covers it
        Atomic.FlushTlb();
        cpu->TlbGeneration = generation;
        Atomic.Exchange(&cpu->WaitingForLock, 0);
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
        if (CpuLocal.Count <= 1 || process.LiveThreads <= 1 && !RunsElsewhere(process))
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
            // process loads another CR3, and so does a switch to one of its threads after this look.
            if (cpu == self || !Scheduler.IsRunning(i, process))
                continue;
            ulong started = Cpu.ReadTimestamp();
            for (uint spins = 1; Atomic.Add(&cpu->TlbGeneration, 0) < target && Atomic.Load(&cpu->WaitingForLock) == 0; spins++)
            {
                Cpu.Pause();
                if (WaitedTooLong(started, spins))
                {
                    Console.WriteLine();
                    Console.Write("TLB shootdown: CPU ");
                    Console.WriteDecimal(i);
                    Console.Write(" has not flushed in ");
                    Console.WriteUnsigned(StuckSeconds);
                    Console.WriteLine(" s");
                    Panic.Halt("a CPU never answered a TLB shootdown");
                }
            }
        }
    }

    // Whether a process with one thread may hold translations on another CPU: only while that thread
    // is on one, since a CPU that stops running a process loads other tables (Scheduler.Enter). The
    // memory server changing a caller that waits for its answer needs no shootdown.
    private static bool RunsElsewhere(Ocean.Kernel.Proc.Process process)
    {
        if (process == Scheduler.Current.Process)
            return false;
        for (Ocean.Kernel.Proc.Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            if (Atomic.Load((int*)Unsafe.AsPointer(ref thread.OnCpu)) != 0)
                return true;
        return false;
    }

    /// <summary>The shootdown IPI: flush now (the generation check covers a late arrival too).</summary>
    public static void OnShootdown(InterruptFrame* frame)
    {
        Atomic.FlushTlb();
        CpuLocal.Current->TlbGeneration = _tlbGeneration;
    }
}
