namespace Ocean.Kernel.Sched;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;

/// <summary>
/// Priority-based preemptive scheduling with a run queue per CPU (<see cref="RunQueue"/>): the
/// highest-priority ready thread runs, round robin within a priority. The timer tick ends a time
/// slice; the switch happens on the way back to user mode (the kernel itself is not preempted).
/// New and woken threads go to the least-loaded CPU (woken by an IPI if it idles), and a CPU with
/// nothing to do steals from the busiest one. Everything here runs under the <see cref="BigKernelLock"/>:
/// exclusively, except the fast paths' hand-off, block and wake-up, which hold it shared and touch only
/// this CPU's run queue (<see cref="SwitchAwayFromFrame"/>, <see cref="MakeReadyHere"/>).
/// </summary>
public static unsafe class Scheduler
{
    public const int SliceTicks = 5;
    private const int KernelThreadStackPages = 8;

    private static readonly RunQueue[] _queues = new RunQueue[CpuLocal.MaxCpus];
    private static Thread _sleepers;
    private static int _nextThreadId = 1;

    [RuntimeImport("*", "ContextSwitch")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void ContextSwitch(ulong* saveStackPointer, ulong newStackPointer, int* previousOnCpu);

    [RuntimeImport("*", "ThreadResumeUserAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ThreadResumeUserAddress();

    [RuntimeImport("*", "ThreadStartKernelAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ThreadStartKernelAddress();

    // This CPU's run queue and running thread, read through GS (per-CPU pointers the scheduler keeps):
    // the hottest lookups in the kernel, a single load each.
    [RuntimeImport("*", "CurrentRunQueue")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern RunQueue ReadRunQueue();

    [RuntimeImport("*", "CurrentThread")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern Thread ReadCurrentThread();

    [RuntimeImport("*", "ObjectAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong AddressOf(object value);

    private static RunQueue This => ReadRunQueue();

    public static Thread Current => ReadCurrentThread();
    /// <summary>Whether CPU <paramref name="cpu"/> is running a thread of <paramref name="process"/> (stable under the kernel lock).</summary>
    public static bool IsRunning(int cpu, Process process)
    {
        RunQueue queue = _queues[cpu];
        return queue != null && queue.Current != null && queue.Current.Process == process;
    }

    /// <summary>
    /// The thread this CPU runs, and whether its slice is over, read from its per-CPU area: for a
    /// caller that already has the area at hand (one GS read instead of one per question).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Thread CurrentOn(PerCpu* cpu) => Unsafe.AsRef<Thread>(&cpu->CurrentThread);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static RunQueue RunQueueOn(PerCpu* cpu) => Unsafe.AsRef<RunQueue>(&cpu->RunQueue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NeedRescheduleOn(PerCpu* cpu) => Unsafe.AsRef<RunQueue>(&cpu->RunQueue).NeedReschedule;

    public static bool CurrentIsIdle => This.Current == This.Idle;
    public static bool NeedReschedule => This.NeedReschedule;
    public static int ReadyCount => This.ReadyCount;

    /// <summary>
    /// Makes <paramref name="bootStackTop"/>'s code the idle thread of CPU <paramref name="cpu"/>.
    /// Called by the BSP for every CPU (allocation needs the lock the BSP holds).
    /// </summary>
    public static void AddCpu(int cpu, ulong bootStackTop)
    {
        var queue = new RunQueue { CpuIndex = cpu };
        queue.Idle = new Thread { Id = 0, Priority = 0, State = ThreadState.Running, KernelStackTop = bootStackTop, Cpu = cpu, OnCpu = 1 };
        queue.Current = queue.Idle;
        _queues[cpu] = queue;
        CpuLocal.Get(cpu)->RunQueue = AddressOf(queue);
        CpuLocal.Get(cpu)->CurrentThread = AddressOf(queue.Idle);
        Timer.OnTick = &Tick;
    }

    public static Thread NewThread(Process process, int priority)
    {
        ulong stack = KernelStacks.Allocate(KernelThreadStackPages);
        if (stack == 0)
            return null;
        return new Thread { Id = _nextThreadId++, Process = process, Priority = priority, KernelStackTop = stack, State = ThreadState.Blocked };
    }

    /// <summary>Starts a kernel thread running <paramref name="function"/>(<paramref name="argument"/>).</summary>
    public static Thread StartKernelThread(delegate*<ulong, void> function, ulong argument, int priority)
    {
        Thread thread = NewThread(null, priority);
        if (thread == null)
            return null;
        // The first switch to it "returns" into ThreadStartKernel with R12 = function, R13 = argument;
        // the empty word above keeps its stack aligned as for a call target.
        thread.SavedStackPointer = SwitchFrame.Push(thread.KernelStackTop - sizeof(ulong), ThreadStartKernelAddress(), (ulong)function, argument);
        MakeReady(thread);
        return thread;
    }

    /// <summary>Frees a kernel thread that has finished (its stack and the object).</summary>
    public static bool ReapKernelThread(Thread thread)
    {
        if (thread.State != ThreadState.Dead || thread.Process != null)
            return false;
        KernelStacks.Free(thread.KernelStackTop);
        KernelHeap.Free(thread);
        return true;
    }

    /// <summary>Queues a thread on the least-loaded CPU it may run on, and gets that CPU's attention.</summary>
    public static void MakeReady(Thread thread)
    {
        thread.State = ThreadState.Ready;
        RunQueue target = null;
        for (int i = 0; i < CpuLocal.Count; i++)
        {
            RunQueue queue = _queues[i];
            if (queue == null || (thread.CpuAffinity != Thread.AnyCpu && thread.CpuAffinity != i))
                continue;
            if (target == null || queue.Load < target.Load)
                target = queue;
        }
        if (target == null)
            target = This;
        target.Enqueue(thread);
        if (thread.Priority > target.Current.Priority || target.Current == target.Idle)
        {
            target.NeedReschedule = true;
            if (target != This)
                Ipi.Send(CpuLocal.Get(target.CpuIndex)->LapicId, InterruptVectors.Reschedule);
        }
    }

    /// <summary>The reschedule IPI: work was queued here; the switch happens on the way out.</summary>
    public static void OnRescheduleIpi(InterruptFrame* frame) => This.NeedReschedule = true;

    private static Thread TakeNext(RunQueue local)
    {
        Thread next = local.Dequeue(local.CpuIndex);
        if (next != null)
            return next;
        // Steal from the busiest CPU.
        RunQueue busiest = null;
        for (int i = 0; i < CpuLocal.Count; i++)
            if (_queues[i] != null && _queues[i] != local && _queues[i].ReadyCount > 0 &&
                (busiest == null || _queues[i].ReadyCount > busiest.ReadyCount))
                busiest = _queues[i];
        return busiest == null ? null : busiest.Dequeue(local.CpuIndex);
    }

    /// <summary>Gives this CPU to the best ready thread (the current one goes back in line if still runnable).</summary>
    public static void Yield()
    {
        RunQueue local = This;
        local.NeedReschedule = false;
        Thread previous = local.Current;
        Thread next = TakeNext(local);
        if (next == null && previous != local.Idle && previous.State == ThreadState.Running)
            return;   // nothing else to run: keep going
        if (previous != local.Idle && previous.State == ThreadState.Running)
        {
            local.Enqueue(previous);
            previous.State = ThreadState.Ready;
        }
        if (next == null)
            next = local.Idle;
        if (next == previous)
        {
            previous.State = ThreadState.Running;
            return;
        }
        next.SliceLeft = SliceTicks;
        SwitchTo(local, previous, next);
    }

    /// <summary>
    /// IPC's direct hand-off: the current thread blocks and <paramref name="next"/>, a blocked thread
    /// that was just given its message, runs here at once (in the rest of the current time slice)
    /// without passing through a run queue. Falls back to waking it normally when it may not run
    /// here or a more urgent thread is ready.
    /// </summary>
    public static void BlockAndSwitchTo(Thread next)
    {
        RunQueue local = This;
        Thread previous = local.Current;
        if (Dying(previous))
        {
            Wake(next);   // as Block: a dying thread does not wait, its partner runs anyway
            return;
        }
        if (!MayRunHereNow(local, next))
        {
            previous.State = ThreadState.Blocked;
            Wake(next);
            Yield();
            return;
        }
        HandOff(local, previous, next);
    }

    /// <summary>
    /// Whether <see cref="HandOffFromFrame"/> to <paramref name="next"/> may happen now: the current
    /// thread is not dying and <see cref="BlockAndSwitchTo"/> would switch without a detour. The IPC
    /// fast path asks before it changes anything.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanHandOffTo(PerCpu* cpu, Thread next)
    {
        RunQueue local = RunQueueOn(cpu);
        return !Dying(local.Current) && MayRunHereNow(local, next);
    }

    /// <summary>
    /// The IPC fast path's hand-off, once <see cref="CanHandOffTo"/> said yes: the current thread
    /// blocks, to resume from its frame (<see cref="ResumeFromFrame"/>), and <paramref name="next"/>
    /// runs here at once in the rest of the time slice. Returns the frame to leave the system call by.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InterruptFrame* HandOffFromFrame(PerCpu* cpu, Thread next)
    {
        RunQueue local = RunQueueOn(cpu);
        Thread previous = local.Current;
        previous.State = ThreadState.Blocked;
        next.SliceLeft = previous.SliceLeft;
        return ResumeFromFrame(cpu, local, previous, next);
    }

    /// <summary>
    /// A fast path's block under the shared kernel lock: the current thread, already marked blocked
    /// and queued where its waker will find it, gives the CPU to this CPU's best ready thread, or to
    /// the idle thread, and will resume from its frame (<see cref="ResumeFromFrame"/>). Only this
    /// CPU's run queue is touched: in shared mode no other CPU changes it. Returns the frame to leave
    /// the system call by.
    /// </summary>
    public static InterruptFrame* SwitchAwayFromFrame()
    {
        RunQueue local = This;
        local.NeedReschedule = false;
        Thread previous = local.Current;
        Thread next = local.Dequeue(local.CpuIndex);
        if (next == null)
            next = local.Idle;
        else
            next.SliceLeft = SliceTicks;
        return ResumeFromFrame(CpuLocal.Current, local, previous, next);
    }

    /// <summary>
    /// A thread that blocks in a fast path keeps nothing on its kernel stack but its system call's
    /// frame and SSE state (<see cref="Thread.ResumesFromFrame"/>): no stack switch now, no unwinding
    /// when it resumes. If <paramref name="next"/> blocked that way too, its wait is done and its way
    /// out has nothing to do (no kill, no stop, no reschedule), the system call leaves by next's frame
    /// (SyscallEntry.asm moves to next's stack, then clears the old thread's OnCpu). Otherwise the CPU
    /// switches to next's stack as always and abandons this one: whoever switches to this thread
    /// later starts it at ThreadResumeUser (<see cref="SwitchTo"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static InterruptFrame* ResumeFromFrame(PerCpu* cpu, RunQueue local, Thread previous, Thread next)
    {
        previous.ResumesFromFrame = true;
        if (next.ResumesFromFrame && next.IpcState == IpcWait.None && !MustLeaveSlowly(next) && !local.NeedReschedule)
        {
            next.ResumesFromFrame = false;
            Enter(cpu, local, previous, next);
            var frame = (InterruptFrame*)(next.KernelStackTop - (ulong)sizeof(InterruptFrame));
            frame->Rax = (ulong)next.IpcResult;
            cpu->LeavingOnCpu = (int*)Unsafe.AsPointer(ref previous.OnCpu);
            return frame;
        }
        SwitchTo(local, previous, next);
        Panic.Halt("a thread that blocked in a fast path resumed on its old stack");
        return null;
    }

    /// <summary>
    /// A fast path's wake-up under the shared kernel lock: queues <paramref name="thread"/> (blocked, and
    /// just taken off the wait queue where only it could be found) on this CPU, once it is off the CPU
    /// it blocked on: a thread that queued itself a moment ago may still be switching away there.
    /// </summary>
    public static void MakeReadyHere(Thread thread)
    {
        int* onCpu = (int*)Unsafe.AsPointer(ref thread.OnCpu);
        while (Atomic.Load(onCpu) != 0)
            Cpu.Pause();
        RunQueue local = This;
        thread.State = ThreadState.Ready;
        local.Enqueue(thread);
        if (thread.Priority > local.Current.Priority)
            local.NeedReschedule = true;
    }

    /// <summary>This CPU's index (for a fast path's affinity check).</summary>
    public static int CurrentCpuIndex => This.CpuIndex;

    /// <summary>
    /// Whether another CPU idles (read without its lock: a hint). A fast path's wake-up queues the
    /// woken thread here; with a CPU idle, the general wake-up puts it there at once instead.
    /// </summary>
    public static bool AnotherCpuIdles()
    {
        if (CpuLocal.Count <= 1)
            return false;
        RunQueue local = This;
        for (int i = 0; i < CpuLocal.Count; i++)
        {
            RunQueue queue = _queues[i];
            if (queue != null && queue != local && queue.Current == queue.Idle)
                return true;
        }
        return false;
    }

    private static void HandOff(RunQueue local, Thread previous, Thread next)
    {
        previous.State = ThreadState.Blocked;
        next.SliceLeft = previous.SliceLeft;
        SwitchTo(local, previous, next);
    }

    // A blocked thread whose stack no CPU is still on, that may run on this CPU, with no more urgent
    // thread ready here. (Under the exclusive lock a blocked thread is always off its CPU; a fast path
    // in shared mode may find its partner still switching out on another CPU.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayRunHereNow(RunQueue local, Thread next) =>
        Atomic.Load((int*)Unsafe.AsPointer(ref next.OnCpu)) == 0 && next.State == ThreadState.Blocked &&
        (next.CpuAffinity == Thread.AnyCpu || next.CpuAffinity == local.CpuIndex) &&
        (local.ReadyCount == 0 || local.HighestReadyPriority <= next.Priority);

    private static void SwitchTo(RunQueue local, Thread previous, Thread next)
    {
        Enter(CpuLocal.Current, local, previous, next);
        if (next.ResumesFromFrame)
        {
            // It blocked in a fast path and left nothing else on its stack: it starts at
            // ThreadResumeUser, right below its SSE state, as a new thread starts at ThreadStartUser.
            next.ResumesFromFrame = false;
            var frame = (InterruptFrame*)(next.KernelStackTop - (ulong)sizeof(InterruptFrame));
            next.SavedStackPointer = SwitchFrame.Push((ulong)FxsaveArea.Below(frame), ThreadResumeUserAddress());
        }
        ContextSwitch((ulong*)Unsafe.AsPointer(ref previous.SavedStackPointer), next.SavedStackPointer, (int*)Unsafe.AsPointer(ref previous.OnCpu));
        // Back on this thread ("previous" is now itself). One that blocked holding the lock exclusively
        // may have been switched to by a fast path holding it shared: it gets the exclusive hold back
        // before it goes on with whatever it blocked in.
        if (previous.ResumesShared)
            previous.ResumesShared = false;
        else
            BigKernelLock.EnsureExclusive();
    }

    // Makes next this CPU's running thread: its stack for entries from user mode, its address space,
    // its ports. A thread that blocked in a fast path may still be leaving another CPU (whose lock
    // is already let go: its OnCpu is cleared once that CPU is off its stack): wait for that first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Enter(PerCpu* cpu, RunQueue local, Thread previous, Thread next)
    {
        int* onCpu = (int*)Unsafe.AsPointer(ref next.OnCpu);
        while (Atomic.Load(onCpu) != 0)
            Cpu.Pause();
        next.State = ThreadState.Running;
        next.Cpu = local.CpuIndex;
        local.Current = next;
        cpu->CurrentThread = AddressOf(next);
        CpuLocal.SetKernelStack(cpu, next.KernelStackTop);
        // A CPU must never keep a process's page tables loaded once it stops running that process:
        // they are freed when the process exits, possibly on another CPU.
        Process process = next.Process;
        if (process != null && process.AddressSpace.Root != 0)
        {
            if (process != previous.Process)   // threads of one process share their tables (and TLB entries)
                process.AddressSpace.Activate();
            process.Capabilities.EnforcePorts();
        }
        else
            KernelAddressSpace.Table->Activate();
        next.OnCpu = 1;
    }

    /// <summary>
    /// Blocks the current thread until <see cref="Wake"/>. A thread of a process that is being killed
    /// never blocks: the kill's wake-up only reaches threads already asleep, so one that was running
    /// (on another CPU, or not yet started) when its process was killed would otherwise sleep for good
    /// and the process would never end. Every caller re-checks its condition and the kill after this.
    /// </summary>
    public static void Block()
    {
        if (Dying(This.Current))
            return;
        This.Current.State = ThreadState.Blocked;
        Yield();
    }

    private static bool Dying(Thread thread) => thread.Process != null && thread.Process.KillPending;

    // A thread whose way back to user mode has work: its process is being killed, or has its threads
    // stopped (ThreadStops: by one of them, the stopper itself taking the slow way too, which lets it
    // pass; or by a signal).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MustLeaveSlowly(Thread thread)
    {
        Process process = thread.Process;
        return process != null && (process.KillPending || process.HoldsThreads);
    }

    public static void Wake(Thread thread)
    {
        if (thread != null && (thread.State == ThreadState.Blocked || thread.State == ThreadState.Sleeping))
        {
            RemoveSleeper(thread);
            MakeReady(thread);
        }
    }

    /// <summary>Puts the current thread to sleep for <paramref name="nanoseconds"/>.</summary>
    public static void Sleep(ulong nanoseconds)
    {
        Thread thread = This.Current;
        if (Dying(thread))
            return;
        thread.WakeAt = Timer.MonotonicNanoseconds + nanoseconds;
        thread.State = ThreadState.Sleeping;
        thread.Next = _sleepers;
        _sleepers = thread;
        Yield();
    }

    private static void RemoveSleeper(Thread thread)
    {
        if (thread.State != ThreadState.Sleeping)
            return;
        Thread previous = null;
        for (Thread t = _sleepers; t != null; previous = t, t = t.Next)
            if (t == thread)
            {
                if (previous == null)
                    _sleepers = t.Next;
                else
                    previous.Next = t.Next;
                t.Next = null;
                return;
            }
    }

    /// <summary>The timer tick (every CPU's): wake sleepers whose time has come, end this CPU's time slice.</summary>
    private static void Tick()
    {
        RunQueue local = This;
        ulong now = Timer.MonotonicNanoseconds;
        Thread previous = null;
        for (Thread t = _sleepers; t != null;)
        {
            Thread next = t.Next;
            if (t.WakeAt <= now)
            {
                if (previous == null)
                    _sleepers = next;
                else
                    previous.Next = next;
                t.Next = null;
                MakeReady(t);
            }
            else
                previous = t;
            t = next;
        }
        if (local.Current != local.Idle)
            local.Current.CpuTicks++;   // only this CPU writes it; readers take it whole (one aligned word)
        if (local.Current == local.Idle ? local.ReadyCount > 0 || AnyoneToSteal(local) : --local.Current.SliceLeft <= 0)
            local.NeedReschedule = true;
    }

    // Work an idle CPU should take: a thread ready on a CPU that is busy with another one. (A CPU
    // that idles runs its own ready thread as soon as its reschedule IPI arrives.)
    private static bool AnyoneToSteal(RunQueue local)
    {
        for (int i = 0; i < CpuLocal.Count; i++)
        {
            RunQueue queue = _queues[i];
            if (queue != null && queue != local && queue.ReadyCount > 0 && queue.Current != queue.Idle)
                return true;
        }
        return false;
    }

    /// <summary>Ends the current thread for good (its stack is freed by whoever reaps it).</summary>
    public static void ExitCurrent()
    {
        This.Current.State = ThreadState.Dead;
        Yield();
        Panic.Halt("a dead thread was scheduled");
    }

    [UnmanagedCallersOnly(EntryPoint = "KernelThreadExit")]
    private static void KernelThreadExit() => ExitCurrent();

    // A new kernel thread's first instructions: it may have been switched to under a shared hold.
    [UnmanagedCallersOnly(EntryPoint = "KernelThreadStarting")]
    private static void KernelThreadStarting() => BigKernelLock.EnsureExclusive();

    /// <summary>
    /// The idle loop of every CPU: entered holding the kernel lock; halts without it until the next
    /// interrupt, and switches whenever there is work.
    /// </summary>
    public static void IdleLoop()
    {
        while (true)
        {
            if (This.NeedReschedule || This.ReadyCount > 0 || AnyoneToSteal(This))
            {
                This.Idle.ResumesShared = true;   // back here, it only lets the lock go
                Yield();
                This.Idle.ResumesShared = false;
            }
            BigKernelLock.Release();
            Cpu.WaitForInterrupt();
            Cpu.DisableInterrupts();
            BigKernelLock.Acquire();
        }
    }
}
