namespace Ocean.Kernel.Proc;

using System.Runtime.CompilerServices;
using System.Runtime;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Fs;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Sched;

/// <summary>
/// Process lifetime, the Unix way: the first processes from programs, fork (copy-on-write), exec,
/// exit (children go to init; the parent and the process server are told), reaping zombies and kill
/// (for the process server, which owns waitpid's and kill's rules). What a fault
/// in user mode does is <see cref="UserFaults"/>; copy-on-write itself is Ocean.Kernel.Mm.CopyOnWrite.
/// </summary>
public static unsafe class Processes
{
    public const int InitPid = 1;

    private static Process _all;
    private static Process _init;
    private static int _nextPid = InitPid;
    private static ProgramSource _programs;
    // The process server's notification (process_events): signalled whenever a process ends.
    private static Ocean.Kernel.Ipc.Notification _endNotification;
    private static ulong _endBits;

    public static int Count { get; private set; }

    public static void Initialize(ProgramSource programs)
    {
        _programs = programs;
        Exceptions.UserFault = &UserFaults.Handle;
        Interrupts.UserPageFaultFastPath = &PageFaultFastPath.TryHandle;
    }

    /// <summary>The head of the process table (linked through <see cref="Process.NextInTable"/>).</summary>
    public static Process First => _all;

    public static Process Current
    {
        get
        {
            Thread thread = Scheduler.Current;
            return thread == null ? null : thread.Process;
        }
    }

    public static PageTable* CurrentSpace
    {
        get
        {
            Process process = Current;
            if (process == null)
                Panic.Halt("user memory accessed outside a process");
            return SpaceOf(process);
        }
    }

    /// <summary>A process's page tables (processes never move: the kernel heap has no compaction).</summary>
    public static PageTable* SpaceOf(Process process)
    {
        fixed (PageTable* space = &process.AddressSpace)
            return space;
    }

    public static Process Find(int pid)
    {
        for (Process p = _all; p != null; p = p.NextInTable)
            if (p.Pid == pid)
                return p;
        return null;
    }

    // pid 0: the kernel's next (the processes it starts itself); otherwise the process server's choice.
    private static Process NewProcess(Process parent, byte[] name, int pid = 0)
    {
        var process = new Process { Pid = pid != 0 ? pid : _nextPid++, ParentPid = parent == null ? 0 : parent.Pid, Name = name, State = ProcessState.Alive };
        process.Capabilities = parent != null ? parent.Capabilities.Clone() : new Ocean.Kernel.Ipc.CapabilitySpace();
        process.Files = parent != null ? parent.Files.Clone() : FileTable.ForConsole();
        if (!KernelAddressSpace.Table->TryCreateUserSpace(out process.AddressSpace))
        {
            process.Capabilities.Clear();
            process.Capabilities.Free();
            process.Files.Free();
            KernelHeap.Free(process);
            return null;
        }
        process.NextInTable = _all;
        _all = process;
        if (parent != null)
        {
            process.UserId = parent.UserId;
            process.GroupId = parent.GroupId;
        }
        Count++;
        return process;
    }

    /// <summary>
    /// Starts the first process (pid 1, init) from <paramref name="initPath"/> and then each of
    /// <paramref name="servers"/> (pids 2, 3, ...). All are set up, with every capability in place,
    /// before any runs, so init's first request to a server simply waits for it. A server whose
    /// program is missing is reported, and the system runs on without it.
    /// </summary>
    public static long StartSystem(byte[] initPath, SystemServer[] servers)
    {
        long result = StartProgram(initPath, out Process init, out Thread initThread);
        if (result != 0)
            return result;
        _init = init;
        Ocean.Kernel.Ipc.Bootstrap.GiveInit(init.Capabilities);
        var threads = new Thread[servers.Length];
        var started = new Process[servers.Length];
        for (int i = 0; i < servers.Length; i++)
        {
            result = StartProgram(servers[i].Path, out Process server, out threads[i]);
            if (result == 0)
            {
                server.System = true;
                Ocean.Kernel.Ipc.Bootstrap.GiveServer(server.Capabilities, servers[i].Authority, init.Capabilities, servers[i].ClientSlot);
                // Each reaches the servers started after it (the process server the memory server), never one before: no cycles.
                for (int earlier = 0; earlier < i; earlier++)
                    if (started[earlier] != null)
                        Ocean.Kernel.Ipc.Bootstrap.GiveClient(server.Capabilities, started[earlier].Capabilities, servers[i].ClientSlot);
                started[i] = server;
                continue;
            }
            Console.Write("Ocean: cannot start the system server ");
            WriteName(servers[i].Path);
            Console.Write(" (error ");
            Console.WriteDecimal(result);
            Console.WriteLine("); requests to it will fail");
        }
        Scheduler.MakeReady(initThread);
        for (int i = 0; i < threads.Length; i++)
            if (threads[i] != null)
                Scheduler.MakeReady(threads[i]);
        KernelHeap.Free(threads);
        KernelHeap.Free(started);
        return 0;
    }

