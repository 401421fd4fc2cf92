namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Process groups and sessions, which live in the process server (setpgid, getpgid, setsid, getsid,
/// and waitpid by group), with POSIX's rules.
/// </summary>
public static unsafe partial class Program
{
    private const long NoSuchPid = 999_999, NoSuchGroup = 99_999;

    // GroupRules' exit code: the first rule that did not hold (an exit status has 8 bits), 0 for none.
    private const int Inherited = 1, NewSessionLeads = 2, LeaderRefused = 3, ChildInherits = 4, ChildOwnGroup = 5,
        ChildBack = 6, MissingGroupRefused = 7, NotAChildRefused = 8, NegativeRefused = 9, SessionLeaderStays = 10,
        WaitByGroup = 11, WaitByOtherGroup = 12;

    // Child: runs through the rules in a session of its own, with children of its own.
    private static int GroupRules(long parentSession)
    {
        int failed = 0;   // the first failure wins: each check below sets it only if still 0
        long me = Syscall.GetPid();
        if (ProcClient.Session(0) != parentSession || ProcClient.ProcessGroup(0) != ProcClient.ProcessGroup(ProcClient.ParentPid()))
            failed = failed == 0 ? Inherited : failed;
        if (ProcClient.NewSession() != me || ProcClient.Session(0) != me || ProcClient.ProcessGroup(0) != me)
            failed = failed == 0 ? NewSessionLeads : failed;
        if (ProcClient.NewSession() != -Errno.EPERM)
            failed = failed == 0 ? LeaderRefused : failed;
        long first = SleepingChild(), second = SleepingChild();
        if (ProcClient.ProcessGroup(first) != me || ProcClient.Session(first) != me)
            failed = failed == 0 ? ChildInherits : failed;
        if (ProcClient.SetProcessGroup(first, 0) != 0 || ProcClient.ProcessGroup(first) != first)
            failed = failed == 0 ? ChildOwnGroup : failed;
        if (ProcClient.SetProcessGroup(second, first) != 0 || ProcClient.SetProcessGroup(second, me) != 0 || ProcClient.ProcessGroup(second) != me)
            failed = failed == 0 ? ChildBack : failed;
        if (ProcClient.SetProcessGroup(second, NoSuchGroup) != -Errno.EPERM)
            failed = failed == 0 ? MissingGroupRefused : failed;
        if (ProcClient.SetProcessGroup(1, 1) != -Errno.ESRCH || ProcClient.SetProcessGroup(NoSuchPid, 0) != -Errno.ESRCH)
            failed = failed == 0 ? NotAChildRefused : failed;
        if (ProcClient.SetProcessGroup(0, -5) != -Errno.EINVAL)
            failed = failed == 0 ? NegativeRefused : failed;
        if (ProcClient.SetProcessGroup(0, 0) != -Errno.EPERM || ProcClient.ProcessGroup(0) != me)
            failed = failed == 0 ? SessionLeaderStays : failed;
        int status;
        // waitpid(0): a child in the caller's group (second), not the one in a group of its own.
        if (ProcClient.WaitPid(0, &status, 0) != second || ProcClient.WaitPid(0, &status, WaitStatus.NoHang) != -Errno.ECHILD)
            failed = failed == 0 ? WaitByGroup : failed;
        if (ProcClient.WaitPid(-NoSuchGroup, &status, WaitStatus.NoHang) != -Errno.ECHILD || ProcClient.WaitPid(-first, &status, 0) != first)
            failed = failed == 0 ? WaitByOtherGroup : failed;
        return failed;
    }

    private static long SleepingChild()
    {
        long child = Runtime.Fork();
        if (child == 0)
        {
            Syscall.Sleep(ShortWait);
            Syscall.Exit(0);
        }
        return child;
    }

    private static void ProcessGroups()
    {
        long session = ProcClient.Session(0);
        Check(session > 0 && ProcClient.ProcessGroup(0) > 0 && ProcClient.Session(NoSuchPid) == -Errno.ESRCH && ProcClient.ProcessGroup(NoSuchPid) == -Errno.ESRCH,
            "proc: getsid and getpgid name the caller's session and group; ESRCH for no process");
        int failed = ExitCodeOf(Spawn(&GroupRules, session));
        Stdio.Write("utest: process group rules: first failed rule ");
        Stdio.Write((long)failed);
        Stdio.WriteLine("");
        Check(failed == 0, "proc: setsid makes a session and group leader (EPERM again); children inherit; setpgid into a new or existing group of the session (EPERM otherwise, ESRCH for no child, EINVAL for a negative group, EPERM for a session leader); waitpid by group (0, -pgid)");
    }
}
