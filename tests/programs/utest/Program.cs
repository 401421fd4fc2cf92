namespace Ocean.Tests.UserTests;

using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// utest: user-mode tests of the kernel's process and system-call behaviour. Run as init of the test
/// image (<c>init=utest</c>): each test prints "utest: ok|FAILED name", then "utest: N passed, N failed".
/// Sub-commands run inside forked and exec'd children: "exit N", "nest N", "spin DEADLINE", and
/// "fault KIND" (for the shell test); "smp" runs the tests that need two CPUs (the copy-on-write and
/// grant races, a long console write), typed at the shell of an image with its services; "exhaust"
/// creates kernel objects in 200 processes with no user memory left, at the shell too.
/// </summary>
public static unsafe partial class Program
{
    private static int _passed, _failed;
    // A global the copy-on-write test writes from both sides of a fork.
    private static long _shared = 1;

    [RuntimeImport("*", "InvalidOpcode")] [MethodImpl(MethodImplOptions.InternalCall)] private static extern void InvalidOpcode();
    [RuntimeImport("*", "PrivilegedInstruction")] [MethodImpl(MethodImplOptions.InternalCall)] private static extern void PrivilegedInstruction();
    [RuntimeImport("*", "DivideByZero")] [MethodImpl(MethodImplOptions.InternalCall)] private static extern long DivideByZero(long value);

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount >= 3 && CString.Is(Runtime.Argument(1), "exit"))
            return (int)Number(Runtime.Argument(2));
        if (Runtime.ArgumentCount >= 3 && CString.Is(Runtime.Argument(1), "nest"))
            return Nest(Number(Runtime.Argument(2)));
        if (Runtime.ArgumentCount >= 3 && CString.Is(Runtime.Argument(1), "trim"))
            return TrimAfterDrop((int)Number(Runtime.Argument(2)));
        if (Runtime.ArgumentCount >= 3 && CString.Is(Runtime.Argument(1), "spin"))
            return Spin(Number(Runtime.Argument(2)));
        if (Runtime.ArgumentCount >= 3 && CString.Is(Runtime.Argument(1), "fault"))
        {
            Fault((int)Number(Runtime.Argument(2)));   // for the shell test: a command that faults
            return 1;
        }
        if (Runtime.ArgumentCount >= 2 && CString.Is(Runtime.Argument(1), "fatal"))
            return FatalOuter(3);   // for the shell test: a fatal error three calls deep writes its callers
        if (Runtime.ArgumentCount >= 2 && CString.Is(Runtime.Argument(1), "gcthreads"))
            return CollectWithThreads();   // for CollectionWithThreads: a process of its own
        if (Runtime.ArgumentCount >= 2 && CString.Is(Runtime.Argument(1), "base"))
            return BaseLibrary();   // for the system test: compared with the same cases run on .NET
        if (Runtime.ArgumentCount >= 2 && CString.Is(Runtime.Argument(1), "throw"))
            return ThrowDeep(2);   // for the shell test: an exception nobody catches
        if (Runtime.ArgumentCount >= 2 && CString.Is(Runtime.Argument(1), "exhaust"))
        {
            ExhaustKernelObjects();   // at a shell, which must go on working afterwards
            return Summary();
        }
        if (Runtime.ArgumentCount >= 2 && CString.Is(Runtime.Argument(1), "smp"))
        {
            // At a shell on two CPUs, with the services up (not as init).
            CopyOnWriteRaces();
            ConsoleWriteLetsOthersIn();
            ForkStorm();   // proc's limit for everyone but init, beside the services (utest exhaust hogs memory beside them)
            return Summary();
        }

        Stdio.WriteLine("utest: starting");
        Exceptions();
        FaultsAsExceptions();
        Interfaces();
        Collection();   // before any test starts a thread
        ForkWaitExit();
        CopyOnWrite();
        PagesAreSharedUntilWritten();
        OrphansGoToInit();
        KilledWaiter();
        KilledWhileForking();
        KillEndsAProcess();
        Memory();
        IpcCallReply();
        IpcBadgesAndRights();
        IpcServerDeath();
        IpcFastPath();
        ForgedKernelFlags();
        CallerIdentityAndParkedReplies();
        CapabilityBootstrap();
        CapabilityRightsChecks();
        CapabilityTransfer();
        CapabilityRevoke();
        ConcurrentClients();
        Grants();
        NotificationSignals();
        BoundNotification();
        NotificationPingPongAcrossCpus();
        ServerKilledWithQueuedCallers();
        IoPortRange();
        InterruptThroughNotification();
        ConsoleInputFromItsDriver();
        DeviceMemory();
        ThreadBasics();
        ExceptionsOnTwoThreads();
        CollectionWithThreads();
        ForkInsideACatchBlock();
        CopyOnWriteRaces();
        Hardening();
        PipeBasics();
        PipeAcrossFork();
        PipesAndPrograms();
        DescriptorLimit();
        ProcessList();
        MemoryServer();
        SharedMemory();
        CpuTime();
        JobStops();
        ThreadList();
        CapabilityMove();
        ChildExitNotification();
        ProcessGroups();
        BootModulesAndPower();
        ExecAndNestedExec();
        LibcHeap();
        LibcStrings();
        LibcSpans();
        UserFaults();
        BadPointers();
        Preemption();
        ForkExecCycles();
        MalformedElf();
        ForkStorm();
        MemoryHog();
        EndOfFile();
        return Summary();
    }

    // "utest: N passed, N failed"; the exit status says whether all passed.
    private static int Summary()
    {
        Stdio.Write("utest: ");
        Stdio.Write((long)_passed);
        Stdio.Write(" passed, ");
        Stdio.Write((long)_failed);
        Stdio.WriteLine(" failed");
        return _failed == 0 ? 0 : 1;
    }

    private static void Check(bool condition, string name)
    {
        Stdio.Write(condition ? "utest: ok     " : "utest: FAILED ");
        Stdio.WriteLine(name);
        if (condition) _passed++; else _failed++;
    }

    /// <summary>Whether the free pages are back at <paramref name="before"/>; if not, the log says both counts.</summary>
    private static bool FreePagesBackTo(long before, string what)
    {
        long after = Syscall.FreePages();
        if (after != before)
        {
            Stdio.Write("utest: ");
            Stdio.Write(what);
            Stdio.Write(": free pages before ");
            Stdio.Write(before);
            Stdio.Write(", after ");
            Stdio.Write(after);
            Stdio.WriteLine("");
        }
        return after == before;
    }

    /// <summary>Forks a child that runs <paramref name="body"/>(<paramref name="argument"/>) and exits with its result.</summary>
    private static long Spawn(delegate*<long, int> body, long argument)
    {
        long pid = Runtime.Fork();
        if (pid == 0)
            Syscall.Exit(body(argument));
        return pid;
    }

    /// <summary>Waits for <paramref name="pid"/>: its exit code, or 128 + the signal that killed it.</summary>
    private static int ExitCodeOf(long pid)
    {
        int status;
        if (ProcClient.WaitPid(pid, &status, 0) != pid)
            return -1;
        return WaitStatus.IfExited(status) ? WaitStatus.ExitCode(status) : 128 + WaitStatus.TermSignal(status);
    }

    private static void ForkWaitExit()
    {
        long parent = Syscall.GetPid();
        long child = Runtime.Fork();
        if (child == 0)
            Syscall.Exit(ProcClient.ParentPid() == parent ? 42 : 1);
        int status = 0;
        long reaped = ProcClient.WaitPid(child, &status, 0);
        Check(child > 0 && reaped == child && WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 42,
            "fork/wait: the child's exit status 42 reaches the parent, getppid is right (the kernel's and proc's)");
        Check(ProcClient.WaitPid(-1, &status, 0) == -Errno.ECHILD, "wait: no children left gives ECHILD");
        long again = Runtime.Fork();
        if (again == 0)
        {
            Syscall.Sleep(50_000_000);
            Syscall.Exit(0);
        }
        Check(ProcClient.WaitPid(again, &status, WaitStatus.NoHang) == 0, "wait: WNOHANG returns 0 while the child runs");
        Check(ProcClient.WaitPid(again, &status, 0) == again, "wait: then blocks until it exits");
    }

    private static void CopyOnWrite()
    {
        _shared = 1;
        long child = Runtime.Fork();
        if (child == 0)
        {
            bool sawParentValue = _shared == 1;
            _shared = 2;
            Syscall.Exit(sawParentValue && _shared == 2 ? 0 : 1);
        }
        int status = 0;
        ProcClient.WaitPid(child, &status, 0);
        Check(WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 0 && _shared == 1,
            "copy-on-write: parent and child each see their own writes");
    }

    private static void PagesAreSharedUntilWritten()
    {
        const int Pages = 64;
        const ulong PageSize = 4096;
        long area = global::Ocean.Memory.Map(0, Pages * PageSize, Protection.Read | Protection.Write);
        for (int i = 0; i < Pages; i++)
            ((byte*)area)[i * (long)PageSize] = 1;
        long before = Syscall.FreePages();
        long child = Runtime.Fork();
        if (child == 0)
        {
            Syscall.Sleep(100_000_000);          // the parent measures the shared state meanwhile
            for (int i = 0; i < Pages; i++)
                ((byte*)area)[i * (long)PageSize] = 2;
            Syscall.Sleep(200_000_000);          // ... and then the copied state
            Syscall.Exit(0);
        }
        Syscall.Sleep(50_000_000);
        long shared = before - Syscall.FreePages();
        Syscall.Sleep(150_000_000);
        long copied = before - Syscall.FreePages();
        int status;
        ProcClient.WaitPid(child, &status, 0);
        Stdio.Write("utest: after fork ");
        Stdio.Write((long)shared);
        Stdio.Write(" pages used, after the child wrote 64 pages ");
        Stdio.Write((long)copied);
        Stdio.WriteLine("");
        Check(shared < Pages && copied >= shared + Pages && ((byte*)area)[0] == 1,
            "copy-on-write: pages are shared until written, then copied");
        global::Ocean.Memory.Unmap((ulong)area, Pages * PageSize);
    }

    private static void OrphansGoToInit()
    {
        // A child forks a grandchild and exits at once; the grandchild becomes ours (we are init).
        long child = Runtime.Fork();
        if (child == 0)
        {
            if (Runtime.Fork() == 0)
            {
                Syscall.Sleep(50_000_000);
                Syscall.Exit(ProcClient.ParentPid() == 1 ? 5 : 6);
            }
            Syscall.Exit(0);
        }
        int status;
        ProcClient.WaitPid(child, &status, 0);
        long orphan = ProcClient.WaitPid(-1, &status, 0);
        Check(orphan > child && WaitStatus.ExitCode(status) == 5, "exit: orphans are reparented to init, which reaps them");
    }

    // Child: forks a grandchild that sleeps, then waits for it (proc parks the wait) until killed.
    private static int WaitForSleepingChild(long unused)
    {
        const int GrandchildCode = 7;
        if (Runtime.Fork() == 0)
        {
            Syscall.Sleep(100_000_000);
            Syscall.Exit(GrandchildCode);
        }
        int status;
        ProcClient.WaitPid(-1, &status, 0);
        return 1;   // not reached: killed while waiting
    }

    private static void KilledWaiter()
    {
        long waiter = Spawn(&WaitForSleepingChild, 0);
        Syscall.Sleep(30_000_000);   // its wait is parked in proc by now
        bool killed = ProcClient.Kill(waiter) == 0 && ExitCodeOf(waiter) == 128 + Signal.Kill;
        int status;
        bool adopted = false;
        while (ProcClient.WaitPid(-1, &status, 0) > 0)   // the grandchild, ours now (we are init)
            adopted |= WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 7;
        Check(killed && adopted && ProcClient.ParentPid() == 0,
            "wait: a waiter killed while proc holds its wait ends; its child goes to init, which reaps it; proc goes on");
    }

    // Three frames the stack trace must show, innermost first (not inlined, and each adds to its
    // callee's result, so no call is a tail call).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int FatalOuter(int length) => FatalMiddle(length) + 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int FatalMiddle(int length) => FatalInner(length) + 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int FatalInner(int length)
    {
        void* block = Heap.Allocate((nuint)length);
        Heap.Free(block);
        Heap.Free(block);   // freed twice: the heap stops the program (an error no program should catch)
        return length;
    }

    // Throws from `depth` calls down (not inlined; each adds to its callee's result: no tail calls).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int ThrowDeep(int depth)
    {
        if (depth == 0)
            throw new InvalidOperationException("deep");
        return ThrowDeep(depth - 1) + 1;
    }

    private static int _finallyRuns;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int ThrowThroughFinally()
    {
        try
        {
            return ThrowDeep(2);
        }
        finally
        {
            _finallyRuns++;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int CatchAndThrowAgain()
    {
        try
        {
            return ThrowDeep(1);
        }
        catch (InvalidOperationException)
        {
            throw;
        }
    }

    /// <summary>Issue 19 step 3: throw and catch across methods, by type and base type, with the finally blocks on the way.</summary>
    private static void Exceptions()
    {
        object caught = null;
        try
        {
            ThrowDeep(3);
        }
        catch (InvalidOperationException e)
        {
            caught = e.Message;
        }
        bool byBase = false;
        try
        {
            ThrowDeep(0);
        }
        catch (Exception)
        {
            byBase = true;
        }
        bool passedOver = false, wrongOne = false;
        try
        {
            try
            {
                ThrowDeep(1);
            }
            catch (ArgumentException)
            {
                wrongOne = true;
            }
        }
        catch (InvalidOperationException)
        {
            passedOver = true;
        }
        _finallyRuns = 0;
        bool afterFinally = false;
        try
        {
            ThrowThroughFinally();
        }
        catch (InvalidOperationException)
        {
            afterFinally = _finallyRuns == 1;
        }
        int local = 5;
        try
        {
            local = 6;
            ThrowDeep(1);
            local = 7;
        }
        catch (Exception)
        {
            local += 10;
        }
        Check(caught == (object)"deep" && byBase && passedOver && !wrongOne && afterFinally && local == 16,
            "exceptions: caught three calls up by type and by base type, passed over by a catch of another type, finally run on the way, locals kept");

        // The runtime's own checks throw too.
        int[] numbers = new int[3];
        int index = numbers.Length;
        bool outOfRange = false, badCast = false, overflow = false;
        try
        {
            numbers[index] = 1;
        }
        catch (IndexOutOfRangeException)
        {
            outOfRange = true;
        }
        object boxed = numbers;
        try
        {
            caught = (string)boxed;
        }
        catch (InvalidCastException)
        {
            badCast = true;
        }
        int big = int.MaxValue - index + 3;
        try
        {
            big = checked(big + index);
        }
        catch (ArithmeticException)
        {
            overflow = true;
        }
        Check(outOfRange && badCast && overflow, "exceptions: an index out of range, a bad cast and a checked overflow are exceptions a program catches");

        // Out of a catch block: throw; again, a new exception, from a method of its own.
        object rethrown = null, replaced = null, fromCallee = null;
        try
        {
            try
            {
                ThrowDeep(1);
            }
            catch (InvalidOperationException)
            {
                throw;
            }
        }
        catch (InvalidOperationException e)
        {
            rethrown = e.Message;
        }
        try
        {
            try
            {
                ThrowDeep(0);
            }
            catch (InvalidOperationException)
            {
                throw new ArgumentException("second");
            }
        }
        catch (ArgumentException e)
        {
            replaced = e.Message;
        }
        try
        {
            CatchAndThrowAgain();
        }
        catch (InvalidOperationException e)
        {
            fromCallee = e.Message;
        }
        bool stillWorks = false;
        try
        {
            ThrowDeep(2);
        }
        catch (InvalidOperationException)
        {
            stillWorks = true;
        }
        Check(rethrown == (object)"deep" && replaced == (object)"second" && fromCallee == (object)"deep" && stillWorks,
            "exceptions: throw; in a catch block, a new exception out of one, and one out of a callee's catch reach the outer catch");

        // Filters: a catch whose `when` says no is passed over; one that says yes takes it.
        int wanted = 2;
        bool wrongFilter = false, rightFilter = false;
        try
        {
            try
            {
                ThrowDeep(1);
            }
            catch (InvalidOperationException) when (wanted == 1)
            {
                wrongFilter = true;
            }
        }
        catch (InvalidOperationException) when (wanted == 2)
        {
            rightFilter = true;
        }
        Check(rightFilter && !wrongFilter, "exceptions: a filter (when) that says no passes the exception on; one that says yes catches it");

        // A filter that throws says no (its exception goes no further, after the finally blocks on its way).
        bool takenByThrowingFilter = false;
        object outerGot = null;
        _filterFinallyRan = false;
        try
        {
            try
            {
                ThrowDeep(1);
            }
            catch (InvalidOperationException) when (FilterThatThrows())
            {
                takenByThrowingFilter = true;
            }
        }
        catch (InvalidOperationException e)
        {
            outerGot = e.Message;
        }
        catch (ArgumentException)
        {
            outerGot = "the filter's exception";
        }
        Check(!takenByThrowingFilter && outerGot == (object)"deep" && _filterFinallyRan,
            "exceptions: a filter that throws counts as no, and its exception goes no further");

        // Out of a finally block: the new exception goes on from the finally's method and the one
        // that was leaving through it is forgotten; one caught inside a finally block lets the first go on.
        object outOfFinally = null, afterInner = null;
        try
        {
            ThrowOutOfFinally();
        }
        catch (InvalidOperationException e)
        {
            outOfFinally = e.Message;
        }
        catch (ArgumentException)
        {
            outOfFinally = "the first exception";
        }
        _caughtInFinally = false;
        try
        {
            CatchInsideFinally();
        }
        catch (ArgumentException e)
        {
            afterInner = e.Message;
        }
        bool afterwards = false;
        try
        {
            ThrowDeep(1);
        }
        catch (InvalidOperationException)
        {
            afterwards = true;
        }
        Check(outOfFinally == (object)"from finally" && afterInner == (object)"first" && _caughtInFinally && afterwards,
            "exceptions: one thrown out of a finally block replaces the one leaving through it; one caught inside a finally block lets it go on");

        // The same through a catch block that calls its own method: the finally runs once, and the
        // new exception passes the catch blocks it leaves once each.
        _recursionFinallyRuns = 0;
        object throughRecursion = null;
        try
        {
            RecurseThroughCatch(1);
        }
        catch (InvalidOperationException e)
        {
            throughRecursion = e.Message;
        }
        catch (ArgumentException)
        {
            throughRecursion = "the first exception";
        }
        Check(throughRecursion == (object)"from finally" && _recursionFinallyRuns == 1,
            "exceptions: out of a finally block in a method a catch block called again, the finally runs once");
    }

    private static int _recursionFinallyRuns;

    private static void RecurseThroughCatch(int depth)
    {
        try
        {
            try
            {
                throw new NotSupportedException("level");
            }
            catch (NotSupportedException)
            {
                if (depth > 0)
                    RecurseThroughCatch(depth - 1);
                else
                    throw new ArgumentException("first");
            }
        }
        finally
        {
            if (depth == 0)
            {
                _recursionFinallyRuns++;
                throw new InvalidOperationException("from finally");
            }
        }
    }

    private static bool _caughtInFinally, _filterFinallyRan;

    private static bool FilterThatThrows()
    {
        try
        {
            throw new ArgumentException("in a filter");
        }
        finally
        {
            _filterFinallyRan = true;
        }
    }

    private static void ThrowOutOfFinally()
    {
        try
        {
            ThrowDeep(0);   // a catch above takes it (the first pass), so this finally runs (the second)
        }
        finally
        {
            throw new InvalidOperationException("from finally");
        }
    }

    private static void CatchInsideFinally()
    {
        try
        {
            throw new ArgumentException("first");
        }
        finally
        {
            try
            {
                ThrowDeep(2);
            }
            catch (InvalidOperationException)
            {
                _caughtInFinally = true;
            }
        }
    }

    // Forks for ever; its children exit at once, unwaited for (they go to init when it is killed).
    private static int ForkForever(long unused)
    {
        while (true)
            if (ProcClient.Fork() == 0)
                Syscall.Exit(0);
    }

    /// <summary>
    /// A process killed while proc serves its forks: each round kills a process that does nothing but
    /// fork, at a different moment, so kills land before, inside and after proc's process_fork. Its
    /// children, answered or not, go to init (utest here), which reaps every one; no page is lost.
    /// </summary>
    private static void KilledWhileForking()
    {
        const int Rounds = 12;
        const ulong FirstDelay = 1_000_000, DelayStep = 700_000;
        bool allKilled = true;
        long freeBefore = 0;
        int adopted = 0;
        for (int round = 0; round <= Rounds; round++)
        {
            long forker = Spawn(&ForkForever, 0);
            Syscall.Sleep(FirstDelay + (ulong)round * DelayStep);
            allKilled &= ProcClient.Kill(forker) == 0 && ExitCodeOf(forker) == 128 + Signal.Kill;
            int status;
            while (ProcClient.WaitPid(-1, &status, 0) > 0)   // its children, ours now
                adopted++;
            if (round == 0)
                freeBefore = Syscall.FreePages();   // the first round warms the kernel and proc up
        }
        Check(allKilled && adopted > 0 && FreePagesBackTo(freeBefore, "killed while forking"),
            "fork: a process killed while proc serves its forks ends; its children go to init, which reaps them; no page is lost");
    }

    private static void KillEndsAProcess()
    {
        long child = Runtime.Fork();
        if (child == 0)
        {
            while (true)
                Syscall.Sleep(10_000_000);
        }
        Syscall.Sleep(20_000_000);
        // A pid wider than 32 bits names nobody (the fuzzer found kill truncating it).
        bool wide = ProcClient.Kill((1L << 32) + child) == -Errno.ESRCH;
        long killed = ProcClient.Kill(child);
        int status;
        long reaped = ProcClient.WaitPid(child, &status, 0);
        Check(wide && killed == 0 && reaped == child && !WaitStatus.IfExited(status) && WaitStatus.TermSignal(status) == Signal.Kill &&
            ProcClient.Kill(child) == -Errno.ESRCH && ProcClient.Kill(1) == -Errno.EPERM, "kill: terminates the process, its parent sees it");
    }

    // Child: the stack's pages come on first touch. Far below the stack pointer (pages nothing has
    // touched), a read() from a pipe lands in one (the kernel maps it for the copy) and a plain write
    // faults another in; both read back, and free memory drops by those pages.
    private static int TouchStackPagesFirstTime(long unused)
    {
        int* fds = stackalloc int[2];
        if (Syscall.Pipe(fds) != 0)
            return 1;
        byte here = 0;
        byte* deep = (byte*)(((ulong)&here - 96 * 1024) & ~4095UL);   // the 128 KiB region's far end
        byte* deeper = deep - 4096;
        long before = Syscall.FreePages();
        byte* message = stackalloc byte[3];
        message[0] = (byte)'o';
        message[1] = (byte)'k';
        message[2] = 0;
        if (Syscall.Write(fds[1], message, 3) != 3 || Syscall.Read(fds[0], deep, 3) != 3)
            return 2;
        *deeper = 42;
        long after = Syscall.FreePages();
        return deep[0] == 'o' && deep[1] == 'k' && *deeper == 42 && before - after >= 2 ? 0 : 3;
    }

    private static void Memory()
    {
        Check(ExitCodeOf(Spawn(&TouchStackPagesFirstTime, 0)) == 0,
            "stack: its pages come on first touch, by a fault or by the kernel's copy for read()");
        long start = global::Ocean.Memory.Brk(0);
        long grown = global::Ocean.Memory.Brk((ulong)start + 3 * 4096 + 100);
        bool brk = grown == start + 3 * 4096 + 100;
        if (brk)
        {
            ((byte*)start)[0] = 7;
            ((byte*)start)[3 * 4096 + 99] = 8;
            brk = ((byte*)start)[0] == 7 && global::Ocean.Memory.Brk((ulong)start) == start;
        }
        Check(brk, "brk: the heap grows, is usable, and shrinks");

        long map = global::Ocean.Memory.Map(0, 2 * 4096, Protection.Read | Protection.Write);
        bool ok = map > 0 && ((byte*)map)[4097] == 0;
        ((byte*)map)[4097] = 9;
        ok &= global::Ocean.Memory.Protect((ulong)map, 2 * 4096, Protection.Read) == 0;
        ok &= global::Ocean.Memory.Map(0, 4096, Protection.Write | Protection.Execute) == -Errno.EINVAL;
        long child = Runtime.Fork();
        if (child == 0)
        {
            ((byte*)map)[0] = 1;             // read-only now: the child dies
            Syscall.Exit(0);
        }
        int status;
        ProcClient.WaitPid(child, &status, 0);
        ok &= !WaitStatus.IfExited(status) && WaitStatus.TermSignal(status) == Signal.SegmentationFault;
        ok &= ((byte*)map)[4097] == 9 && global::Ocean.Memory.Unmap((ulong)map, 2 * 4096) == 0;
        child = Runtime.Fork();
        if (child == 0)
        {
            byte unused = ((byte*)map)[0];   // unmapped now: the child dies
            Syscall.Exit(unused);
        }
        ProcClient.WaitPid(child, &status, 0);
        ok &= !WaitStatus.IfExited(status);
        Check(ok, "mmap/mprotect/munmap: anonymous memory with enforced protection");
    }

    private static void IpcCallReply()
    {
        long endpoint = Ipc.CreateEndpoint();
        long child = Runtime.Fork();
        if (child == 0)
        {
            IpcMessage request = default;
            request.Tag = MessageTag.Make(7, 64);
            for (int i = 0; i < IpcLayout.MessageWords; i++)
                request.Words[i] = (ulong)(i + 1);
            bool ok = Ipc.Call(endpoint, &request) == 0 && MessageTag.Label(request.Tag) == 8;
            for (int i = 0; i < IpcLayout.MessageWords; i++)
                ok &= request.Words[i] == (ulong)(i + 1) * 2;
            Syscall.Exit(ok ? 0 : 1);
        }
        IpcMessage received = default;
        bool got = Ipc.ReplyReceive(endpoint, &received) == 0 && MessageTag.Label(received.Tag) == 7 &&
            MessageTag.Length(received.Tag) == 64 && received.Badge == 0;
        for (int i = 0; i < IpcLayout.MessageWords; i++)
        {
            got &= received.Words[i] == (ulong)(i + 1);
            received.Words[i] *= 2;
        }
        received.Tag = MessageTag.Make(8, 64);
        got &= Ipc.Reply(&received) == 0;
        int status;
        ProcClient.WaitPid(child, &status, 0);
        Check(endpoint >= 0 && got && WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 0,
            "ipc: call, reply-receive and reply move a tag and eight words both ways");
        Ipc.Delete(endpoint);
    }

    private static void IpcBadgesAndRights()
    {
        long endpoint = Ipc.CreateEndpoint();
        long badged = Ipc.Mint(endpoint, CapabilityRights.Send, 42);
        long child = Runtime.Fork();
        if (child == 0)
        {
            IpcMessage m = default;
            Syscall.Exit(Ipc.Call(badged, &m) == 0 ? 0 : 1);
        }
        IpcMessage message = default;
        bool badge = Ipc.Receive(endpoint, &message) == 0 && message.Badge == 42 && Ipc.Reply(&message) == 0;
        int status;
        ProcClient.WaitPid(child, &status, 0);
        Check(badge && WaitStatus.ExitCode(status) == 0, "ipc: a minted badge identifies the client");

        long receiveOnly = Ipc.Mint(endpoint, CapabilityRights.Receive, 0);
        long widened = Ipc.Mint(badged, CapabilityRights.All, 0);
        bool rights = Ipc.Receive(badged, &message) == -Errno.EACCES && Ipc.Send(receiveOnly, &message) == -Errno.EACCES &&
            widened >= 0 && Ipc.Receive(widened, &message) == -Errno.EACCES;
        bool slots = Ipc.Send(63, &message) == -Errno.EBADF && Ipc.Delete(badged) == 0 && Ipc.Send(badged, &message) == -Errno.EBADF &&
            Ipc.Send(-1, &message) == -Errno.EBADF && Ipc.Send(1000, &message) == -Errno.EBADF;
        Check(rights && slots, "ipc: rights are checked (minting never widens them) and empty slots name nothing");

        message.Tag = MessageTag.NonBlocking;
        Check(Ipc.Receive(endpoint, &message) == -Errno.EAGAIN && Ipc.Send(endpoint, &message) == -Errno.EAGAIN,
            "ipc: non-blocking send and receive fail with EAGAIN when no partner waits");
        message.Tag = 0;

        long other = Ipc.CreateEndpoint();
        long sendOnly = Ipc.Mint(other, CapabilityRights.Send, 0);
        Ipc.Delete(other);
        Check(Ipc.Send(sendOnly, &message) == -Errno.EPIPE, "ipc: sending where no receiver can exist fails at once");
        Ipc.Delete(sendOnly);
        Ipc.Delete(receiveOnly);
        Ipc.Delete(widened);
        Ipc.Delete(endpoint);
    }

    private static void IpcServerDeath()
    {
        long endpoint = Ipc.CreateEndpoint();
        long server = Runtime.Fork();
        if (server == 0)
        {
            IpcMessage request = default;
            Ipc.Receive(endpoint, &request);
            Syscall.Exit(0);                   // dies holding the reply right
        }
        IpcMessage message = default;
        long result = Ipc.Call(endpoint, &message);
        int status;
        ProcClient.WaitPid(server, &status, 0);
        Check(result == -Errno.EPIPE, "ipc: a server that dies mid-call wakes its caller with an error");
        Ipc.Delete(endpoint);
    }

    private static void ExecAndNestedExec()
    {
        int status = 0;
        long child = Runtime.Fork();
        if (child == 0)
            Exec("utest", "exit", 7);
        ProcClient.WaitPid(child, &status, 0);
        Check(WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 7, "exec: the new program runs with its arguments (exit 7)");

        child = Runtime.Fork();
        if (child == 0)
            Exec("/bin/utest", "nest", 10);
        ProcClient.WaitPid(child, &status, 0);
        Check(WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 0, "exec: nested exec 10 levels deep");

        byte* missing = stackalloc byte[8];
        Copy("nothere", missing);
        Check(ProcClient.Exec(missing, null, null) == -Errno.ENOENT, "exec: a missing program gives ENOENT and the caller goes on");
    }

    private static int Nest(long depth) => depth <= 0 ? 0 : Exec("utest", "nest", depth - 1);

    private static void UserFaults()
    {
        // Without a fault entry (fault_handler 0), a null reference and a division by zero end the
        // process as any fault does; with one (libc's) they are exceptions (FaultsAsExceptions), and
        // every other fault still ends it.
        ExpectKilled(1, Signal.SegmentationFault, "null pointer write (no fault entry)", withoutEntry: true);
        ExpectKilled(2, Signal.IllegalInstruction, "invalid opcode");
        ExpectKilled(3, Signal.ArithmeticError, "division by zero (no fault entry)", withoutEntry: true);
        ExpectKilled(4, Signal.SegmentationFault, "privileged instruction (#GP)");
        ExpectKilled(5, Signal.SegmentationFault, "write to read-only code");
        ExpectKilled(6, Signal.SegmentationFault, "stack overflow");
        ExpectKilled(7, Signal.SegmentationFault, "wild pointer write (past the null area)");
    }

    private static void ExpectKilled(int kind, int signal, string name, bool withoutEntry = false)
    {
        long child = Runtime.Fork();
        if (child == 0)
        {
            if (withoutEntry)
                Syscall.Raw((ulong)SyscallNumber.FaultHandler, 0, 0, 0, 0, 0);
            Fault(kind);
            Syscall.Exit(0);
        }
        int status = 0;
        ProcClient.WaitPid(child, &status, 0);
        Stdio.Write("utest: fault ");
        Stdio.Write(name);
        Stdio.Write(": status ");
        Stdio.Write((long)status);
        Stdio.WriteLine("");
        Check(!WaitStatus.IfExited(status) && WaitStatus.TermSignal(status) == signal, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]   // the shell test finds it in the trace of an unhandled null reference
    private static void Fault(int kind)
    {
        switch (kind)
        {
            case 1: *(long*)0 = 1; break;
            case 2: InvalidOpcode(); break;
            case 3: DivideByZero(1); break;
            case 4: PrivilegedInstruction(); break;
            case 5: *(byte*)0x400000 = 0xCC; break;
            case 6: Recurse(0); break;
            case 7: *(long*)FaultRecord.NullAreaEnd = 1; break;
        }
    }

    private static long Recurse(long depth)
    {
        byte* frame = stackalloc byte[512];
        frame[0] = (byte)depth;
        return Recurse(depth + 1) + frame[0];
    }

    private static void BadPointers()
    {
        const ulong Unmapped = 0x1000, Kernel = 0xFFFF_8000_0000_0000, NonCanonical = 0x0000_9000_0000_0000;
        ulong* bad = stackalloc ulong[3] { Unmapped, Kernel, NonCanonical };
        bool all = true;
        for (int i = 0; i < 3; i++)
        {
            all &= Syscall.Write(1, (byte*)bad[i], 8) == -Errno.EFAULT;
            all &= Syscall.Raw((ulong)SyscallNumber.Read, 0, bad[i], 8, 0, 0) == -Errno.EFAULT;
            all &= ProcClient.Exec((byte*)bad[i], null, null) == -Errno.EFAULT;
            all &= Syscall.ClockGetTime(0, (Timespec*)bad[i]) == -Errno.EFAULT;
            all &= ProcClient.Exec((byte*)(ulong)"utest".Length, null, null) == -Errno.EFAULT;
        }
        byte* path = stackalloc byte[8];
        Copy("utest", path);
        ulong* argv = stackalloc ulong[2] { Unmapped, 0 };
        all &= ProcClient.Exec(path, (byte**)argv, null) == -Errno.EFAULT;
        all &= ProcClient.Exec(path, (byte**)Kernel, null) == -Errno.EFAULT;
        long child = Runtime.Fork();
        if (child == 0)
            Syscall.Exit(0);
        Syscall.Sleep(20_000_000);
        int status;
        all &= ProcClient.WaitPid(child, &status, 0) == child;
        all &= Syscall.Raw(1000, 0, 0, 0, 0, 0) == -Errno.ENOSYS;
        Check(all, "bad pointers: every pointer-taking call gives EFAULT, unknown calls ENOSYS");
    }

    private static void Preemption()
    {
        // Two CPU-bound children spin until the same deadline; without preemption the second would only
        // start after the deadline and count nothing.
        Timespec now;
        Syscall.ClockGetTime(0, &now);
        long deadline = now.Seconds * 1_000_000_000 + now.Nanoseconds + 400_000_000;
        long a = Runtime.Fork();
        if (a == 0)
            Exec("utest", "spin", deadline);
        long b = Runtime.Fork();
        if (b == 0)
            Exec("utest", "spin", deadline);
        int statusA = 0, statusB = 0;
        ProcClient.WaitPid(a, &statusA, 0);
        ProcClient.WaitPid(b, &statusB, 0);
        // Each spinner exits with bit 0 set if it made no progress, and the CPUs it ran on above it.
        int codeA = WaitStatus.ExitCode(statusA), codeB = WaitStatus.ExitCode(statusB);
        Check(WaitStatus.IfExited(statusA) && (codeA & 1) == 0 && WaitStatus.IfExited(statusB) && (codeB & 1) == 0,
            "preemption: two CPU-bound programs both make progress");
        Stdio.Write("utest: CPUs the spinners ran on: mask ");
        Stdio.Write((long)((codeA | codeB) >> 1) & 0x7F);
        Stdio.WriteLine("");
    }

    private static int Spin(long deadline)
    {
        long iterations = 0;
        int cpus = 0;
        while (true)
        {
            Timespec now;
            Syscall.ClockGetTime(0, &now);
            if (now.Seconds * 1_000_000_000 + now.Nanoseconds >= deadline)
                break;
            long cpu = Syscall.CurrentCpu();
            cpus |= 1 << (int)(cpu < 6 ? cpu : 6);   // seven bits fit in the exit code above bit 0
            iterations++;
        }
        return (iterations > 0 ? 0 : 1) | (cpus << 1);
    }

    private static void ForkExecCycles()
    {
        const int Cycles = 1000;
        long before = Syscall.FreePages();
        bool all = true;
        for (int i = 0; i < Cycles; i++)
        {
            long child = Runtime.Fork();
            if (child == 0)
                Exec("utest", "exit", 3);
            int status = 0;
            all &= ProcClient.WaitPid(child, &status, 0) == child && WaitStatus.ExitCode(status) == 3;
        }
        long after = Syscall.FreePages();
        Stdio.Write("utest: free pages before ");
        Stdio.Write((long)before);
        Stdio.Write(", after 1000 fork/exec/wait cycles ");
        Stdio.Write((long)after);
        Stdio.WriteLine("");
        Check(all && after == before, "1000 fork/exec/wait cycles leave the free page count unchanged");
    }

    private static void EndOfFile()
    {
        Stdio.WriteLine("utest: type a line, then Ctrl-D");
        byte* buffer = stackalloc byte[64];
        long first = Syscall.Read(0, buffer, 64);
        long second = Syscall.Read(0, buffer, 64);
        // The system test types "a linX<backspace>e": the line discipline must have edited it.
        bool edited = first == 7 && buffer[0] == 'a' && buffer[5] == 'e' && buffer[6] == '\n';
        Check(edited && second == 0, "console: backspace edits the line, then Ctrl-D reads as end of file");
    }

    /// <summary>exec(program, [program, arg1, number]); exits 100 + errno if exec fails.</summary>
    private static int Exec(string program, string arg1, long number)
    {
        byte* path = stackalloc byte[32];
        byte* a1 = stackalloc byte[32];
        byte* a2 = stackalloc byte[32];
        Copy(program, path);
        Copy(arg1, a1);
        FormatNumber(number, a2);
        byte** argv = stackalloc byte*[4];
        argv[0] = path;
        argv[1] = a1;
        argv[2] = a2;
        argv[3] = null;
        long result = ProcClient.Exec(path, argv, null);
        Syscall.Exit(100 + (int)(-result));
        return 0;
    }

    private static void Copy(string text, byte* to)
    {
        for (int i = 0; i < text.Length; i++)
            to[i] = (byte)text[i];
        to[text.Length] = 0;
    }

    // Sub-command arguments are numbers this program formatted itself.
    private static long Number(byte* text) => Numbers.TryParse(text, out long value) ? value : 0;

    private static void FormatNumber(long value, byte* to) => to[Numbers.FormatDecimal(value, to)] = 0;
}