    // A parentless process running the program at path, with one thread ready to start it (not yet
    // made ready). On failure nothing of it is left.
    private static long StartProgram(byte[] path, out Process process, out Thread thread)
    {
        thread = null;
        process = NewProcess(null, Copy(path));   // its own copy: a failed start frees it
        if (process == null)
            return -Errno.ENOMEM;
        thread = Scheduler.NewThread(process, Thread.DefaultPriority);
        long result = -Errno.ENOMEM;
        if (thread != null)
        {
            Threads.Attach(process, thread);
            byte[][] argv = { path };
            result = LoadInto(process, path, null, 0, argv, new byte[0][], out ulong entry, out ulong stack);
            if (result == 0)
            {
                process.CommandLine = Join(argv);
        process.FaultEntry = 0;   // the old program's entry is gone with its memory
                InterruptFrame* frame = UserThreadStart.Prepare(thread, null);
                UserThreadStart.SetEntry(frame, entry, stack);
                return 0;
            }
        }
        Discard(process);
        thread = null;
        return result;
    }

    // The image is the caller's (exec_image) or, when null, the program source's file at path.
    private static long LoadInto(Process process, byte[] path, byte* image, ulong size, byte[][] argv, byte[][] envp, out ulong entry, out ulong stack)
    {
        entry = stack = 0;
        bool bootModule = image == null;
        if (bootModule)
            fixed (byte* p = path)
                if (!_programs.Find(p, path.Length, out image, out size))
                    return -Errno.ENOENT;
        long result = ProgramLoader.Load(ref process.AddressSpace, image, size, argv, envp, out entry, out stack, out ulong brk, out string error, bootModule);
        if (error != null)
        {
            Console.Write("exec: ");
            WriteName(path);
            Console.Write(": ");
            Console.WriteLine(error);
        }
        process.Layout = new SpaceLayout { BreakStart = brk, Break = brk, MmapNext = UserLayout.MmapTop };
        return result;
    }

    /// <summary>
    /// fork, for the process server: <paramref name="from"/> (blocked in its call to the server, with
    /// its registers in <paramref name="frame"/>) gets a copy-on-write copy of its process with one
    /// thread, which starts as if the call had been answered with label 0 and word 0 = 0.
    /// </summary>
    public static long Fork(Thread from, InterruptFrame* frame, long pid)
    {
        if (pid <= 0 || pid > int.MaxValue)
            return -Errno.EINVAL;
        if (Find((int)pid) != null)
            return -Errno.EEXIST;   // the process server's table and the kernel's disagree: refuse, never alias
        Process parent = from.Process;
        if (!ProcessLimits.MayFork(parent))
            return -Errno.EAGAIN;
        if (!MemoryReserve.NewTaskAllowed)
            return -Errno.ENOMEM;   // its stack and page tables would eat the kernel's reserve
        Process child = NewProcess(parent, Copy(parent.Name), (int)pid);
        if (child == null)
            return -Errno.ENOMEM;
        child.CommandLine = parent.CommandLine == null ? null : Copy(parent.CommandLine);
        child.FaultEntry = parent.FaultEntry;
        child.ConsoleBackground = parent.ConsoleBackground;
        Thread thread = Scheduler.NewThread(child, from.Priority);
        if (thread != null)
            Threads.Attach(child, thread);
        if (thread == null || !parent.AddressSpace.CloneUserHalf(ref child.AddressSpace) || !Ocean.Kernel.Ipc.Grants.GiveChildLentPages(parent, child))
        {
            Discard(child);
            Ocean.Kernel.Ipc.Grants.TakeBackLentPages(parent);
            return -Errno.ENOMEM;
        }
        child.Layout = parent.Layout;   // with the mappings they describe, in the same step
        BigKernelLock.UserMappingsChanged(parent);   // the parent's writable pages just became copy-on-write
        InterruptFrame* childFrame = UserThreadStart.Prepare(thread, frame);
        childFrame->Rax = 0;   // the call succeeded,
        childFrame->Rsi = MessageTag.Make(0, sizeof(ulong));   // answered with label 0,
        childFrame->Rdi = 0;   // by the server (no badge),
        childFrame->Rdx = 0;   // and word 0, the child's pid, is 0: "you are the child"
        Scheduler.MakeReady(thread);
        return child.Pid;
    }

