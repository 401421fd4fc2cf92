namespace Ocean.Tests.UserTests;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Copy-on-write and grants while other threads of the process fork, unmap and write (issue 27): each
/// of these killed a process, leaked memory into another process or panicked the kernel. Run in
/// the full suite and, with the other two-CPU tests, as <c>utest smp</c> at the shell of an image with its services.
/// </summary>
public static unsafe partial class Program
{
    private const int CowRaceForks = 1000;
    private const ulong RacePageBytes = 4096;
    private const ulong QueueDelayNs = 50_000_000;   // long enough for a sibling to be waiting in its call
    private const byte LenderFill = 0x11, ServerFill = 0x22;
    private const long SpinsPerYield = 4096;

    // Two statics on one page: one thread writes the first, the forking thread the second.
    private static volatile bool _raceStop;
    private static long _raceSpins, _raceForks;

    private static void CopyOnWriteRaces()
    {
        Check(ExitCodeOf(Spawn(&WriteWhileForking, 0)) == 0,
            "cow race: two threads write statics on one page while one forks and reaps 1,000 children: nothing is killed");
        Check(ExitCodeOf(Spawn(&ProtectAfterFork, 0)) == 0,
            "cow race: after fork, mprotect(R) then mprotect(RW) and a write in the child leave the parent's page alone");

        long freePages = Syscall.FreePages();
        bool allWell = CowFamiliesWriteTogether();
        Check(allWell, "cow race: four processes fork and write their shared pages from both sides at once: each side sees only its own writes");
        Check(ExitCodeOf(Spawn(&ThreadsBreakTogether, 0)) == 0,
            "cow race: two threads of one process break its shared pages at once, and each reads the other's copies, never the shared page");
        Check(FreePagesBackTo(freePages, "cow race"), "cow race: pages broken on several CPUs at once are all given back");

        long freeBefore = Syscall.FreePages();
        Check(ExitCodeOf(Spawn(&UnmapUnderWaitingGrant, 0)) == 0,
            "grant race: a range unmapped while its call waits fails the call with EFAULT (no panic)");
        Check(Syscall.FreePages() == freeBefore, "grant race: the unmapped grant leaves no page behind");
        Check(ExitCodeOf(Spawn(&ForkUnderWriteGrant, 0)) == 0,
            "grant race: a fork while a write grant waits: the server's writes reach the lender, not the child");
        Check(ExitCodeOf(Spawn(&ForkUnderWriteGrant, 1)) == 0,
            "grant race: a fork while a write grant is being served: the server's writes reach the lender, not the child");
        Check(Syscall.FreePages() == freeBefore, "grant race: forks under lent pages leave no page behind");
    }

    private const int CowFamilies = 4, CowFamilyPages = 64, CowFamilyRounds = 25;

    private static bool CowFamiliesWriteTogether()
    {
        long* families = stackalloc long[CowFamilies];
        for (int f = 0; f < CowFamilies; f++)
            families[f] = Spawn(&ForkAndWriteTogether, f + 1);
        bool allWell = true;
        for (int f = 0; f < CowFamilies; f++)
            allWell &= ExitCodeOf(families[f]) == 0;
        return allWell;
    }

    // Child: fork, then parent and child both write every page they share (so on two or more CPUs the
    // same pages are broken from both sides at once), and each checks that it reads only its own
    // words. Single-threaded processes: the kernel breaks these without its exclusive lock.
    private static int ForkAndWriteTogether(long family)
    {
        long* area = (long*)global::Ocean.Memory.Map(0, CowFamilyPages * RacePageBytes, Protection.Read | Protection.Write);
        if ((long)area < 0)
            return 5;
        const int wordsPerPage = (int)(RacePageBytes / sizeof(long));
        for (int round = 0; round < CowFamilyRounds; round++)
        {
            for (int p = 0; p < CowFamilyPages; p++)
                area[p * wordsPerPage] = family;   // the parent's own again: the next fork shares these
            long child = ProcClient.Fork();
            if (child < 0)
                return 2;
            long mine = child == 0 ? -family - round : family * 1000 + round;
            for (int p = 0; p < CowFamilyPages; p++)
                area[p * wordsPerPage + p % wordsPerPage] = mine;
            for (int p = 0; p < CowFamilyPages; p++)
                if (area[p * wordsPerPage + p % wordsPerPage] != mine || (p % wordsPerPage != 0 && area[p * wordsPerPage] != family))
                {
                    if (child == 0)
                        Syscall.Exit(3);
                    return 3;
                }
            if (child == 0)
                Syscall.Exit(0);
            if (ExitCodeOf(child) != 0)
                return 4;
        }
        return global::Ocean.Memory.Unmap((ulong)area, CowFamilyPages * RacePageBytes) == 0 ? 0 : 6;
    }

