#nullable enable
namespace Ocean.UnitTests;

using Ocean.Servers.Proc;

/// <summary>The process server's own table (servers/proc/ProcessTable.cs): families, groups, sessions, zombies.</summary>
public class ProcessTableTests
{
    private const long Init = ProcessTable.InitPid;

    // init (1) as the kernel starts it, with a shell (4) and the shell's two children (5, 6).
    private static ProcessTable Family()
    {
        var table = new ProcessTable();
        Assert.True(table.Add(Init, 0));
        Assert.True(table.Add(4, Init));
        Assert.True(table.Add(5, 4));
        Assert.True(table.Add(6, 4));
        return table;
    }

    [Fact]
    public void AKernelStartedProcessLeadsItsOwnGroupAndSessionAndAChildInheritsItsParents()
    {
        ProcessTable table = Family();
        Assert.Equal((Init, Init, 0L), (table.Group(Init), table.Session(Init), table.Parent(Init)));
        Assert.Equal((Init, Init, 4L), (table.Group(5), table.Session(5), table.Parent(5)));
        table.NewSession(4);
        Assert.True(table.Add(7, 4));
        Assert.Equal((4L, 4L), (table.Group(7), table.Session(7)));
        Assert.False(table.Contains(0));
        Assert.False(table.Contains(99));
    }

    [Fact]
    public void AWaitFindsAnEndedChildFirstAndNamesChildrenByPidAnyOrGroup()
    {
        // The shell takes a session of its own before it forks 5 and 6; 6 then leads a group.
        var table = new ProcessTable();
        table.Add(Init, 0);
        table.Add(4, Init);
        table.NewSession(4);
        table.Add(5, 4);
        table.Add(6, 4);
        table.SetGroup(6, 6);
        Assert.Equal(5, table.FindChild(4, -1, out bool ended));   // both run: the first
        Assert.False(ended);
        table.Ended(6, 0x0900);
        Assert.Equal(6, table.FindChild(4, -1, out ended));   // the ended one first
        Assert.True(ended);
        Assert.Equal(0x0900, table.Status(6));
        Assert.Equal(5, table.FindChild(4, 0, out _));   // 4's own group: 5, not 6
        Assert.Equal(6, table.FindChild(4, -6, out _));   // group 6
        Assert.Equal(0, table.FindChild(4, -77, out _));   // no such group
        Assert.Equal(0, table.FindChild(4, 1, out _));   // init is not 4's child
        Assert.Equal(0, table.FindChild(Init, 5, out _));   // nor is 5 init's
    }

    [Fact]
    public void AnEndHandsTheChildrenToInitAndSaysWhetherAnyHadEnded()
    {
        ProcessTable table = Family();
        Assert.False(table.Ended(5, 0));   // no children
        Assert.True(table.Ended(4, 0));   // its child 5 had ended: init may reap it at once
        Assert.Equal((Init, Init), (table.Parent(5), table.Parent(6)));
        Assert.Equal(5, table.FindChild(Init, 5, out bool ended));   // init's now, and ended
        Assert.True(ended);
        Assert.Equal(6, table.FindChild(Init, 6, out ended));
        Assert.False(ended);
    }

    [Fact]
    public void AReapCompactsTheTableAndTheRestStayFoundInPidOrder()
    {
        ProcessTable table = Family();
        table.Ended(4, 0);
        table.Remove(4);
        Assert.False(table.Contains(4));
        Assert.Equal(3, table.Count);
        Assert.Equal((Init, 5L, 6L, 0L), (table.Next(0), table.Next(Init), table.Next(5), table.Next(6)));
        Assert.Equal(Init, table.Parent(6));
        Assert.True(table.GroupExists(Init, Init));
        Assert.False(table.GroupExists(4, Init));
    }

    [Fact]
    public void TheTableRefusesAProcessPastItsCapacity()
    {
        var table = new ProcessTable();
        for (long pid = 1; pid <= ProcessTable.Capacity; pid++)
            Assert.True(table.Add(pid, pid - 1));
        Assert.False(table.Add(ProcessTable.Capacity + 1, 1));
        Assert.False(table.MayFork(ProcessTable.InitPid));
        table.Remove(7);
        Assert.True(table.Add(ProcessTable.Capacity + 1, 1));
        Assert.True(table.Contains(ProcessTable.Capacity + 1));
    }