    /// <summary>
    /// exec(path, argv, envp): replaces the program of <paramref name="process"/> (whose one thread has
    /// its registers in <paramref name="frame"/>), from <paramref name="image"/> if given or else from
    /// the program source; on failure the process goes on unchanged.
    /// </summary>
    public static long Exec(Process process, InterruptFrame* frame, byte[] path, byte[][] argv, byte[][] envp, byte* image = null, ulong imageSize = 0)
    {
        if (process.LiveThreads > 1)
            return -Errno.EBUSY;   // exec replaces the address space the other threads run in
        PageTable old = process.AddressSpace;
        if (!KernelAddressSpace.Table->TryCreateUserSpace(out process.AddressSpace))
        {
            process.AddressSpace = old;
            return -Errno.ENOMEM;
        }
        SpaceLayout oldLayout = process.Layout;
        long result = LoadInto(process, path, image, imageSize, argv, envp, out ulong entry, out ulong stack);
        if (result != 0)
        {
            process.AddressSpace.DestroyUserSpace();
            process.AddressSpace = old;
            process.Layout = oldLayout;
            return result;
        }
        if (process == Current)
            process.AddressSpace.Activate();
        // Otherwise its one thread waits for the process server, so no CPU has the old tables loaded.
        old.DestroyUserSpace();
        KernelHeap.Free(process.Name);
        process.Name = path;
        KernelHeap.Free(process.CommandLine);
        process.CommandLine = Join(argv);
        process.FaultEntry = 0;   // the old program's entry is gone with its memory
        Ocean.Kernel.Ipc.ParkedReplies.FailAll(process);   // the new program knows none of the old one's tickets
        UserThreadStart.SetEntry(frame, entry, stack);
        FxsaveArea.WriteDefault(FxsaveArea.Below(frame));
        return 0;
    }

    /// <summary>
    /// Ends the current process with <paramref name="status"/> (encoded; the first exit, kill or fault
    /// decides it); never returns. Every other thread is woken to end too; the last one to end tears
    /// the process down.
    /// </summary>
    public static void ExitCurrent(int status)
    {
        Thread self = Scheduler.Current;
        Process process = self.Process;
        ThreadStops.StopperEnding(self);
        if (!process.Exiting)
        {
            process.Exiting = true;
            process.KillPending = true;
            process.ExitStatus = status;
            Threads.InterruptAll(process, self);
        }
        Ocean.Kernel.Ipc.IpcCalls.ThreadExiting(self);
        if (process.LiveThreads == 1)
            Finish(process, process.ExitStatus);
        else
            Threads.Detach(process, self);
        Scheduler.ExitCurrent();
    }

    /// <summary>thread_exit: ends the calling thread; the last thread's exit ends the process with status 0.</summary>
    public static void ExitThread()
    {
        Thread self = Scheduler.Current;
        Process process = self.Process;
        if (process.LiveThreads == 1)
            ExitCurrent(WaitStatus.Exited(0));
        ThreadStops.StopperEnding(self);
        Ocean.Kernel.Ipc.IpcCalls.ThreadExiting(self);
        Threads.Detach(process, self);
        Scheduler.ExitCurrent();
    }

    private static void Finish(Process process, int status)
    {
        if (process == _init)
        {
            ConsoleInput.Enabled = false;
            Console.Write("init (pid 1) exited with status ");
            Console.WriteHex((ulong)status, 4);
            Console.WriteLine();
        }
        else if (process.System)
        {
            // Nobody can restart it: say so, since every request to it fails from now on.
            Console.Write("Ocean: ");
            WriteName(process.Name);
            Console.Write(" (pid ");
            Console.WriteDecimal(process.Pid);
            Console.Write(") ended with status ");
            Console.WriteHex((ulong)status, 4);
            Console.WriteLine("; the system cannot go on without it");
        }
        process.ExitStatus = status;
        TearDown(process);
        // Its end waits in the kernel until the process server reads it (which frees the rest);
        // the parent hears of it from the server, which also hands its children to init.
        EndedProcesses.Add(process);
        if (_endNotification != null)
            Ocean.Kernel.Ipc.NotificationCalls.Deliver(_endNotification, _endBits);
    }

    // What an ended process no longer needs: its files, its IPC waits and its address space.
    private static void TearDown(Process process)
    {
        process.State = ProcessState.Zombie;
        process.Files.CloseAll();   // pipe readers see end of file now, not when the parent reaps
        Ocean.Kernel.Ipc.IpcCalls.ProcessExiting(process);
        // Off its address space before freeing it (the kernel half is the same everywhere).
        if (Current == process)
            KernelAddressSpace.Table->Activate();
        process.AddressSpace.DestroyUserSpace();
    }

