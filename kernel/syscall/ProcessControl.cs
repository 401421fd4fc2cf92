namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Ipc;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// The process server's calls, each allowed only through the <see cref="ObjectKind.Processes"/>
/// capability: read the table and a process's threads, fork the process it is serving, learn of every
/// process end, reap an ended child for its parent, and end a process. Who may wait for or kill whom
/// is the server's rule; these are the mechanism.
/// </summary>
public static unsafe class ProcessControl
{
    /// <summary>process_read: <see cref="ProcessQueries.Describe"/> for the capability's holder.</summary>
    public static long Read(long slot, long after, ulong infoAddress) =>
        Authorized(slot, out long error) ? ProcessQueries.Describe(after, infoAddress) : error;

    /// <summary>thread_read: <see cref="ProcessQueries.DescribeThread"/> for the capability's holder.</summary>
    public static long ReadThread(long slot, long pid, long after, ulong infoAddress) =>
        Authorized(slot, out long error) ? ProcessQueries.DescribeThread(pid, after, infoAddress) : error;

    /// <summary>process_events: every process end from now on signals the notification with the bits.</summary>
    public static long Events(long slot, long notificationSlot, ulong bits)
    {
        if (!Authorized(slot, out long error))
            return error;
        if (!IpcCalls.Lookup(notificationSlot, ObjectKind.Notification, CapabilityRights.Send, out Capability capability, out error))
            return error;
        if ((bits & NotificationCalls.SignalMask) == 0)
            return -Errno.EINVAL;
        Processes.NotifyEnds((Notification)capability.Object, bits);
        return 0;
    }

    /// <summary>process_ended: the oldest end not yet read; its pid (0: some went unrecorded), the parent's written; -EAGAIN when none.</summary>
    public static long Ended(long slot, ulong parentAddress)
    {
        if (!Authorized(slot, out long error))
            return error;
        if (!EndedProcesses.TryTake(out int pid, out int parent))
            return -Errno.EAGAIN;
        long parentWord = parent;
        error = UserMemory.CopyTo(parentAddress, &parentWord, sizeof(long));
        return error != 0 ? error : pid;
    }

    /// <summary>process_reap: an ended child of <paramref name="parent"/>, freed, its status written; 0 while they run; ECHILD.</summary>
    public static long Reap(long slot, long parent, long pid, ulong statusAddress)
    {
        if (!Authorized(slot, out long error))
            return error;
        Process process = parent == (int)parent ? Processes.Find((int)parent) : null;
        if (process == null || process.State == ProcessState.Zombie)
            return -Errno.ECHILD;
        return Processes.ReapChild(process, pid, statusAddress);
    }

    /// <summary>
    /// process_fork: forks the process whose call the holder is serving, from the calling thread. The
    /// child starts as that call would end with the answer label 0, word 0 = 0 (fork's "you are the
    /// child"); the holder's own answer to the parent is still to come.
    /// </summary>
    public static long Fork(long slot)
    {
        Thread caller = ServedCaller(slot, out long error);
        return caller == null ? error : Processes.Fork(caller, IpcCalls.FrameOf(caller));
    }

    // The thread whose call the holder of the Processes capability is serving, still waiting for the
    // answer; null with EINVAL when there is none, ESRCH when its process is being killed.
    private static Thread ServedCaller(long slot, out long error)
    {
        if (!Authorized(slot, out error))
            return null;
        Thread caller = Scheduler.Current.ReplyTo;
        error = caller == null || caller.IpcState != IpcWait.AwaitingReply || caller.Process == null ? -Errno.EINVAL
            : caller.Process.Exiting ? -Errno.ESRCH
            : 0;
        return error == 0 ? caller : null;
    }

    /// <summary>process_kill: ends a process as a kill does.</summary>
    public static long Kill(long slot, long pid) => Authorized(slot, out long error) ? Processes.Kill(pid) : error;

    private static bool Authorized(long slot, out long error) => IpcCalls.Lookup(slot, ObjectKind.Processes, 0, out _, out error);
}
