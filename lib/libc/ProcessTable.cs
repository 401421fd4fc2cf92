namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>One process as ps lists it; <see cref="Pid"/> 0 when there is none.</summary>
public readonly struct ProcessEntry
{
    public int Pid { get; init; }
    public int ParentPid { get; init; }
    /// <summary>Its process group and session (the process server's).</summary>
    public int ProcessGroup { get; init; }
    public int Session { get; init; }
    public int Threads { get; init; }
    /// <summary>The CPU its oldest thread runs on or ran on last; -1 for a zombie.</summary>
    public int Cpu { get; init; }
    /// <summary>CPU time of all its threads, to a timer tick (10 ms at the default rate).</summary>
    public ulong CpuMilliseconds { get; init; }
    /// <summary>The memory it has mapped, from the memory server (0 for a zombie).</summary>
    public ulong ResidentBytes { get; init; }
    /// <summary>Ended, not yet reaped by its parent.</summary>
    public bool Zombie { get; init; }
    /// <summary>Stopped by a signal (Ctrl-Z, SIGSTOP) until SIGCONT.</summary>
    public bool Stopped { get; init; }
    /// <summary>The program's path (cut to <see cref="ProcessInfo.NameBytes"/>).</summary>
    public string Name { get; init; }
    /// <summary>Its arguments joined by blanks (cut to <see cref="ProcessInfo.CommandLineBytes"/>); empty if it has none.</summary>
    public string CommandLine { get; init; }
}

/// <summary>One thread of a process as ps -T lists it; <see cref="Id"/> 0 when there is none.</summary>
public readonly struct ThreadEntry
{
    public int Id { get; init; }
    /// <summary>The CPU it runs on now, or ran on last.</summary>
    public int Cpu { get; init; }
    /// <summary>One of <see cref="ThreadInfo"/>'s states: ready, running, blocked, sleeping.</summary>
    public int State { get; init; }
    public int Priority { get; init; }

    public string StateName => State switch
    {
        ThreadInfo.StateRunning => "running",
        ThreadInfo.StateBlocked => "blocked",
        ThreadInfo.StateSleeping => "sleeping",
        _ => "ready",
    };
}

/// <summary>The process table as the process server (servers/proc) reports it, with each process's memory from the memory server (servers/mem), for programs without pointers (ps).</summary>
public static unsafe class ProcessTable
{
    /// <summary>The process with the lowest pid above <paramref name="pid"/> (0 for the first); Pid 0 past the last.</summary>
    public static ProcessEntry Next(int pid)
    {
        ProcessInfo info;
        if (ProcClient.List(pid, &info) <= 0)
            return default;
        info.Name[ProcessInfo.NameBytes - 1] = 0;
        info.CommandLine[ProcessInfo.CommandLineBytes - 1] = 0;
        long resident = MemClient.Usage(info.Pid);
        return new ProcessEntry
        {
            Pid = info.Pid,
            ParentPid = info.ParentPid,
            ProcessGroup = info.ProcessGroup,
            Session = info.Session,
            Threads = info.Threads,
            Cpu = info.Cpu,
            ResidentBytes = resident > 0 ? (ulong)resident : 0,
            CpuMilliseconds = info.CpuMilliseconds,
            Zombie = info.State == ProcessInfo.StateZombie,
            Stopped = info.State == ProcessInfo.StateStopped,
            Name = Strings.FromAscii(info.Name),
            CommandLine = Strings.FromAscii(info.CommandLine),
        };
    }

    /// <summary>The thread of <paramref name="pid"/> with the lowest id above <paramref name="afterId"/> (0 for the first); Id 0 past the last or if the process is gone.</summary>
    public static ThreadEntry NextThread(int pid, int afterId)
    {
        ThreadInfo info;
        if (ProcClient.Threads(pid, afterId, &info) <= 0)
            return default;
        return new ThreadEntry { Id = info.Id, Cpu = info.Cpu, State = info.State, Priority = info.Priority };
    }
}
