namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>The process list (proc and process_read), the memory server (mem, memory_read, space_usage), cap_move, child_notify, boot_module_read and power_off's permission check.</summary>
public static unsafe partial class Program
{
    private static int SleepBriefly(long nanoseconds)
    {
        Syscall.Sleep((ulong)nanoseconds);
        return 0;
    }

    // Child: closes its copy of the write end (the high half), then returns at the read end's end of file.
    private static int ReadUntilEndOfFile(long ends)
    {
        Syscall.Close((int)(ends >> 32));
        byte unused;
        while (Syscall.Read((int)ends, &unused, 1) > 0)
        {
        }
        return 0;
    }

    // Which of a failed check's conditions held, in order (1 or 0), so a failure seen once says which.
    private static void ReportFlags(string what, bool[] flags)
    {
        Stdio.Write("utest: ");
        Stdio.Write(what);
        Stdio.Write(":");
        for (int i = 0; i < flags.Length; i++)
            Stdio.Write(flags[i] ? " 1" : " 0");
        Stdio.WriteLine("");
    }

    private static void ProcessList()
    {
        // The child lives until the list is read (a sleep of fixed length could end first on a loaded host).
        int* hold = stackalloc int[2];
        long child = Syscall.Pipe(hold) == 0 ? Spawn(&ReadUntilEndOfFile, (uint)hold[0] | (long)hold[1] << 32) : -1;
        ProcessInfo info;
        bool sawSelf = false, sawProc = false, sawMem = false, sawChild = false, ordered = true;
        long previous = 0, pid;
        while ((pid = ProcClient.List(previous, &info)) > 0)
        {
            ordered &= pid > previous && info.Pid == pid;
            sawSelf |= pid == Syscall.GetPid() && info.ParentPid == 0 && info.Threads == 1 && Contains(info.Name, "utest") && Contains(info.CommandLine, "utest");
            sawProc |= pid == ProcessServerPid && info.ParentPid == 0 && info.State == ProcessInfo.StateAlive && Contains(info.Name, "proc");
            sawMem |= pid == MemoryServerPid && info.ParentPid == 0 && info.State == ProcessInfo.StateAlive && Contains(info.Name, "mem");
            sawChild |= pid == child && info.ParentPid == Syscall.GetPid() && info.State == ProcessInfo.StateAlive;
            previous = pid;
        }
        bool end = pid == -Errno.ESRCH;
        Syscall.Close(hold[1]);
        Syscall.Close(hold[0]);
        ExitCodeOf(child);
        if (!(sawSelf && sawProc && sawMem && sawChild && ordered && end))
            ReportFlags("proc list", [sawSelf, sawProc, sawMem, sawChild, ordered, end]);
        Check(sawSelf && sawProc && sawMem && sawChild && ordered && end,
            "proc: lists every process in pid order with its parent, threads and program (itself as pid 2 and mem as 3, started by the kernel); ESRCH at the end");
        Check(ProcClient.List(0, (ProcessInfo*)0x10) == -Errno.EFAULT, "proc: a list request lending an unmapped buffer fails with EFAULT");

        // Only proc holds the process table's capability; the old call is gone.
        const long EmptySlot = 63;
        Check(Syscall.ProcessRead(ServiceSlot.Proc, 0, &info) == -Errno.EINVAL && Syscall.ProcessRead(EmptySlot, 0, &info) == -Errno.EBADSLOT &&
              Syscall.Raw(RetiredProcessInfo, 0, (ulong)&info, 0, 0, 0) == -Errno.ENOSYS,
            "process_read: refused without the Processes capability (an endpoint: EINVAL; an empty slot: EBADSLOT); process_info is gone (ENOSYS)");
        Check(ProcClient.Kill(ProcessServerPid) == -Errno.EPERM && ProcClient.Kill(MemoryServerPid) == -Errno.EPERM,
            "kill: the process and memory servers cannot be killed (EPERM)");
        FaultReport fault;
        Check(Syscall.ProcessFaulted(ServiceSlot.Proc, &fault) == -Errno.EINVAL && Syscall.ProcessFaulted(EmptySlot, &fault) == -Errno.EBADSLOT &&
              Syscall.ProcessKill(ServiceSlot.Proc, Syscall.GetPid(), Signal.Kill) == -Errno.EINVAL,
            "process_faulted and process_kill: refused without the Processes capability");
        ExecArguments exec = default;
        Check(Syscall.ProcessFork(ServiceSlot.Proc, 999_999) == -Errno.EINVAL && Syscall.ProcessFork(EmptySlot, 999_999) == -Errno.EBADSLOT &&
              Syscall.ProcessExec(ServiceSlot.Proc, &exec) == -Errno.EINVAL && Syscall.ProcessExec(EmptySlot, &exec) == -Errno.EBADSLOT &&
              Syscall.Raw(RetiredFork, 0, 0, 0, 0, 0) == -Errno.ENOSYS && Syscall.Raw(RetiredExec, 0, 0, 0, 0, 0) == -Errno.ENOSYS,
            "process_fork and process_exec: refused without the Processes capability; the kernel's fork and exec are gone (ENOSYS)");
    }

