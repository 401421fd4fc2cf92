namespace Ocean.Servers.Proc;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Answers <see cref="ProcRequest"/>s, one at a time. A waitpid that has to wait is parked (the kernel
/// keeps its reply right) and answered when a process end, which the kernel signals on the
/// notification bound to this thread, lets its child be reaped.
/// </summary>
public sealed unsafe class ProcServer : Server
{
    /// <summary>The bit the kernel signals on every process end (process_events).</summary>
    public const ulong ProcessEndedBit = 1;

    private readonly ParkedWaits _waits = new();
    private readonly ChildWatchers _watchers = new();
    private readonly ProcessTable _table = new();

    /// <summary>Learns the processes the kernel made before proc ran (init, proc, mem), each its own group and session.</summary>
    public void LoadTable()
    {
        ProcessInfo info;
        for (long pid = 0; (pid = Syscall.ProcessRead(SystemServerSlot.Authority, pid, &info)) > 0;)
            _table.Add(pid, info.ParentPid);
        TakeEnds();   // any that ended already
    }

    /// <summary>Where a ChildNotify's notification lands, until <see cref="ChildWatchers"/> keeps it.</summary>
    protected override int LandingSlot => ChildWatchers.FirstSlot + ChildWatchers.Capacity;

    protected override long Handle(IpcMessage* message)
    {
        ProcRequest request = (ProcRequest)MessageTag.Label(message->Tag);
        if (request is ProcRequest.Wait or ProcRequest.Identity or ProcRequest.SetGroup or ProcRequest.NewSession or ProcRequest.List or ProcRequest.SetForeground or ProcRequest.Foreground)
            TakeEnds();   // these read who has ended and who is whose child
        if (MessageTag.Capabilities(message->Tag) != 0 && request != ProcRequest.ChildNotify)
            return Refuse(message);
        switch (request)
        {
            case ProcRequest.Fork: return Fork(message);
            case ProcRequest.Exec: return Exec(message);
            case ProcRequest.ChildNotify: return ChildNotify(message);
            case ProcRequest.Wait: return Wait(message);
            case ProcRequest.Kill: return Kill(message);
            case ProcRequest.Identity: return Identity(message);
            case ProcRequest.List: return List(message);
            case ProcRequest.Threads: return Threads(message);
            case ProcRequest.SetGroup: return SetGroup(message);
            case ProcRequest.NewSession: return NewSession();
            case ProcRequest.SignalAction: return SignalAction(message);
            case ProcRequest.SetForeground: return SetForeground(message);
            case ProcRequest.Foreground: return ReplyWord(message, ProcProtocol.ForegroundGroupWord, HasLiveMember(_foreground) ? _foreground : 0);
            default: return -Errno.ENOSYS;
        }
    }

    protected override void Notified(ulong bits)
    {
        if ((bits & ProcessEndedBit) == 0)
            return;
        TakeFaults();
        TakeEnds();
        AnswerWaits();   // some process ended: its parent's wait, or init's for an orphan
        TakeConsoleReads();
    }

    // A process outside the console's foreground group tried to read it: its group stops (SIGTTIN),
    // as POSIX's terminals do; the read goes on once it has the console and is continued. Only the
    // processes proc made background can have tried.
    private void TakeConsoleReads()
    {
        for (long pid = 0; (pid = _table.Next(pid)) != 0;)
        {
            ProcessInfo info;
            if (!_table.IsConsoleBackground(pid) || _table.HasEnded(pid) ||
                Syscall.ProcessRead(SystemServerSlot.Authority, pid - 1, &info) != pid || (info.Flags & ProcessInfo.FlagWantsConsole) == 0)
                continue;
            Syscall.ProcessConsole(SystemServerSlot.Authority, pid, true);   // heard: a later read tells again
            KillGroup(_table.Group(pid), Signal.TerminalInput);
        }
    }

    // Makes the kernel's console flag of pid what the foreground group says, where it differs.
    private void UpdateConsoleAccess(long pid)
    {
        bool background = _table.ShouldBeConsoleBackground(pid, HasLiveMember(_foreground) ? _foreground : 0, _foregroundSession);
        if (background == _table.IsConsoleBackground(pid))
            return;
        if (Syscall.ProcessConsole(SystemServerSlot.Authority, pid, background) == 0)
            _table.SetConsoleBackground(pid, background);
    }

    private void UpdateConsoleAccess()
    {
        for (long pid = 0; (pid = _table.Next(pid)) != 0;)
            UpdateConsoleAccess(pid);
    }

    // Any parked wait that a process's end (or, with WUNTRACED, a stop) lets proc answer now.
    private void AnswerWaits()
    {
        for (int i = 0; i < _waits.Count;)
        {
            int status = 0;
            long reaped = TryReap(_waits.Caller(i), _waits.Pid(i), _waits.Options(i), &status);
            if (reaped == 0)
            {
                i++;
                continue;
            }
            IpcMessage reply = default;
            reply.Tag = MessageTag.Make(0, ProcProtocol.WaitWords * sizeof(ulong));
            reply.Words[ProcProtocol.ReapedWord] = (ulong)reaped;
            reply.Words[ProcProtocol.StatusWord] = (ulong)status;
            AnswerParked(_waits.Ticket(i), reaped < 0 ? reaped : 0, &reply);   // a killed caller's ticket is refused: nothing to do
            _waits.RemoveAt(i);
        }
    }

    // Reads every process end the kernel has recorded, so the table is as current as the kernel: a
    // request may arrive before the notification that announces an end it depends on (a WNOHANG
    // wait right after a child's exit). The parent hears of its child's end (ChildNotify), and a
    // watcher's own end forgets it.
    private void TakeEnds()
    {
        ProcessEnd end;
        for (long pid; (pid = Syscall.ProcessEnded(SystemServerSlot.Authority, &end)) > 0;)
        {
            long parent = _table.Contains(pid) ? _table.Parent(pid) : end.Parent;
            if (_table.Ended(pid, end.Status))
                _watchers.Tell(ProcessTable.InitPid);   // zombies of its are init's to reap now
            _watchers.Tell(parent);
            _watchers.Forget(pid);
        }
    }

    // Threads the kernel stopped for a fault it could not resolve: say what happened, and end the
    // process with the signal Unix would send (no process handles signals yet).
    private static void TakeFaults()
    {
        FaultReport fault;
        for (long pid; (pid = Syscall.ProcessFaulted(SystemServerSlot.Authority, &fault)) > 0;)
        {
            ProcessInfo info;
            bool named = Syscall.ProcessRead(SystemServerSlot.Authority, pid - 1, &info) == pid;
            FaultLines.Write(&fault, named ? &info : null);
            Syscall.ProcessKill(SystemServerSlot.Authority, pid, FaultLines.SignalFor(fault.Vector));
        }
    }

    // waitpid for the caller: reap now, or say none yet (NoHang), or park until a child ends.
    private long Wait(IpcMessage* message)
    {
        ulong* words = message->Words;
        ulong options = words[ProcProtocol.WaitOptionsWord];
        if (MessageTag.Length(message->Tag) < ProcProtocol.WaitWords * sizeof(ulong) || (options & ~(WaitStatus.NoHang | WaitStatus.Untraced)) != 0)
            return -Errno.EINVAL;
        long caller = CallerPid, pid = (long)words[ProcProtocol.WaitPidWord];
        if (pid != (int)pid || pid == int.MinValue)
            return -Errno.ECHILD;   // names no process and no group
        int status = 0;
        long reaped = TryReap(caller, pid, options, &status);
        if (reaped < 0)
            return reaped;
        if (reaped == 0 && (options & WaitStatus.NoHang) == 0)
        {
            if (_waits.IsFull)
                return -Errno.EAGAIN;
            long ticket = Park();
            if (ticket < 0)
                return ticket;
            _waits.Add(ticket, caller, pid, options & WaitStatus.Untraced);
            return ReplyLater;
        }
        words[ProcProtocol.ReapedWord] = (ulong)reaped;
        words[ProcProtocol.StatusWord] = (ulong)status;
        message->Tag = MessageTag.Make(0, ProcProtocol.WaitWords * sizeof(ulong));
        return 0;
    }

    // fork for the caller: the kernel copies it, and the copy starts with this request answered (pid 0).
    private long Fork(IpcMessage* message)
    {
        if (!_table.MayFork(CallerPid))
            return -Errno.EAGAIN;   // the table is full (of zombies, perhaps); init keeps a reserve
        long child = Syscall.ProcessFork(SystemServerSlot.Authority, _table.NewPid());
        if (child < 0)
            return child;
        if (!_table.Add(child, CallerPid))
            Stdio.WriteLine("proc: its process table is full; a forked child goes unrecorded");
        return ReplyWord(message, ProcProtocol.ChildWord, child);
    }

    // exec for the caller: the kernel reads the arguments from the caller's memory and, if the program
    // starts, ends the call itself (nothing to answer).
    private long Exec(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < ProcProtocol.ExecWords * sizeof(ulong) || MessageTag.HasGrant(message->Tag))
            return -Errno.EINVAL;
        ulong* words = message->Words;
        ExecArguments arguments;
        arguments.Path = words[ProcProtocol.ExecPathWord];
        arguments.Argv = words[ProcProtocol.ExecArgvWord];
        arguments.Envp = words[ProcProtocol.ExecEnvpWord];
        arguments.Image = words[ProcProtocol.ExecImageWord];
        arguments.ImageSize = words[ProcProtocol.ExecImageSizeWord];
        long result = Syscall.ProcessExec(SystemServerSlot.Authority, &arguments);
        if (result < 0)
            return result;
        _table.Execed(CallerPid);
        return ReplyLater;
    }

    // waitpid's rule over proc's table: a child of the caller that pid names (a pid, -1 for any, 0 for
    // the caller's group, below -1 for group -pid) that has ended is reaped; with WUNTRACED, one
    // stopped since the last such wait is reported (and stays); 0 while such children all run;
    // ECHILD when there is none.
    private long TryReap(long caller, long pid, ulong options, int* status)
    {
        long child = _table.FindChild(caller, pid, out bool ended);
        if (child == 0)
            return -Errno.ECHILD;
        if (!ended && (options & WaitStatus.Untraced) != 0)
        {
            long stopped = _table.TakeStoppedChild(caller, pid, out int signal);
            if (stopped != 0)
            {
                *status = WaitStatus.Stopped(signal);
                return stopped;
            }
        }
        if (!ended)
            return 0;
        *status = _table.Status(child);
        _table.Remove(child);
        return child;
    }

    // Anyone may end anyone (there are no users yet), except init and the servers the kernel started;
    // a pid of 0 or below -1 names a process group (the caller's, or -pid), every member of which ends.
    private long Kill(IpcMessage* message)
    {
        int length = (int)MessageTag.Length(message->Tag);
        if (length < sizeof(ulong))
            return -Errno.EINVAL;
        long pid = (long)message->Words[ProcProtocol.KillPidWord];
        ulong signal = length >= 2 * sizeof(ulong) ? message->Words[ProcProtocol.KillSignalWord] : (ulong)Signal.Kill;
        if (signal > Signal.Max)
            return -Errno.EINVAL;
        if (pid == 0 || (pid < -1 && pid > int.MinValue))
            return KillGroup(pid == 0 ? (_table.Contains(CallerPid) ? _table.Group(CallerPid) : 0) : -pid, (int)signal);
        return KillOne(pid, (int)signal);
    }

    // Sends the signal to every live member of a group; ESRCH if it has none, EPERM if each was refused.
    private long KillGroup(long group, int signal)
    {
        bool ended = false, refused = false;
        for (long pid = 0; (pid = _table.Next(pid)) != 0;)
        {
            if (_table.HasEnded(pid) || _table.Group(pid) != group)
                continue;
            long one = KillOne(pid, signal);
            ended |= one == 0;
            refused |= one == -Errno.EPERM;
        }
        return ended ? 0 : refused ? -Errno.EPERM : -Errno.ESRCH;
    }

    // A signal's default action: SIGSTOP and the terminal's stops stop the process, SIGCONT continues
    // it (ignored or not, as POSIX's), SIGCHLD does nothing, every other ends it with the signal; an
    // ignored one (never SIGKILL or SIGSTOP) does nothing. A stopped process that another signal ends
    // ends at once.
    private long KillOne(long pid, int signal)
    {
        ProcessInfo info;
        if (pid <= 0 || pid != (int)pid || Syscall.ProcessRead(SystemServerSlot.Authority, pid - 1, &info) != pid || info.State == ProcessInfo.StateZombie)
            return -Errno.ESRCH;
        if (pid == ProcessTable.InitPid || (info.Flags & ProcessInfo.FlagSystem) != 0)
            return -Errno.EPERM;
        if (signal == Signal.Continue)
            return Continue(pid);
        if (signal == 0 || (signal != Signal.Kill && signal != Signal.Stop && _table.Ignores(pid, signal)))
            return 0;   // 0: only whether it could be sent (POSIX's kill(pid, 0))
        if (signal == Signal.Child)
            return 0;
        if (signal is Signal.Stop or Signal.TerminalStop or Signal.TerminalInput or Signal.TerminalOutput)
            return Stop(pid, signal);
        return Syscall.ProcessKill(SystemServerSlot.Authority, pid, signal);
    }

    // Job control's stop: the kernel parks the process's threads; its parent's WUNTRACED wait hears of it.
    private long Stop(long pid, int signal)
    {
        if (!_table.Contains(pid) || _table.IsStopped(pid))
            return 0;
        long stopped = Syscall.ProcessStop(SystemServerSlot.Authority, pid, true);
        if (stopped < 0)
            return stopped;
        _table.SetStopped(pid, signal);
        AnswerWaits();
        return 0;
    }

    private long Continue(long pid)
    {
        if (!_table.IsStopped(pid))
            return 0;
        long continued = Syscall.ProcessStop(SystemServerSlot.Authority, pid, false);
        if (continued < 0)
            return continued;
        _table.SetStopped(pid, 0);
        return 0;
    }

    // signal(sig, SIG_IGN or SIG_DFL): the caller's own disposition; the one before is the reply.
    private long SignalAction(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < ProcProtocol.SignalActionWords * sizeof(ulong))
            return -Errno.EINVAL;
        ulong signal = message->Words[ProcProtocol.SignalWord], action = message->Words[ProcProtocol.ActionWord];
        if (signal < 1 || signal > Signal.Max || signal == Signal.Kill || signal == Signal.Stop || (action != ProcProtocol.DefaultAction && action != ProcProtocol.IgnoreAction))
            return -Errno.EINVAL;
        long caller = CallerPid;
        if (!_table.Contains(caller))
            return -Errno.ESRCH;
        bool was = _table.SetIgnored(caller, (int)signal, action == ProcProtocol.IgnoreAction);
        return ReplyWord(message, ProcProtocol.SignalWord, (long)(was ? ProcProtocol.IgnoreAction : ProcProtocol.DefaultAction));
    }

    // The console's foreground group: the one Ctrl-C interrupts (servers/tty asks for it), and its session.
    private long _foreground, _foregroundSession;

    // tcsetpgrp: a group with a live member in the caller's session.
    private long SetForeground(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < sizeof(ulong))
            return -Errno.EINVAL;
        long group = (long)message->Words[ProcProtocol.ForegroundGroupWord], caller = CallerPid;
        if (group < 1 || group != (int)group)
            return -Errno.EINVAL;
        if (!_table.Contains(caller) || !HasLiveMember(group, _table.Session(caller)))
            return -Errno.EPERM;
        _foreground = group;
        _foregroundSession = _table.Session(caller);
        UpdateConsoleAccess();
        return 0;
    }

    private bool HasLiveMember(long group, long session = 0)
    {
        for (long pid = 0; group > 0 && (pid = _table.Next(pid)) != 0;)
            if (!_table.HasEnded(pid) && _table.Group(pid) == group && (session == 0 || _table.Session(pid) == session))
                return true;
        return false;
    }

    // ChildNotify: with a notification, the caller watches its children's ends; without, it stops.
    private long ChildNotify(IpcMessage* message)
    {
        ulong tag = message->Tag;
        if (MessageTag.Capabilities(tag) == 0)
        {
            _watchers.Forget(CallerPid);
            return 0;
        }
        long landed = (long)message->Words[MessageTag.CapabilityWord(tag, 0)];
        long identity = Ipc.Identify(landed);
        bool notification = identity >= 0 && (identity >> 8 & 0xFF) == (long)ObjectKind.Notification && (identity & (long)CapabilityRights.Send) != 0;
        if (MessageTag.Capabilities(tag) != 1 || !notification || message->Words[ProcProtocol.NotifyBitsWord] == 0)
            return Refuse(message);
        return _watchers.Watch(CallerPid, landed, message->Words[ProcProtocol.NotifyBitsWord]);
    }

    // A request proc will not act on: any capabilities it brought are deleted, and it gets EINVAL.
    private static long Refuse(IpcMessage* message)
    {
        ulong tag = message->Tag;
        for (int i = 0; i < MessageTag.Capabilities(tag); i++)
            Ipc.Delete((long)message->Words[MessageTag.CapabilityWord(tag, i)]);
        return -Errno.EINVAL;
    }

    // A process's pid, parent, group and session from proc's table: the caller's (as the kernel
    // identifies it: proc's endpoint identifies callers), or the one word 0 names if not 0.
    private long Identity(IpcMessage* message)
    {
        long pid = MessageTag.Length(message->Tag) >= sizeof(ulong) && message->Words[ProcProtocol.IdentityPidWord] != 0
            ? (long)message->Words[ProcProtocol.IdentityPidWord] : CallerPid;
        if (!_table.Contains(pid))
            return -Errno.ESRCH;
        message->Words[ProcProtocol.CallerWord] = (ulong)pid;
        message->Words[ProcProtocol.ParentWord] = (ulong)_table.Parent(pid);
        message->Words[ProcProtocol.GroupWord] = (ulong)_table.Group(pid);
        message->Words[ProcProtocol.SessionWord] = (ulong)_table.Session(pid);
        message->Tag = MessageTag.Make(0, ProcProtocol.IdentityWords * sizeof(ulong));
        return 0;
    }

    // setpgid, with POSIX's rules: the caller or a child of its (ESRCH), in its session and not a
    // session leader (EPERM), a child that has not run a new program (EACCES), into a group of the
    // session or a new one named after the process (EPERM).
    private long SetGroup(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < ProcProtocol.SetGroupWords * sizeof(ulong))
            return -Errno.EINVAL;
        long caller = CallerPid;
        long pid = (long)message->Words[ProcProtocol.SetGroupPidWord], group = (long)message->Words[ProcProtocol.SetGroupWord];
        if (pid == 0)
            pid = caller;
        if (group == 0)
            group = pid;
        if (group < 0 || group != (int)group)
            return -Errno.EINVAL;
        if (!_table.Contains(caller) || !_table.Contains(pid) || (pid != caller && _table.Parent(pid) != caller) || _table.HasEnded(pid))
            return -Errno.ESRCH;
        long session = _table.Session(caller);
        if (_table.Session(pid) != session || _table.Session(pid) == pid)
            return -Errno.EPERM;
        if (pid != caller && _table.HasExeced(pid))
            return -Errno.EACCES;
        if (group != pid && !_table.GroupExists(group, session))
            return -Errno.EPERM;
        _table.SetGroup(pid, group);
        UpdateConsoleAccess(pid);
        return 0;
    }

    // setsid: the caller leads a new session and group, unless a group is named after it already
    // (it leads one, or did and others are still in it: the group would span two sessions).
    private long NewSession()
    {
        long caller = CallerPid;
        if (!_table.Contains(caller))
            return -Errno.ESRCH;
        if (_table.GroupInUse(caller))
            return -Errno.EPERM;
        _table.NewSession(caller);
        UpdateConsoleAccess(caller);
        return 0;
    }

    private long List(IpcMessage* message)
    {
        var window = (ProcessInfo*)WriteWindow(message, 1, (ulong)sizeof(ProcessInfo));
        if (window == null)
            return -Errno.EINVAL;
        long pid = _table.Next((long)message->Words[ProcProtocol.AfterPidWord]);
        if (pid == 0)
            return -Errno.ESRCH;
        ProcessInfo info;
        if (_table.HasEnded(pid) || Syscall.ProcessRead(SystemServerSlot.Authority, pid - 1, &info) != pid)
        {
            info = default;   // a zombie: the kernel has freed it, and only its pid and parent are left
            info.Pid = (int)pid;
            info.State = ProcessInfo.StateZombie;
            info.Cpu = -1;
        }
        info.ParentPid = (int)_table.Parent(pid);   // the kernel only knows who forked it
        if (info.State == ProcessInfo.StateAlive && _table.IsStopped(pid))
            info.State = ProcessInfo.StateStopped;
        info.ProcessGroup = (int)_table.Group(pid);
        info.Session = (int)_table.Session(pid);
        *window = info;   // the kernel wrote proc's own copy; it goes into the client's grant
        return ReplyWord(message, ProcProtocol.PidWord, pid);
    }

    private static long Threads(IpcMessage* message)
    {
        var window = (ThreadInfo*)WriteWindow(message, 2, (ulong)sizeof(ThreadInfo));
        if (window == null)
            return -Errno.EINVAL;
        ThreadInfo info;
        ulong* words = message->Words;
        long id = Syscall.ThreadRead(SystemServerSlot.Authority, (long)words[ProcProtocol.ThreadsPidWord], (long)words[ProcProtocol.AfterThreadWord], &info);
        if (id < 0)
            return id;
        *window = info;
        return ReplyWord(message, ProcProtocol.ThreadWord, id);
    }

    // The client's write grant, if the request has its words and the grant holds bytes; else null.
    private static void* WriteWindow(IpcMessage* message, int words, ulong bytes)
    {
        ulong tag = message->Tag;
        bool fits = (tag & MessageTag.GrantWrite) != 0 && MessageTag.Length(tag) >= words * sizeof(ulong) &&
                    message->Words[MessageTag.GrantLengthWord] >= bytes;
        return fits ? (void*)message->Words[MessageTag.GrantAddressWord] : null;
    }

    // A reply of one word.
    private static long ReplyWord(IpcMessage* message, int word, long value)
    {
        message->Words[word] = (ulong)value;
        message->Tag = MessageTag.Make(0, sizeof(ulong));
        return 0;
    }
}
