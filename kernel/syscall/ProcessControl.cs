namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Ipc;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// The process server's calls, each allowed only through the <see cref="ObjectKind.Processes"/>
/// capability: read the table and a process's threads, fork the process it is serving or replace its
/// program, take each process end (which frees the process), and end a process. Who is whose
/// child, who may wait for or kill whom, and the zombies are the server's; these are the mechanism.
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

    /// <summary>
    /// process_ended: the oldest end not yet read, its pid returned and its <see cref="ProcessEnd"/>
    /// (parent and status) written; the kernel then frees the process. -EAGAIN when none waits.
    /// </summary>
    public static long Ended(long slot, ulong endAddress)
    {
        if (!Authorized(slot, out long error))
            return error;
        Process ended = Processes.OldestEnd;
        if (ended == null)
            return -Errno.EAGAIN;
        ProcessEnd end;
        end.Parent = ended.ParentPid;
        end.Status = ended.ExitStatus;
        error = UserMemory.CopyTo(endAddress, &end, (ulong)sizeof(ProcessEnd));
        if (error != 0)
            return error;   // not read: it stays for the next call
        long pid = ended.Pid;
        Processes.ReleaseOldestEnd();
        return pid;
    }

    /// <summary>
    /// process_fork: forks the process whose call the holder is serving, from the calling thread. The
    /// child starts as that call would end with the answer label 0, word 0 = 0 (fork's "you are the
    /// child"); the holder's own answer to the parent is still to come.
    /// </summary>
    public static long Fork(long slot, long pid)
    {
        Thread caller = ServedCaller(slot, out long error);
        return caller == null ? error : Processes.Fork(caller, IpcCalls.FrameOf(caller), pid);
    }

    /// <summary>The largest program an exec takes from the caller's memory (it is copied into the kernel heap first).</summary>
    private const ulong MaxImageBytes = 16UL << 20;

    /// <summary>
    /// process_exec: replaces the program of the process whose call the holder is serving, with the
    /// arguments <see cref="ExecArguments"/> names in that process's memory. On success that call is
    /// over without an answer: its thread starts the new program. On failure the caller is unchanged
    /// and still waits for the holder's answer (the errno).
    /// </summary>
    public static long Exec(long slot, ulong argumentsAddress)
    {
        Thread caller = ServedCaller(slot, out long error);
        if (caller == null)
            return error;
        if (Scheduler.Current.GrantPages != 0)
            return -Errno.EINVAL;   // the call lent pages of the address space about to go
        ExecArguments arguments;
        if ((error = UserMemory.CopyFrom(&arguments, argumentsAddress, (ulong)sizeof(ExecArguments))) != 0)
            return error;
        Process process = caller.Process;
        byte* image = null;
        if (arguments.ImageSize > 0)
        {
            if (arguments.ImageSize > MaxImageBytes)
                return -Errno.E2BIG;
            image = (byte*)KernelHeap.Allocate((nuint)arguments.ImageSize);
            if (image == null)
                return -Errno.ENOMEM;
            error = UserMemory.CopyFrom(process, image, arguments.Image, arguments.ImageSize);
        }
        if (error == 0)
            error = ExecCopied(process, caller, &arguments, image);
        if (image != null)
            KernelHeap.Free(image);
        if (error == 0)
        {
            IpcCalls.ProgramReplaced(caller);
            IpcCalls.EndCallUnanswered(Scheduler.Current, caller);
        }
        return error;
    }

    // The path and the argument strings, copied from the caller's memory before its address space goes.
    private static long ExecCopied(Process process, Thread caller, ExecArguments* arguments, byte* image)
    {
        byte[] path = UserMemory.CopyString(process, arguments->Path, SyscallLimits.MaxPathLength + 1, out long error);
        if (path == null)
            return error;
        byte[][] argv = UserMemory.CopyStringArray(process, arguments->Argv, out error);
        if (argv == null)
        {
            KernelHeap.Free(path);
            return error;
        }
        byte[][] envp = UserMemory.CopyStringArray(process, arguments->Envp, out error);
        if (envp == null)
        {
            KernelHeap.Free(path);   // a bad envp leaked the path copy
            FreeStrings(argv);
            return error;
        }
        long result = Processes.Exec(process, IpcCalls.FrameOf(caller), path, argv, envp, image, arguments->ImageSize);
        // On success the path became the process's name; the argument copies are on its stack now.
        if (result != 0)
            KernelHeap.Free(path);
        FreeStrings(argv);
        FreeStrings(envp);
        return result;
    }

    private static void FreeStrings(byte[][] strings)
    {
        for (int i = 0; i < strings.Length; i++)
            KernelHeap.Free(strings[i]);
        KernelHeap.Free(strings);
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

    /// <summary>process_kill: ends a process as a kill does, its status "killed by" the signal given.</summary>
    public static long Kill(long slot, long pid, long signal)
    {
        if (!Authorized(slot, out long error))
            return error;
        return signal < 1 || signal > MaxSignal ? -Errno.EINVAL : Processes.Kill(pid, (int)signal);
    }

    private const long MaxSignal = 64;

    // The process pid names, if it is not a zombie (a pid is an int: a wider value names nobody).
    private static Process Live(long pid)
    {
        Process target = pid == (int)pid ? Processes.Find((int)pid) : null;
        return target == null || target.State == ProcessState.Zombie ? null : target;
    }

    /// <summary>
    /// process_console: whether the process is outside the console's foreground group (1) or not (0);
    /// either way the server has now heard of any console read that waited.
    /// </summary>
    public static long Console(long slot, long pid, ulong background)
    {
        if (!Authorized(slot, out long error))
            return error;
        if (background > 1)
            return -Errno.EINVAL;
        Process target = Live(pid);
        if (target == null)
            return -Errno.ESRCH;
        target.ConsoleBackground = background == 1;
        target.WantsConsole = false;
        if (background == 0)
            Lib.ConsoleInput.WakeReaders();
        return 0;
    }

    /// <summary>process_stop: stops a process's threads for job control (stop = 1) or lets them go on (0).</summary>
    public static long Stop(long slot, long pid, ulong stop)
    {
        if (!Authorized(slot, out long error))
            return error;
        if (stop > 1)
            return -Errno.EINVAL;
        Process target = Live(pid);
        if (target == null || target.Exiting)
            return -Errno.ESRCH;
        if (target == Processes.Current)
            return -Errno.EINVAL;   // the process server itself: nobody would continue it
        if (stop == 1)
            ThreadStops.StopJob(target);
        else
            ThreadStops.ContinueJob(target);
        return 0;
    }

    /// <summary>
    /// process_faulted: the oldest thread stopped by a fault not yet read, its pid returned and its
    /// <see cref="FaultReport"/> written. The thread stays stopped until its process is killed.
    /// -EAGAIN when none waits.
    /// </summary>
    public static long Faulted(long slot, ulong reportAddress)
    {
        if (!Authorized(slot, out long error))
            return error;
        Thread faulted = FaultedThreads.Oldest;
        if (faulted == null)
            return -Errno.EAGAIN;
        FaultReport report = faulted.Fault;
        error = UserMemory.CopyTo(reportAddress, &report, (ulong)sizeof(FaultReport));
        if (error != 0)
            return error;   // not read: it stays for the next call
        FaultedThreads.Remove(faulted);
        return report.Pid;
    }

    private static bool Authorized(long slot, out long error) => IpcCalls.Lookup(slot, ObjectKind.Processes, 0, out _, out error);
}