    // A process that never ran (a failed fork or start): gone without an end to report.
    private static void Discard(Process process)
    {
        TearDown(process);
        Free(process);
    }

    /// <summary>
    /// Whether a fault the kernel cannot resolve goes to the process server: once it listens for
    /// process events, for every process but the ones the kernel started (the server itself among them).
    /// </summary>
    public static bool FaultsGoToServer(Process process) => _endNotification != null && !process.System;

    /// <summary>Signals the process server's event notification: something in the table is for it to read (an end, a fault, a background console read).</summary>
    public static void TellServer()
    {
        if (_endNotification != null)
            Ocean.Kernel.Ipc.NotificationCalls.Deliver(_endNotification, _endBits);
    }

    /// <summary>
    /// Stops <paramref name="self"/> (its <see cref="Thread.Fault"/> filled in) for the process server
    /// to read (process_faulted) and decide on; returns once its process is being killed.
    /// </summary>
    public static void StopForServer(Thread self)
    {
        FaultedThreads.Add(self);
        Ocean.Kernel.Ipc.NotificationCalls.Deliver(_endNotification, _endBits);
        while (!self.Process.KillPending)
            Scheduler.Block();
        FaultedThreads.Remove(self);   // killed before the server read it
    }

    /// <summary>The oldest end the process server has not read (process_ended), or null.</summary>
    public static Process OldestEnd => EndedProcesses.Oldest;

    /// <summary>The process server has read <see cref="OldestEnd"/>: the process goes for good.</summary>
    public static void ReleaseOldestEnd()
    {
        Process ended = EndedProcesses.Oldest;
        EndedProcesses.TakeOldest();
        Free(ended);
    }

    /// <summary>process_events: every process end from now on signals <paramref name="notification"/> with <paramref name="bits"/>.</summary>
    public static void NotifyEnds(Ocean.Kernel.Ipc.Notification notification, ulong bits)
    {
        notification.AddReference();   // it outlives the capability it was named by
        _endNotification?.DropReference();
        _endNotification = notification;
        _endBits = bits;
        if (EndedProcesses.Oldest != null)
            Ocean.Kernel.Ipc.NotificationCalls.Deliver(notification, bits);   // ends from before it asked
    }

    /// <summary>Frees an ended process's remaining resources: its threads' stacks, the objects, the table entry.</summary>
    private static void Free(Process child)
    {
        if (child == _init)
            _init = null;   // its end is reported: whatever comes to live in its place is not init
        if (_all == child)
            _all = child.NextInTable;
        else
            for (Process p = _all; p != null; p = p.NextInTable)
                if (p.NextInTable == child)
                {
                    p.NextInTable = child.NextInTable;
                    break;
                }
        Threads.FreeAll(child);
        Count--;
        child.Capabilities.Free();
        child.Files.Free();
        KernelHeap.Free(child.Name);
        KernelHeap.Free(child.CommandLine);
        KernelHeap.Free(child);
    }

    /// <summary>process_kill(pid): the target ends with status "killed by <paramref name="signal"/>" the next time it would run (who may is the process server's rule).</summary>
    public static long Kill(long pid, int signal)
    {
        // Pids are ints: a wider value names nobody (truncated, 2^32 + n would kill pid n).
        if (pid != (int)pid)
            return -Errno.ESRCH;
        Process target = Find((int)pid);
        if (target == null || target.State == ProcessState.Zombie)
            return -Errno.ESRCH;
        if (target == Current)
            ExitCurrent(WaitStatus.Killed(signal));
        target.KillPending = true;
        if (!target.Exiting)
        {
            target.Exiting = true;
            target.ExitStatus = WaitStatus.Killed(signal);
        }
        Threads.InterruptAll(target, null);
        return 0;
    }

    // The arguments joined by blanks, cut to what ps shows.
    private static byte[] Join(byte[][] argv)
    {
        int length = 0;
        for (int i = 0; i < argv.Length; i++)
            length += (i > 0 ? 1 : 0) + argv[i].Length;
        if (length > ProcessInfo.CommandLineBytes - 1)
            length = ProcessInfo.CommandLineBytes - 1;
        var line = new byte[length];
        int at = 0;
        for (int i = 0; i < argv.Length && at < length; i++)
        {
            if (i > 0)
                line[at++] = (byte)' ';
            for (int j = 0; j < argv[i].Length && at < length; j++)
                line[at++] = argv[i][j];
        }
        return line;
    }

    private static byte[] Copy(byte[] bytes)
    {
        var copy = new byte[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            copy[i] = bytes[i];
        return copy;
    }

    public static void WriteName(byte[] name)
    {
        if (name == null)
            return;
        for (int i = 0; i < name.Length; i++)
            Console.Write((char)name[i]);
    }
}
