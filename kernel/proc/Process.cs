namespace Ocean.Kernel.Proc;

using Ocean.Abi;

using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Fs;

/// <summary>Whether a process still runs, or has ended and waits for the process server to read its end.</summary>
public enum ProcessState
{
    Alive,
    Zombie,
}

/// <summary>
/// A process: an address space, credentials, its threads, its exit status and its resources (the
/// heap break, anonymous mappings). The family tree is the process server's: the kernel only keeps
/// the pid of the process that forked this one, to report with its end.
/// </summary>
public sealed class Process
{
    public int Pid;
    public uint UserId, GroupId;
    /// <summary>The process that forked it (0: the kernel started it); the process server keeps who its parent is now.</summary>
    public int ParentPid;
    public Process NextInTable;
    /// <summary>The next in <see cref="EndedProcesses"/>'s queue.</summary>
    public Process NextEnded;

    public PageTable AddressSpace;
    /// <summary>
    /// Taken by the page-fault fast path of a process with several threads, which may fault at once
    /// under the shared kernel lock (any other change to the tables holds the kernel lock exclusively).
    /// </summary>
    public Ocean.Kernel.Sched.RankedSpinLock PageTableLock = new(Ocean.Kernel.Sched.LockRank.Process);
    /// <summary>The capabilities this process holds (kernel/ipc).</summary>
    public Ocean.Kernel.Ipc.CapabilitySpace Capabilities;
    /// <summary>Every thread of the process (linked through <see cref="Thread.NextInProcess"/>), dead ones until reaped.</summary>
    public Thread Threads;
    /// <summary>Threads not yet ended; the last one to end tears the process down.</summary>
    public int LiveThreads;
    /// <summary>Which thread slots (grant windows) are in use, one bit each.</summary>
    public ulong ThreadSlots;
    /// <summary>Set by the first exit, kill or fatal fault: every thread ends, with <see cref="ExitStatus"/>.</summary>
    public bool Exiting;
    public ProcessState State;
    /// <summary>Encoded as waitpid reports it (see Ocean.Abi.WaitStatus).</summary>
    public int ExitStatus;


    /// <summary>CPU time of its threads already freed, in timer ticks (the live ones keep their own).</summary>
    public ulong EndedThreadTicks;

    /// <summary>The open files its descriptors name.</summary>
    public FileTable Files;

    /// <summary>Calls parked by this process's servers, by ticket - 1 (kernel/ipc/ParkedReplies.cs); null until the first.</summary>
    public Thread[] Parked;
    /// <summary>Counts this process's parks: the high bits of each ticket.</summary>
    public long ParkSerial;

    /// <summary>A server the kernel started and the system cannot go on without (proc, mem): ps flags it, and the process server never kills it.</summary>
    public bool System;

    /// <summary>Set by kill: the process ends the next time it would run user code.</summary>
    public bool KillPending;

    /// <summary>The thread that has the others stopped (threads_stop; <see cref="ThreadStops"/>), or null: they run no user code meanwhile.</summary>
    public Thread Stopper;

    /// <summary>Stopped by a signal (process_stop, for job control): no thread of it runs user code until continued.</summary>
    public bool JobStopped;

    /// <summary>
    /// Not of the console's foreground process group (the process server says so: process_console): a
    /// console read waits, and tells the server, which stops the group with SIGTTIN. Fork keeps it.
    /// </summary>
    public bool ConsoleBackground;

    /// <summary>A console read is waiting because of <see cref="ConsoleBackground"/>, and the server has not yet been told again.</summary>
    public bool WantsConsole;

    /// <summary>Whether its threads must check, on their way back to user mode, that they may go on.</summary>
    public bool HoldsThreads => Stopper != null || JobStopped;

    /// <summary>Where the program takes divide errors and null references (<see cref="FaultDelivery"/>); 0: nowhere. Fork keeps it, exec clears it.</summary>
    public ulong FaultEntry;

    /// <summary>The program's path, for messages (ASCII).</summary>
    public byte[] Name;
    /// <summary>Its arguments joined by blanks, cut to what ps shows (null until a program is loaded).</summary>
    public byte[] CommandLine;

    /// <summary>
    /// The memory server's words for this address space (break, mmap placement, charges): set when a
    /// program is loaded, copied by fork, otherwise changed only by space_change (and by the kernel's
    /// own placements below the mmap area, device_map and space_share, which the server then reads back).
    /// </summary>
    public SpaceLayout Layout;
}