    [Fact]
    public void OthersStopShortOfInitsReserveAndZombiesCount()
    {
        var table = new ProcessTable();
        table.Add(Init, 0);
        table.Add(4, Init);
        long pid = 5;
        while (table.MayFork(4))
            table.Add(pid++, 4);
        Assert.Equal(ProcessTable.Capacity - ProcessTable.InitReserve, table.Count);
        Assert.True(table.MayFork(Init));
        table.Ended(5, 0);   // a zombie still counts
        Assert.False(table.MayFork(4));
        table.Remove(5);
        Assert.True(table.MayFork(4));
    }

    [Fact]
    public void AGroupNamedAfterAProcessIsInUseWhileAnyMemberLives()
    {
        ProcessTable table = Family();
        Assert.False(table.GroupInUse(4));
        table.SetGroup(4, 4);
        table.SetGroup(5, 4);
        table.SetGroup(4, Init);   // 4 leaves; 5 keeps the group named after it
        Assert.True(table.GroupInUse(4));
        table.Remove(5);
        Assert.False(table.GroupInUse(4));
    }

    [Fact]
    public void NewPidsFollowTheLastAndSkipNumbersStillInUse()
    {
        ProcessTable table = Family();   // 1, 4, 5, 6: the next is 7
        Assert.Equal(7L, table.NewPid());
        Assert.True(table.Add(7, 4));
        table.SetGroup(4, 4);
        table.Remove(7);
        Assert.Equal(8L, table.NewPid());   // never back to a number just given out
        Assert.Equal(0L, table.User(5));   // everyone is root until users come
        Assert.Equal(0L, table.UserGroup(5));
    }

    [Fact]
    public void PidsGoRoundAfterTheLargestAndSkipProcessesGroupsAndSessions()
    {
        var table = new ProcessTable();
        Assert.True(table.Add(Init, 0));
        Assert.True(table.Add(2, 0));   // a kernel-started server: its own group and session
        Assert.True(table.Add(3, Init));
        Assert.True(table.Add(ProcessTable.MaxPid, Init));
        table.NewSession(3);   // session (and group) 3
        table.SetGroup(ProcessTable.MaxPid, 3);
        table.Remove(3);   // gone, but group and session 3 live on in MaxPid's process
        Assert.Equal(4L, table.NewPid());   // after MaxPid: round to 2, skipping 2 (a process) and 3 (a group and session)
    }

    [Fact]
    public void IgnoredSignalsAreEachProcesssOwnAndAForkedChildKeepsThem()
    {
        ProcessTable table = Family();
        Assert.False(table.SetIgnored(4, 2, true));   // the shell ignores SIGINT: it did not before
        Assert.True(table.SetIgnored(4, 2, true));
        Assert.True(table.Ignores(4, 2));
        Assert.False(table.Ignores(4, 3));
        Assert.False(table.Ignores(5, 2));   // forked before: not touched
        Assert.True(table.Add(7, 4));
        Assert.True(table.Ignores(7, 2));    // forked after: kept
        Assert.True(table.SetIgnored(7, 2, false));
        Assert.False(table.Ignores(7, 2));
        Assert.True(table.Ignores(4, 2));
        table.Remove(5);                     // 7, the last entry, moves into 5's place with its mask
        Assert.False(table.Ignores(7, 2));
        table.SetIgnored(7, 31, true);
        Assert.True(table.Ignores(7, 31));
        Assert.False(table.Ignores(99, 2));
    }

    [Fact]
    public void AStopIsReportedOnceToAWaitThatAsksAndEndsWithAContinueOrTheEnd()
    {
        ProcessTable table = Family();
        table.SetGroup(5, 5);
        Assert.False(table.IsStopped(5));
        Assert.Equal(0, table.TakeStoppedChild(4, -1, out _));
        table.SetStopped(5, 20);
        Assert.True(table.IsStopped(5));
        Assert.Equal(0, table.TakeStoppedChild(Init, -1, out _));   // not init's child
        Assert.Equal(0, table.TakeStoppedChild(4, 6, out _));       // not the child named
        Assert.Equal(5, table.TakeStoppedChild(4, -5, out int signal));   // by its group
        Assert.Equal(20, signal);
        Assert.Equal(0, table.TakeStoppedChild(4, -1, out _));      // once per stop
        Assert.True(table.IsStopped(5));
        table.SetStopped(5, 0);
        table.SetStopped(5, 19);
        Assert.Equal(5, table.TakeStoppedChild(4, 5, out signal));   // a new stop is news again
        Assert.Equal(19, signal);
        table.SetStopped(6, 20);
        table.Ended(6, 9);
        Assert.False(table.IsStopped(6));                            // an end is not a stop
        Assert.Equal(0, table.TakeStoppedChild(4, 6, out _));
        table.Remove(5);                                             // the last entry moves into the hole
        Assert.False(table.IsStopped(6));
    }
}