    // Child: uses the CPU for 300 ms of the clock, then sleeps until the parent has looked.
    private static int SpinThenSleep(long unused)
    {
        long end = Clock.Now() + 300_000_000;
        while (Clock.Now() < end)
        {
        }
        Syscall.Sleep(600_000_000);
        return 0;
    }

    private static void CpuTime()
    {
        long spinner = Spawn(&SpinThenSleep, 0), sleeper = Spawn(&SleepBriefly, 900_000_000);
        Syscall.Sleep(450_000_000);   // the spinner has spun, the sleeper slept all along
        ProcessInfo spun = default, slept = default;
        bool read = ProcClient.List(spinner - 1, &spun) == spinner && ProcClient.List(sleeper - 1, &slept) == sleeper;
        ExitCodeOf(spinner);
        ExitCodeOf(sleeper);
        Check(read && spun.CpuMilliseconds >= 100 && spun.CpuMilliseconds <= 1_000 && slept.CpuMilliseconds < 50,
            "proc: CPU time counts a spinning process's 300 ms (to a tick) and next to none for a sleeping one");
    }

    // Child: spins until killed.
    private static int SpinForever(long unused)
    {
        while (true)
        {
        }
    }

    /// <summary>
    /// Job control through proc: SIGSTOP stops a spinning child (its CPU time stands still, ps says
    /// stopped, a WUNTRACED wait hears of it once), SIGCONT lets it run again, and SIGKILL ends it
    /// while stopped. Only proc may stop a process.
    /// </summary>
    private static void JobStops()
    {
        const long EmptySlot = 63, OneTickMilliseconds = 20, RunningMilliseconds = 20;
        long child = Spawn(&SpinForever, 0);
        Syscall.Sleep(100_000_000);
        int status = 0;
        bool stopped = ProcClient.Kill(child, Signal.Stop) == 0 && ProcClient.WaitPid(child, &status, WaitStatus.Untraced) == child &&
                       WaitStatus.IfStopped(status) && WaitStatus.StopSignal(status) == Signal.Stop;
        bool once = ProcClient.WaitPid(child, &status, WaitStatus.Untraced | WaitStatus.NoHang) == 0 &&
                    ProcClient.WaitPid(child, &status, WaitStatus.NoHang) == 0;
        ProcessInfo before = default, after = default, resumed = default;
        ProcClient.List(child - 1, &before);
        Syscall.Sleep(200_000_000);
        ProcClient.List(child - 1, &after);
        bool held = before.State == ProcessInfo.StateStopped && after.State == ProcessInfo.StateStopped &&
                    after.CpuMilliseconds - before.CpuMilliseconds <= OneTickMilliseconds;
        bool continued = ProcClient.Kill(child, Signal.Continue) == 0;
        Syscall.Sleep(200_000_000);
        ProcClient.List(child - 1, &resumed);
        bool runs = continued && resumed.State == ProcessInfo.StateAlive && resumed.CpuMilliseconds - after.CpuMilliseconds >= RunningMilliseconds;
        bool killed = ProcClient.Kill(child, Signal.TerminalStop) == 0 && ProcClient.Kill(child, Signal.Kill) == 0 &&
                      ProcClient.WaitPid(child, &status, 0) == child && !WaitStatus.IfStopped(status) && WaitStatus.TermSignal(status) == Signal.Kill;
        ReportFlags("job stops", [stopped, once, held, runs, killed]);
        Check(stopped && once && held && runs && killed,
            "proc: SIGSTOP stops a spinning child (CPU time stands still, ps says stopped, WUNTRACED hears it once), SIGCONT runs it again, SIGKILL ends it stopped");
        Check(Syscall.ProcessStop(ServiceSlot.Proc, child, true) == -Errno.EINVAL && Syscall.ProcessStop(EmptySlot, child, true) == -Errno.EBADSLOT,
            "process_stop: refused without the Processes capability");
    }

