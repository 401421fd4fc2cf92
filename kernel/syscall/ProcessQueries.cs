namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>What process_read and thread_read report: walk the process table in pid order, and a process's threads in id order, for ps.</summary>
public static unsafe class ProcessQueries
{
    /// <summary>Describes the process with the lowest pid above <paramref name="after"/>; returns its pid, or -ESRCH when there is none.</summary>
    public static long Describe(long after, ulong infoAddress)
    {
        Process next = null;
        for (Process p = Processes.First; p != null; p = p.NextInTable)
            if (p.Pid > after && (next == null || p.Pid < next.Pid))
                next = p;
        if (next == null)
            return -Errno.ESRCH;
        ProcessInfo info = default;
        info.Pid = next.Pid;
        info.ParentPid = next.ParentPid;   // who forked it: the process server knows who its parent is now
        info.State = next.State == ProcessState.Zombie ? ProcessInfo.StateZombie : ProcessInfo.StateAlive;
        info.Threads = next.LiveThreads;
        info.Cpu = CpuOf(next);
        info.Flags = (next.System ? ProcessInfo.FlagSystem : 0) | (next.WantsConsole ? ProcessInfo.FlagWantsConsole : 0);
        uint hz = Ocean.Kernel.Arch.X86_64.Interrupt.Timer.Hz;
        info.CpuMilliseconds = hz == 0 ? 0 : CpuTicksOf(next) * MillisecondsPerSecond / hz;
        CopyCut(next.Name, info.Name, ProcessInfo.NameBytes);
        CopyCut(next.CommandLine, info.CommandLine, ProcessInfo.CommandLineBytes);
        long error = UserMemory.CopyTo(infoAddress, &info, (ulong)sizeof(ProcessInfo));
        return error != 0 ? error : next.Pid;
    }

    /// <summary>
    /// Describes the thread of process <paramref name="pid"/> with the lowest id above <paramref name="after"/>
    /// (ended threads not yet freed are skipped); returns its id, -ESRCH without such a process, -ENOENT past the last.
    /// </summary>
    public static long DescribeThread(long pid, long after, ulong infoAddress)
    {
        Process process = null;
        for (Process p = Processes.First; p != null && process == null; p = p.NextInTable)
            if (p.Pid == pid)
                process = p;
        if (process == null)
            return -Errno.ESRCH;
        Thread next = null;
        for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            if (thread.State != ThreadState.Dead && thread.Id > after && (next == null || thread.Id < next.Id))
                next = thread;
        if (next == null)
            return -Errno.ENOENT;
        ThreadInfo info = default;
        info.Id = next.Id;
        info.Cpu = next.Cpu;
        // A thread whose call the reader is serving right now (ps listing itself through proc) runs,
        // as far as it can tell: its work is being done.
        info.State = next.Server != null && next.Server == Scheduler.Current ? ThreadInfo.StateRunning : next.State switch
        {
            ThreadState.Running => ThreadInfo.StateRunning,
            ThreadState.Blocked => ThreadInfo.StateBlocked,
            ThreadState.Sleeping => ThreadInfo.StateSleeping,
            _ => ThreadInfo.StateReady,
        };
        info.Priority = next.Priority;
        long error = UserMemory.CopyTo(infoAddress, &info, (ulong)sizeof(ThreadInfo));
        return error != 0 ? error : next.Id;
    }

    private const ulong MillisecondsPerSecond = 1000;

    // As much of text as fits before a terminating NUL (the rest of the field is already zero).
    private static void CopyCut(byte[] text, byte* field, int capacity)
    {
        int length = text == null ? 0 : text.Length;
        if (length > capacity - 1)
            length = capacity - 1;
        for (int i = 0; i < length; i++)
            field[i] = text[i];
    }

    private static ulong CpuTicksOf(Process process)
    {
        ulong ticks = process.EndedThreadTicks;
        for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            ticks += thread.CpuTicks;
        return ticks;
    }

    // Where its oldest live thread runs or ran last (threads are listed newest first, ended ones until
    // they are freed); -1 for a zombie.
    private static int CpuOf(Process process)
    {
        if (process.State == ProcessState.Zombie)
            return -1;
        Thread oldest = null;
        for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            if (thread.State != ThreadState.Dead)
                oldest = thread;
        return oldest != null ? oldest.Cpu : -1;
    }
}
