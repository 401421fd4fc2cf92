namespace Ocean.Abi;

/// <summary>What process_read reports about one process (the one layout shared by the kernel, proc and ps).</summary>
public unsafe struct ProcessInfo
{
    public const int NameBytes = 48;
    /// <summary>The arguments it was started with, joined by blanks (cut to fit).</summary>
    public const int CommandLineBytes = 96;
    public const int StateAlive = 0, StateZombie = 1, StateStopped = 2;
    /// <summary><see cref="Flags"/>: a server the kernel started, which the system cannot go on without (proc, mem).</summary>
    public const int FlagSystem = 1;
    /// <summary><see cref="Flags"/>: a console read of its waits because it is not of the foreground group (the process server sends SIGTTIN).</summary>
    public const int FlagWantsConsole = 2;

    public int Pid;
    public int ParentPid;
    /// <summary><see cref="StateAlive"/>, <see cref="StateZombie"/> (ended, not yet reaped) or <see cref="StateStopped"/> (by a signal: proc says so).</summary>
    public int State;
    public int Threads;
    /// <summary>The CPU its oldest thread runs on, or ran on last (-1 for a zombie).</summary>
    public int Cpu;
    /// <summary><see cref="FlagSystem"/>, or 0.</summary>
    public int Flags;
    /// <summary>Its process group and session: the process server's (0 from the kernel's process_read).</summary>
    public int ProcessGroup, Session;
    /// <summary>CPU time of all its threads, counted a timer tick at a time (10 ms at the default rate).</summary>
    public ulong CpuMilliseconds;
    /// <summary>The program's path, NUL-terminated (cut to fit).</summary>
    public fixed byte Name[NameBytes];
    /// <summary>Its arguments (argv) joined by blanks, NUL-terminated (cut to fit); a forked child has its parent's until it execs.</summary>
    public fixed byte CommandLine[CommandLineBytes];
}