    private static void MemoryServer()
    {
        const ulong Pages = 64, PageSize = 4096, Slack = 4 * PageSize;   // the stack may grow by a page or two meanwhile
        long info = MemClient.Info(out MemoryInfo memory);
        Check(info == 0 && memory.TotalBytes > 0 && memory.FreeBytes > 0 && memory.FreeBytes < memory.TotalBytes &&
              memory.KernelBytes > 0 && memory.KernelBytes < memory.TotalBytes - memory.FreeBytes,
            "mem: reports total, free and the kernel's share, each within the total");

        long pid = Syscall.GetPid();
        long before = MemClient.Usage(pid);
        long area = global::Ocean.Memory.Map(0, Pages * PageSize, Protection.Read | Protection.Write);
        long mapped = MemClient.Usage(pid);
        MemClient.Info(out MemoryInfo withArea);
        global::Ocean.Memory.Unmap((ulong)area, Pages * PageSize);
        long after = MemClient.Usage(pid);
        MemClient.Info(out MemoryInfo withoutArea);
        ulong userGrew = withArea.UserBytes - memory.UserBytes, userShrank = withArea.UserBytes - withoutArea.UserBytes;
        Check(memory.UserBytes > 0 && memory.UserBytes + memory.KernelBytes < memory.TotalBytes - memory.FreeBytes &&
              userGrew >= Pages * PageSize && userGrew <= Pages * PageSize + Slack && userShrank >= Pages * PageSize && userShrank <= Pages * PageSize + Slack,
            "mem: the programs' pages (free's user figure) grow by the 64 pages mapped and shrink by the 64 unmapped");
        ulong grew = (ulong)(mapped - before), shrank = (ulong)(mapped - after);
        Check(before > 0 && grew >= Pages * PageSize && grew <= Pages * PageSize + Slack && shrank >= Pages * PageSize && shrank <= Pages * PageSize + Slack,
            "mem: a process's usage grows by what it maps (64 pages) and shrinks by what it unmaps");
        Check(MemClient.Usage(999_999) == -Errno.ESRCH && MemClient.Usage(-1) == -Errno.ESRCH, "mem: usage of no process is ESRCH");

        MemoryInfo unused;
        Check(Syscall.MemoryRead(ServiceSlot.Mem, &unused) == -Errno.EINVAL && Syscall.SpaceUsage(ServiceSlot.Mem, pid) == -Errno.EINVAL &&
              Syscall.SpaceShare(ServiceSlot.Mem, (ulong)&unused & ~4095UL, 4096, pid, Protection.Read) == -Errno.EINVAL &&
              Syscall.SpaceShare(EmptySlot, (ulong)&unused & ~4095UL, 4096, pid, Protection.Read) == -Errno.EBADSLOT &&
              Syscall.Raw(RetiredMemoryInfo, (ulong)&unused, 0, 0, 0, 0) == -Errno.ENOSYS,
            "memory_read, space_usage and space_share: refused without the AddressSpaces capability (EINVAL); memory_info is gone (ENOSYS)");

        // The kernel's brk, mmap, munmap and mprotect are gone; only mem may change a space, even the caller's own.
        SpaceChange change = default;
        change.Pid = pid;
        change.Operation = SpaceOperation.Read;
        bool retired = true;
        for (ulong number = RetiredBrk; number <= RetiredMprotect; number++)
            retired &= Syscall.Raw(number, 0, 4096, Protection.Read, 0, 0) == -Errno.ENOSYS;
        Check(retired && Syscall.SpaceChange(ServiceSlot.Mem, &change) == -Errno.EINVAL && Syscall.SpaceChange(EmptySlot, &change) == -Errno.EBADSLOT &&
              change.Expected.BreakStart == 0,
            "space_change: refused without the AddressSpaces capability (EINVAL) and nothing read; the kernel's brk, mmap, munmap and mprotect are gone (ENOSYS)");
    }

    private const long ProcessServerPid = 2, MemoryServerPid = 3;
    /// <summary>The number memory_info had before memory_read replaced it.</summary>
    private const ulong RetiredMemoryInfo = 50;
    /// <summary>The numbers brk, mmap, munmap and mprotect had before the memory server took them.</summary>
    private const ulong RetiredBrk = 11, RetiredMprotect = 14;
    /// <summary>The number process_info had before process_read replaced it.</summary>
    private const ulong RetiredProcessInfo = 42, RetiredFork = 6, RetiredExec = 7;

    private static bool Contains(byte* name, string part)
    {
        for (int i = 0; name[i] != 0; i++)
        {
            int j = 0;
            while (j < part.Length && name[i + j] == part[j])
                j++;
            if (j == part.Length)
                return true;
        }
        return false;
    }