    private const int ThreadedCowPages = 64, ThreadedCowRounds = 20;
    private const ulong ChildLingerNs = 2_000_000;
    private static long* _threadedArea;
    private static volatile int _threadedRound, _threadedDone;

    private static long OddWord(int round, int page) => round * 1000L + page;

    // The second thread: in each round, breaks the odd pages (word 1) while the first breaks the even ones.
    [UnmanagedCallersOnly]
    private static void BreakOddPages(ulong unused)
    {
        const int wordsPerPage = (int)(RacePageBytes / sizeof(long));
        for (int round = 1; round <= ThreadedCowRounds; round++)
        {
            for (long spins = 1; _threadedRound < round; spins++)
                if ((spins & SpinsPerYield - 1) == 0)
                    Syscall.Yield();
            for (int p = 1; p < ThreadedCowPages; p += 2)
                _threadedArea[p * wordsPerPage + 1] = OddWord(round, p);
            _threadedDone = round;
        }
    }

    // Child: a process with two threads shares its pages with a child of its own, reads them all (so
    // its CPU's TLB holds the shared pages), then both threads break their halves at once (under the
    // kernel's shared lock, on two CPUs when there are two), and this one must read the other's copies:
    // a translation left behind on this CPU would still show the shared page's old word.
    private static int ThreadsBreakTogether(long unused)
    {
        const int wordsPerPage = (int)(RacePageBytes / sizeof(long));
        long* area = (long*)global::Ocean.Memory.Map(0, ThreadedCowPages * RacePageBytes, Protection.Read | Protection.Write);
        if ((long)area < 0)
            return 5;
        _threadedArea = area;
        _threadedRound = _threadedDone = 0;
        if (Threads.Create(&BreakOddPages, NewStackTop(), 0) < 0)
            return 6;
        for (int round = 1; round <= ThreadedCowRounds; round++)
        {
            for (int p = 0; p < ThreadedCowPages; p++)
            {
                area[p * wordsPerPage] = round;
                area[p * wordsPerPage + 1] = 0;
            }
            long child = ProcClient.Fork();
            if (child < 0)
                return 2;
            if (child == 0)
            {
                Syscall.Sleep(ChildLingerNs);   // keep the pages shared while the parent breaks them
                for (int p = 0; p < ThreadedCowPages; p++)
                    if (area[p * wordsPerPage] != round || area[p * wordsPerPage + 1] != 0)
                        Syscall.Exit(3);
                Syscall.Exit(0);
            }
            long seen = 0;
            for (int p = 0; p < ThreadedCowPages; p++)
                seen += area[p * wordsPerPage + 1];
            _threadedRound = round;
            for (int p = 0; p < ThreadedCowPages; p += 2)
                area[p * wordsPerPage + 1] = -OddWord(round, p);
            for (long spins = 1; _threadedDone < round; spins++)
                if ((spins & SpinsPerYield - 1) == 0)
                    Syscall.Yield();
            for (int p = 0; p < ThreadedCowPages; p++)
            {
                long expected = p % 2 == 0 ? -OddWord(round, p) : OddWord(round, p);
                if (area[p * wordsPerPage + 1] != expected || area[p * wordsPerPage] != round)
                    return 7;
            }
            if (seen != 0 || ExitCodeOf(child) != 0)
                return 4;
        }
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void IncrementUntilStopped(ulong unused)
    {
        while (!_raceStop)
        {
            // A yield now and then: on one CPU the forking thread (and each child) would otherwise wait
            // out a whole time slice per fork; on two the writes go on alone on their CPU.
            if ((++_raceSpins & SpinsPerYield - 1) == 0)
                Syscall.Yield();
        }
    }

    // Child: every fork makes the statics' page copy-on-write again while the other thread writes it,
    // so both threads fault on it at once; the one served second must go on, not be killed.
    private static int WriteWhileForking(long unused)
    {
        _raceStop = false;
        Threads.Create(&IncrementUntilStopped, NewStackTop(), 0);
        for (int round = 0; round < CowRaceForks; round++)
        {
            long child = ProcClient.Fork();
            if (child == 0)
                Syscall.Exit(0);
            _raceForks++;
            int status;
            if (child < 0 || ProcClient.WaitPid(child, &status, 0) != child)
                return 2;
        }
        _raceStop = true;
        return _raceForks == CowRaceForks && _raceSpins > 0 ? 0 : 1;
    }

    // Child: the page is shared with its own child; the grandchild narrows and widens it, then writes.
    private static int ProtectAfterFork(long unused)
    {
        long* page = (long*)global::Ocean.Memory.Map(0, RacePageBytes, Protection.Read | Protection.Write);
        *page = 1;
        long child = ProcClient.Fork();
        if (child == 0)
        {
            if (global::Ocean.Memory.Protect((ulong)page, RacePageBytes, Protection.Read) != 0 ||
                global::Ocean.Memory.Protect((ulong)page, RacePageBytes, Protection.Read | Protection.Write) != 0)
                Syscall.Exit(3);
            *page = 2;
            Syscall.Exit(*page == 2 ? 0 : 4);
        }
        int code = ExitCodeOf(child);
        return code != 0 ? code : *page == 1 ? 0 : 1;
    }

    // A thread's call with a grant, made while nobody receives; the outcome lands in the words below.
    private static long _grantEndpoint, _grantResult;
    private static volatile bool _grantDone;   // set after _grantResult (x86 keeps stores in order)
    private static ulong _grantPage, _grantFlag;

    [UnmanagedCallersOnly]
    private static void CallWithPage(ulong unused)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make(1, 0) | _grantFlag;
        message.Words[MessageTag.GrantAddressWord] = _grantPage;
        message.Words[MessageTag.GrantLengthWord] = RacePageBytes;
        _grantResult = Ipc.Call(_grantEndpoint, &message);
        _grantDone = true;
    }

