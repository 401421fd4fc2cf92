namespace Ocean.Sched;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Arch.X86_64.Cpu;
using Ocean.Arch.X86_64.Interrupt;
using Ocean.Lib;
using Ocean.Mm;
using Ocean.Proc;

/// <summary>
/// Priority-based preemptive scheduling: a run queue per priority (round robin within one), the
/// highest non-empty one runs. The timer tick ends a thread's time slice; the switch happens on the
/// way back to user mode (the kernel itself is not preempted, and runs with interrupts masked except
/// in the idle loop). Sleeping threads wake on the tick after their deadline.
/// </summary>
public static unsafe class Scheduler
{
    public const int SliceTicks = 5;
    private const int KernelThreadStackPages = 8;

    private static readonly Thread[] _queueHeads = new Thread[Thread.MaxPriority + 1];
    private static readonly Thread[] _queueTails = new Thread[Thread.MaxPriority + 1];
    private static Thread _current;
    private static Thread _idle;
    private static Thread _sleepers;
    private static int _nextThreadId = 1;
    private static int _readyCount;

    public static bool NeedReschedule;

    public static Thread Current => _current;
    public static int ReadyCount => _readyCount;

    [RuntimeImport("*", "ContextSwitch")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void ContextSwitch(ulong* saveStackPointer, ulong newStackPointer);

    [RuntimeImport("*", "ThreadStartKernelAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ThreadStartKernelAddress();

    /// <summary>Turns the running boot code into the idle thread and starts time slicing.</summary>
    public static void Initialize(ulong bootStackTop)
    {
        _idle = new Thread { Id = 0, Priority = 0, State = ThreadState.Running, KernelStackTop = bootStackTop };
        _current = _idle;
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
        // The first switch to it "returns" into ThreadStartKernel with R12 = function, R13 = argument.
        ulong* sp = (ulong*)thread.KernelStackTop;
        *--sp = 0;                               // alignment: ThreadStartKernel is entered like a call target
        *--sp = ThreadStartKernelAddress();
        *--sp = 0;                               // rbp
        *--sp = 0;                               // rbx
        *--sp = (ulong)function;                 // r12
        *--sp = argument;                        // r13
        *--sp = 0;                               // r14
        *--sp = 0;                               // r15
        *--sp = DefaultControlWords;
        thread.SavedStackPointer = (ulong)sp;
        MakeReady(thread);
        return thread;
    }

    /// <summary>MXCSR (all exceptions masked) and the x87 control word (the same), as ContextSwitch restores them.</summary>
    public const ulong DefaultControlWords = 0x1F80 | (0x037FUL << 32);

    public static void MakeReady(Thread thread)
    {
        thread.State = ThreadState.Ready;
        thread.Next = null;
        int p = thread.Priority;
        if (_queueTails[p] == null)
            _queueHeads[p] = thread;
        else
            _queueTails[p].Next = thread;
        _queueTails[p] = thread;
        _readyCount++;
        if (_current != null && p > _current.Priority)
            NeedReschedule = true;
    }

    private static Thread TakeNext()
    {
        for (int p = Thread.MaxPriority; p >= 0; p--)
        {
            Thread thread = _queueHeads[p];
            if (thread == null)
                continue;
            _queueHeads[p] = thread.Next;
            if (_queueHeads[p] == null)
                _queueTails[p] = null;
            thread.Next = null;
            _readyCount--;
            return thread;
        }
        return null;
    }

    /// <summary>Gives the CPU to the best ready thread (the current one goes back in line if still runnable).</summary>
    public static void Yield()
    {
        NeedReschedule = false;
        Thread previous = _current;
        if (previous != _idle && previous.State == ThreadState.Running)
            MakeReady(previous);
        Thread next = TakeNext();
        if (next == null)
            next = _idle;
        if (next == previous)
        {
            previous.State = ThreadState.Running;
            return;
        }
        if (previous == _idle)
            previous.State = ThreadState.Ready;
        next.State = ThreadState.Running;
        next.SliceLeft = SliceTicks;
        _current = next;
        CpuLocal.SetKernelStack(next.KernelStackTop);
        if (next.Process != null && next.Process.AddressSpace.Root != 0)
            next.Process.AddressSpace.Activate();
        fixed (ulong* save = &previous.SavedStackPointer)
            ContextSwitch(save, next.SavedStackPointer);
    }

    /// <summary>Blocks the current thread until <see cref="Wake"/>.</summary>
    public static void Block()
    {
        _current.State = ThreadState.Blocked;
        Yield();
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
        Thread thread = _current;
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

    /// <summary>The timer tick: wake sleepers whose time has come, end the current time slice.</summary>
    private static void Tick()
    {
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
        if (_current == _idle ? _readyCount > 0 : --_current.SliceLeft <= 0)
            NeedReschedule = true;
    }

    /// <summary>Ends the current thread for good (its stack is freed by whoever reaps it).</summary>
    public static void ExitCurrent()
    {
        _current.State = ThreadState.Dead;
        Yield();
        Panic.Halt("a dead thread was scheduled");
    }

    [UnmanagedCallersOnly(EntryPoint = "KernelThreadExit")]
    private static void KernelThreadExit() => ExitCurrent();

    /// <summary>The idle loop: runs when nothing else can, halting until the next interrupt.</summary>
    public static void IdleLoop()
    {
        while (true)
        {
            if (_readyCount > 0)
                Yield();
            Cpu.WaitForInterrupt();
            Cpu.DisableInterrupts();
        }
    }
}
