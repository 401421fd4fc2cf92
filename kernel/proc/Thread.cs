namespace Ocean.Kernel.Proc;

/// <summary>What a thread blocked in IPC is waiting for.</summary>
public enum IpcWait
{
    None,
    Sending,
    Calling,
    Receiving,
    AwaitingReply,
    Notification,
}

public enum ThreadState
{
    Ready,
    Running,
    Blocked,
    Sleeping,
    Dead,
}

/// <summary>
/// A thread: its kernel stack (with a guard page), its saved context (the stack pointer
/// <c>ContextSwitch</c> left), state, priority and CPU affinity. A user thread also belongs to a process.
/// </summary>
public sealed class Thread
{
    /// <summary>Priorities run from 0 (lowest, the idle thread) to <see cref="MaxPriority"/>.</summary>
    public const int MaxPriority = 31;
    public const int DefaultPriority = 16;
    public const int AnyCpu = -1;

    public int Id;
    public Process Process;
    public ThreadState State;
    public int Priority = DefaultPriority;
    public int CpuAffinity = AnyCpu;
    public int Cpu;

    public ulong KernelStackTop;
    public ulong SavedStackPointer;
    /// <summary>1 from the switch to this thread until ContextSwitch has left its stack: no other CPU may run it before.</summary>
    public int OnCpu;
    /// <summary>
    /// Set by a fast path that switches away holding the kernel lock shared: this thread may go on under
    /// a shared hold when it resumes. Any other switched-out thread gets the exclusive hold back first.
    /// </summary>
    public bool ResumesShared;
    /// <summary>
    /// Blocked in a fast path with nothing on its kernel stack but its system call's frame and SSE
    /// state: it resumes from the frame, with no saved stack pointer (see Ocean.Kernel.Sched.Scheduler).
    /// </summary>
    public bool ResumesFromFrame;
    /// <summary>Waiting on its way back to user mode while another thread of its process has it stopped (<see cref="ThreadStops"/>).</summary>
    public bool Parked;

    /// <summary>Timer ticks left in the current time slice.</summary>
    public int SliceLeft;
    /// <summary>Timer ticks that found this thread running (its CPU time, a tick at a time, as Unix's classic accounting).</summary>
    public ulong CpuTicks;
    /// <summary>For sleeping threads: when to wake (monotonic nanoseconds).</summary>
    public ulong WakeAt;

    /// <summary>Link in a run queue, a sleep list or a wait list.</summary>
    public Thread Next;

    /// <summary>The wait queue this thread sleeps in (a pipe's readers, say), and its link there.</summary>
    public Ocean.Kernel.Sched.WaitQueue WaitingOn;
    public Thread WaitNext;

    /// <summary>Link in the process's thread list; the slot gives the thread its own grant window.</summary>
    public Thread NextInProcess;
    public int Slot;

    // IPC (kernel/ipc): what the thread waits for, where, and the outcome.
    public IpcWait IpcState;
    public Ocean.Kernel.Ipc.Endpoint IpcEndpoint;
    public Ocean.Kernel.Ipc.Notification IpcNotification;
    public Thread IpcNext;
    public ulong IpcBadge;
    public long IpcResult;
    /// <summary>The caller this thread must answer (the one-shot reply right from its last received call).</summary>
    public Thread ReplyTo;
    /// <summary>While awaiting a reply: the thread holding the reply right (whose <see cref="ReplyTo"/> is this one).</summary>
    public Thread Server;
    /// <summary>While its call is parked (reply_park): the server's process, and the ticket there.</summary>
    public Process ParkedBy;
    public long ParkedTicket;
    /// <summary>The notification whose signals also end this thread's receives (null: none).</summary>
    public Ocean.Kernel.Ipc.Notification BoundNotification;
    /// <summary>Pages of a caller's grant mapped in this thread's grant window until it replies.</summary>
    public ulong GrantPages;

    /// <summary>While stopped by a fault the process server decides on: what happened, and the link in <see cref="FaultedThreads"/>.</summary>
    public Ocean.Abi.FaultReport Fault;
    public Thread NextFaulted;
    public bool FaultQueued;

    public bool IsUser => Process != null;
}