    private static void StartGrantCall(ulong page, ulong flag)
    {
        _grantEndpoint = Ipc.CreateEndpoint();
        _grantPage = page;
        _grantFlag = flag;
        _grantDone = false;
        Threads.Create(&CallWithPage, NewStackTop(), 0);
        Syscall.Sleep(QueueDelayNs);
    }

    private static bool GrantCallEnded()
    {
        for (int i = 0; i < 200 && !_grantDone; i++)
            Syscall.Sleep(5_000_000);
        return _grantDone;
    }

    // Child: a sibling waits in a call lending a page; the page is unmapped before anyone receives.
    private static int UnmapUnderWaitingGrant(long unused)
    {
        ulong page = (ulong)global::Ocean.Memory.Map(0, RacePageBytes, Protection.Read | Protection.Write);
        StartGrantCall(page, MessageTag.GrantRead);
        global::Ocean.Memory.Unmap(page, RacePageBytes);
        IpcMessage message = default;
        message.Tag = MessageTag.NonBlocking;
        long received = Ipc.Receive(_grantEndpoint, &message);
        if (received != -Errno.EAGAIN)
            return 1;   // the stale call was delivered (or the kernel lent what was no longer there)
        return GrantCallEnded() && _grantResult == -Errno.EFAULT ? 0 : 2;
    }

    // Child: a sibling lends a page for writing; this thread forks before (0) or after (1) receiving
    // the call, then serves it by writing through the grant. The grandchild must keep its own copy.
    private static int ForkUnderWriteGrant(long receiveFirst)
    {
        byte* page = (byte*)global::Ocean.Memory.Map(0, RacePageBytes, Protection.Read | Protection.Write);
        for (ulong i = 0; i < RacePageBytes; i++)
            page[i] = LenderFill;
        int* fds = stackalloc int[2];
        if (Syscall.Pipe(fds) != 0)
            return 10;
        StartGrantCall((ulong)page, MessageTag.GrantWrite);
        IpcMessage message = default;
        if (receiveFirst != 0 && Ipc.Receive(_grantEndpoint, &message) != 0)
            return 11;
        long child = ProcClient.Fork();
        if (child == 0)
        {
            byte go;
            Syscall.Read(fds[0], &go, 1);   // the server has written and replied
            bool untouched = true;
            for (ulong i = 0; i < RacePageBytes; i++)
                untouched &= page[i] == LenderFill;
            Syscall.Exit(untouched ? 0 : 1);
        }
        if (receiveFirst == 0 && Ipc.Receive(_grantEndpoint, &message) != 0)
            return 12;
        byte* window = (byte*)message.Words[MessageTag.GrantAddressWord];
        if (window == null || MessageTag.Error(message.Tag) != 0)
            return 13;
        for (ulong i = 0; i < RacePageBytes; i++)
            window[i] = ServerFill;
        message.Tag = MessageTag.Make(1, 0);
        Ipc.Reply(&message);
        byte done = 1;
        Syscall.Write(fds[1], &done, 1);
        if (!GrantCallEnded() || _grantResult != 0)
            return 14;
        bool served = true;
        for (ulong i = 0; i < RacePageBytes; i++)
            served &= page[i] == ServerFill;
        int code = ExitCodeOf(child);
        return code != 0 ? code : served ? 0 : 15;
    }
}
