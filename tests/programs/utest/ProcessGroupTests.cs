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

    // Child: puts two sleeping children in a group led by the first, ends both with one kill of the
    // group, reaps them (both killed), and finds the group empty afterwards.
    private static int GroupKill(long unused)
    {
        long first = Sleeper(), second = Sleeper();
        if (ProcClient.SetProcessGroup(first, first) != 0 || ProcClient.SetProcessGroup(second, first) != 0)
            return 1;
        if (ProcClient.Kill(-first) != 0)
            return 2;
        int status;
        for (int i = 0; i < 2; i++)
        {
            long reaped = ProcClient.WaitPid(-first, &status, 0);
            if ((reaped != first && reaped != second) || WaitStatus.IfExited(status) || WaitStatus.TermSignal(status) != Signal.Kill)
                return 3;
        }
        return ProcClient.Kill(-first) == -Errno.ESRCH && ProcClient.Kill(-NoSuchGroup) == -Errno.ESRCH ? 0 : 4;
    }

    // Child: leads a group of its own, forks a member, moves itself back to its parent's group, and
    // must not make a session while a group named after it lives (it would span two sessions).
    private static int SessionNeedsAFreeName(long parentGroup)
    {
        if (ProcClient.SetProcessGroup(0, 0) != 0)
            return 1;
        long member = SleepingChild();
        if (ProcClient.SetProcessGroup(0, parentGroup) != 0 || ProcClient.ProcessGroup(member) != Syscall.GetPid())
            return 2;
        if (ProcClient.NewSession() != -Errno.EPERM)
            return 3;
        int status;
        if (ProcClient.WaitPid(member, &status, 0) != member)
            return 4;
        return ProcClient.NewSession() == Syscall.GetPid() ? 0 : 5;
    }

    // Child: forks children that end at once and reaps none, until fork says EAGAIN: the zombies
    // fill proc's table (the kernel frees them), and a process other than init stops short of init's
    // reserve. Then it reaps them all. Exit code: 0, or what went wrong.
    private static int ZombieStorm(long unused)
    {
        const int Ceiling = 300;
        int children = 0;
        long error = 0;
        while (children < Ceiling)
        {
            long pid = ProcClient.Fork();
            if (pid == 0)
                Syscall.Exit(0);
            if (pid < 0)
            {
                error = pid;
                break;
            }
            children++;
        }
        int status, reaped = 0;
        while (ProcClient.WaitPid(-1, &status, 0) > 0)
            reaped++;
        Stdio.Write("utest: zombie storm: ");
        Stdio.Write((long)children);
        Stdio.WriteLine(" children before EAGAIN");
        return error != -Errno.EAGAIN ? 1 : children < 100 ? 2 : reaped != children ? 3 : 0;
    }

    private static long Sleeper()
    {
        const ulong Long = 10_000_000_000;   // killed long before
        long child = Runtime.Fork();
        if (child == 0)
        {
            Syscall.Sleep(Long);
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
        Check(ExitCodeOf(Spawn(&SessionNeedsAFreeName, ProcClient.ProcessGroup(0))) == 0,
            "proc: setsid is refused (EPERM) while a group named after the caller lives on, even one it left");
        Check(ExitCodeOf(Spawn(&ZombieStorm, 0)) == 0,
            "proc: unreaped children fill proc's table (zombies count until reaped): fork says EAGAIN, init's reserve kept; all reaped after");
        Check(ExitCodeOf(Spawn(&GroupKill, 0)) == 0, "proc: kill of a process group (-pgid) ends every member (both reaped as killed); ESRCH for a group with no live member");
        Check(failed == 0, "proc: setsid makes a session and group leader (EPERM again); children inherit; setpgid into a new or existing group of the session (EPERM otherwise, ESRCH for no child, EINVAL for a negative group, EPERM for a session leader); waitpid by group (0, -pgid)");
    }
}
