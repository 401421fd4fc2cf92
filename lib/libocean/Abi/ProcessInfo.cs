namespace Ocean.Abi;

/// <summary>What process_info reports about one process (the one layout shared by the kernel and ps).</summary>
public unsafe struct ProcessInfo
{
    public const int NameBytes = 48;
    public const int StateAlive = 0, StateZombie = 1;

    public int Pid;
    public int ParentPid;
    /// <summary><see cref="StateAlive"/> or <see cref="StateZombie"/> (ended, not yet reaped).</summary>
    public int State;
    public int Threads;
    /// <summary>The CPU its oldest thread runs on, or ran on last (-1 for a zombie).</summary>
    public int Cpu;
    /// <summary>The program's path, NUL-terminated (cut to fit).</summary>
    public fixed byte Name[NameBytes];
}