    // Child: a second thread waits on a notification; proc must list both in id order, this one
    // running on the CPU it is on, the other blocked. 0 if all of that holds, else which part failed.
    private static int ListOwnThreads(long unused)
    {
        long notification = Notifications.Create();
        long other = Threads.Create(&WaitForever, NewStackTop(), (ulong)notification);
        long pid = Syscall.GetPid();
        ThreadInfo first, second;
        second.State = ThreadInfo.StateReady;
        for (int tries = 0; tries < 100 && second.State != ThreadInfo.StateBlocked; tries++)
        {
            Syscall.Sleep(5_000_000);   // until it reaches its wait
            ProcClient.Threads(pid, other - 1, &second);
        }
        long cpuBefore = Syscall.CurrentCpu();
        long firstId = ProcClient.Threads(pid, 0, &first);
        long secondId = ProcClient.Threads(pid, firstId, &second);
        long cpuAfter = Syscall.CurrentCpu();
        if (firstId <= 0 || secondId != other || firstId >= secondId || first.Id != firstId || second.Id != other)
            return 1;
        // The CPU is checked only if this thread did not move between the calls.
        if (first.State != ThreadInfo.StateRunning || (cpuBefore == cpuAfter && first.Cpu != cpuBefore))
            return 2;
        if (second.State != ThreadInfo.StateBlocked || second.Cpu < 0)
            return 3;
        if (ProcClient.Threads(pid, secondId, &second) != -Errno.ENOENT || ProcClient.Threads(pid, 0, (ThreadInfo*)0x10) != -Errno.EFAULT)
            return 4;
        return 0;
    }

    private static void ThreadList()
    {
        long child = Spawn(&ListOwnThreads, 0);
        int result = ExitCodeOf(child);
        ThreadInfo info;
        bool gone = ProcClient.Threads(child, 0, &info) == -Errno.ESRCH;   // reaped: no such process
        Check(result == 0 && gone, "proc: a process's threads in id order with state and CPU; ENOENT past the last, ESRCH for no process");
    }

    private const int MoveTarget = 60;

    private static void CapabilityMove()
    {
        long endpoint = Ipc.CreateEndpoint();
        long other = Ipc.CreateEndpoint();
        bool moved = Ipc.Move(endpoint, MoveTarget) == MoveTarget && Ipc.Identify(endpoint) == -Errno.EBADSLOT &&
                     (Ipc.Identify(MoveTarget) >> 8) == (long)ObjectKind.Endpoint;
        bool refused = Ipc.Move(other, MoveTarget) == -Errno.ENOSPC && Ipc.Move(endpoint, 61) == -Errno.EBADSLOT;
        // Revoke still finds a moved capability: derive one, move it, revoke the original.
        long derived = Ipc.Mint(other, CapabilityRights.Send, 0);
        Ipc.Move(derived, 61);
        bool revoked = Ipc.Revoke(other) == 1 && Ipc.Identify(61) == -Errno.EBADSLOT;
        Ipc.Delete(MoveTarget);
        Ipc.Delete(other);
        Check(moved && refused && revoked, "cap_move: a capability changes slot, an occupied target or empty source is refused, revoke still reaches it");
    }

    private static void ChildExitNotification()
    {
        long notification = Notifications.Create();
        bool set = ProcClient.NotifyChildExits(notification, 0x4) == 0;
        long child = Spawn(&SleepBriefly, 1_000_000);
        long bits = Notifications.Wait(notification);
        ExitCodeOf(child);
        bool cleared = ProcClient.NotifyChildExits(-1, 0) == 0;
        bool refused = ProcClient.NotifyChildExits(notification, 0) == -Errno.EINVAL && ProcClient.NotifyChildExits(63, 1) == -Errno.EBADSLOT &&
                       ProcClient.NotifyChildExits(ServiceSlot.Proc, 1) == -Errno.EINVAL;   // not a notification
        Ipc.Delete(notification);
        Check(set && bits == 0x4 && cleared && refused, "proc: a child's end signals the notification its parent gave (as init's does); no bits, no capability or another kind is refused");
    }

    private static int TryPowerOff(long unused) => (int)-Syscall.PowerOff();

    private static void BootModulesAndPower()
    {
        byte* path = stackalloc byte[32];
        byte* buffer = stackalloc byte[8];
        Copy("/boot/ocean/utest.elf", path);
        bool header = Syscall.BootModuleRead(path, 0, buffer, 4) == 4 && buffer[0] == 0x7F && buffer[1] == 'E' && buffer[2] == 'L' && buffer[3] == 'F';
        bool end = Syscall.BootModuleRead(path, 1UL << 40, buffer, 4) == 0 && Syscall.BootModuleRead(path, 0, (byte*)0x10, 4) == -Errno.EFAULT;
        Copy("/boot/ocean/none.elf", path);
        bool missing = Syscall.BootModuleRead(path, 0, buffer, 4) == -Errno.ENOENT;
        Check(header && end && missing, "boot_module_read: a module's bytes by path; 0 past its end, ENOENT for none, EFAULT for a bad buffer");
        Check(ExitCodeOf(Spawn(&TryPowerOff, 0)) == Errno.EPERM, "power_off: refused (EPERM) to anyone but init");
    }
}
