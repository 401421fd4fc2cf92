namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>One process as ps lists it; <see cref="Pid"/> 0 when there is none.</summary>
public readonly struct ProcessEntry
{
    public ProcessEntry(int pid, int parentPid, int threads, bool zombie, string name)
    {
        Pid = pid;
        ParentPid = parentPid;
        Threads = threads;
        Zombie = zombie;
        Name = name;
    }

    public int Pid { get; }
    public int ParentPid { get; }
    public int Threads { get; }
    /// <summary>Ended, not yet reaped by its parent.</summary>
    public bool Zombie { get; }
    /// <summary>The program's path (cut to <see cref="ProcessInfo.NameBytes"/>).</summary>
    public string Name { get; }
}

/// <summary>The kernel's process table, for programs without pointers (ps).</summary>
public static unsafe class ProcessTable
{
    /// <summary>The process with the lowest pid above <paramref name="pid"/> (0 for the first); Pid 0 past the last.</summary>
    public static ProcessEntry Next(int pid)
    {
        ProcessInfo info;
        if (Syscall.ProcessInfo(pid, &info) <= 0)
            return default;
        info.Name[ProcessInfo.NameBytes - 1] = 0;
        return new ProcessEntry(info.Pid, info.ParentPid, info.Threads, info.State == ProcessInfo.StateZombie, Strings.FromAscii(info.Name));
    }
}
