namespace Ocean.Servers.Proc;

/// <summary>
/// proc's record of every process: its pid (proc numbers every process it forks: <see cref="NewPid"/>),
/// its parent, the user and group it runs as (0, root, until users come with the console's logins:
/// inherited at fork), its process group and its session (the console's
/// job control needs both), and whether it has ended, with its status (a zombie lives only here,
/// until its parent waits for it; the kernel frees a process once proc has read its end). The
/// kernel starts init, proc and mem; every other process is made by a Fork that proc serves, so the
/// table is filled from the kernel's at start and kept by forks, execs, ends and reaps from then on.
/// Pure bookkeeping, so host tests compile this file as it is.
/// </summary>
public sealed class ProcessTable
{
    /// <summary>As many as the kernel allows (its process limit).</summary>
    public const int Capacity = 256;

    public const long InitPid = 1;

    /// <summary>Entries only init may take, so it can still restart a service when others fill the table (with zombies, say).</summary>
    public const int InitReserve = 8;

    /// <summary>The largest pid; numbering goes round after it, as Unix's does at pid_max.</summary>
    public const long MaxPid = 32767;

    /// <summary>Whether <paramref name="parent"/> may fork now: zombies count until reaped.</summary>
    public bool MayFork(long parent) => _count < (parent == InitPid ? Capacity : Capacity - InitReserve);

    // Entries 0.._count-1 are in use, in no order: a reap moves the last entry into the hole, so every
    // scan covers only the processes there are (about ten on a quiet system, not 256).
    private int _count;
    private readonly long[] _pids = new long[Capacity];
    private readonly long[] _parents = new long[Capacity];
    private readonly long[] _groups = new long[Capacity];
    private readonly long[] _sessions = new long[Capacity];
    private readonly bool[] _ended = new bool[Capacity];
    private readonly int[] _statuses = new int[Capacity];
    private readonly bool[] _execed = new bool[Capacity];
    private readonly long[] _users = new long[Capacity];
    private readonly long[] _userGroups = new long[Capacity];
    private readonly ulong[] _ignored = new ulong[Capacity];   // bit n: signal n is ignored
    private readonly int[] _stopSignals = new int[Capacity];   // the signal that stopped it, 0 while it runs
    private readonly bool[] _stopReported = new bool[Capacity];   // a waitpid with WUNTRACED has said so
    private readonly bool[] _consoleBackground = new bool[Capacity];   // outside the console's foreground group (the kernel's flag too)
    private long _lastPid;

    /// <summary>Records a new process (a fork's child: its parent's group and session); false when the table is full.</summary>
    public bool Add(long pid, long parent)
    {
        if (_count == Capacity)
            return false;
        int from = IndexOf(parent);   // before the new entry counts: its stale pid could match
        int free = _count++;
        _pids[free] = pid;
        _parents[free] = parent;
        _groups[free] = from >= 0 ? _groups[from] : pid;
        _sessions[free] = from >= 0 ? _sessions[from] : pid;
        _ended[free] = false;
        _execed[free] = false;
        _users[free] = from >= 0 ? _users[from] : 0;
        _userGroups[free] = from >= 0 ? _userGroups[from] : 0;
        _ignored[free] = from >= 0 ? _ignored[from] : 0;   // fork keeps what is ignored, and so does exec
        _stopSignals[free] = 0;
        _stopReported[free] = false;
        _consoleBackground[free] = from >= 0 && _consoleBackground[from];   // as the kernel's fork keeps it
        if (pid > _lastPid)
            _lastPid = pid;
        return true;
    }

    /// <summary>
    /// The pid for the next fork: the one after the last given out, skipping every number a process
    /// (zombies included), a process group or a session still goes by, and round again above init's
    /// after <see cref="MaxPid"/>. Each process holds at most three numbers (its own, its group's and
    /// its session's), so a free one is always near.
    /// </summary>
    public long NewPid()
    {
        long pid = _lastPid;
        for (int tries = 0; tries <= 3 * Capacity + 1; tries++)
        {
            pid = pid >= MaxPid ? InitPid + 1 : pid + 1;
            if (!Contains(pid) && !GroupInUse(pid) && !SessionInUse(pid))
            {
                _lastPid = pid;
                return pid;
            }
        }
        return 0;   // not reached: the table holds at most Capacity processes
    }

    /// <summary>The user <paramref name="pid"/> runs as (0, root, for every process until users come).</summary>
    public long User(long pid) => _users[IndexOf(pid)];

    /// <summary>The user group <paramref name="pid"/> runs as (0 until users come).</summary>
    public long UserGroup(long pid) => _userGroups[IndexOf(pid)];

    public bool Contains(long pid) => pid > 0 && IndexOf(pid) >= 0;

    public bool HasEnded(long pid) => _ended[IndexOf(pid)];

    /// <summary>An ended process's status, as waitpid reports it.</summary>
    public int Status(long pid) => _statuses[IndexOf(pid)];

    /// <summary>How many processes the table holds, zombies included.</summary>
    public int Count => _count;

    /// <summary>The lowest recorded pid above <paramref name="after"/>, or 0 past the last.</summary>
    public long Next(long after)
    {
        long next = 0;
        for (int i = 0; i < _count; i++)
            if (_pids[i] > after && (next == 0 || _pids[i] < next))
                next = _pids[i];
        return next;
    }

    /// <summary>The parent of a recorded process (0 for none).</summary>
    public long Parent(long pid) => _parents[IndexOf(pid)];

    public long Group(long pid) => _groups[IndexOf(pid)];

    public long Session(long pid) => _sessions[IndexOf(pid)];

    /// <summary>Whether <paramref name="pid"/> has run a new program since it was forked (setpgid then refuses it).</summary>
    public bool HasExeced(long pid) => _execed[IndexOf(pid)];

    public void Execed(long pid)
    {
        int index = IndexOf(pid);
        if (index >= 0)
            _execed[index] = true;
    }

    public void SetGroup(long pid, long group) => _groups[IndexOf(pid)] = group;

    /// <summary>Whether <paramref name="pid"/> ignores <paramref name="signal"/> (1..63).</summary>
    public bool Ignores(long pid, int signal)
    {
        int index = IndexOf(pid);
        return index >= 0 && (_ignored[index] & (1UL << signal)) != 0;
    }

    /// <summary>Ignores <paramref name="signal"/> (1..63) or takes its default action again; returns whether it was ignored.</summary>
    public bool SetIgnored(long pid, int signal, bool ignored)
    {
        int index = IndexOf(pid);
        bool was = (_ignored[index] & (1UL << signal)) != 0;
        _ignored[index] = ignored ? _ignored[index] | (1UL << signal) : _ignored[index] & ~(1UL << signal);
        return was;
    }

    /// <summary>Whether a signal has <paramref name="pid"/> stopped (job control).</summary>
    public bool IsStopped(long pid)
    {
        int index = IndexOf(pid);
        return index >= 0 && _stopSignals[index] != 0;
    }

    /// <summary>A signal stopped <paramref name="pid"/> (its parent's waitpid with WUNTRACED is to hear of it once), or 0: continued.</summary>
    public void SetStopped(long pid, int signal)
    {
        int index = IndexOf(pid);
        if (index < 0)
            return;
        _stopSignals[index] = signal;
        _stopReported[index] = false;
    }

    /// <summary>
    /// A stopped child of <paramref name="parent"/> that <paramref name="pid"/> names (as
    /// <see cref="FindChild"/>) whose stop no waitpid has reported: its pid, marked reported, and the
    /// signal in <paramref name="signal"/>; 0 when there is none.
    /// </summary>
    public long TakeStoppedChild(long parent, long pid, out int signal)
    {
        long group = pid != 0 ? -pid : Contains(parent) ? Group(parent) : -1;
        signal = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_parents[i] != parent || _ended[i] || _stopSignals[i] == 0 || _stopReported[i])
                continue;
            if (pid == -1 || (pid > 0 ? _pids[i] == pid : _groups[i] == group))
            {
                _stopReported[i] = true;
                signal = _stopSignals[i];
                return _pids[i];
            }
        }
        return 0;
    }

    /// <summary>Whether <paramref name="pid"/> is recorded as outside the console's foreground group.</summary>
    public bool IsConsoleBackground(long pid)
    {
        int index = IndexOf(pid);
        return index >= 0 && _consoleBackground[index];
    }

    /// <summary>
    /// Whether <paramref name="pid"/> should be outside the console's foreground group
    /// <paramref name="foreground"/> of <paramref name="session"/> (0: no group has the console):
    /// a process of that session in another group is; processes of other sessions never are.
    /// </summary>
    public bool ShouldBeConsoleBackground(long pid, long foreground, long session)
    {
        int index = IndexOf(pid);
        return index >= 0 && foreground != 0 && !_ended[index] && _sessions[index] == session && _groups[index] != foreground;
    }

    public void SetConsoleBackground(long pid, bool background)
    {
        int index = IndexOf(pid);
        if (index >= 0)
            _consoleBackground[index] = background;
    }

    /// <summary>setsid: <paramref name="pid"/> leads a new session and a new group, both named after it.</summary>
    public void NewSession(long pid)
    {
        int index = IndexOf(pid);
        _groups[index] = pid;
        _sessions[index] = pid;
    }

    /// <summary>Whether any process's group is named <paramref name="group"/>, in any session.</summary>
    public bool GroupInUse(long group)
    {
        for (int i = 0; i < _count; i++)
            if (_groups[i] == group)
                return true;
        return false;
    }

    /// <summary>Whether any process's session is named <paramref name="session"/>.</summary>
    public bool SessionInUse(long session)
    {
        for (int i = 0; i < _count; i++)
            if (_sessions[i] == session)
                return true;
        return false;
    }

    /// <summary>Whether some live or ended process belongs to <paramref name="group"/> in <paramref name="session"/>.</summary>
    public bool GroupExists(long group, long session)
    {
        for (int i = 0; i < _count; i++)
            if (_groups[i] == group && _sessions[i] == session)
                return true;
        return false;
    }

    /// <summary>
    /// The first child of <paramref name="parent"/> that <paramref name="pid"/> names (a pid, -1 for any,
    /// 0 for the parent's group, below -1 for group -pid), preferring one that has ended: its pid, or 0
    /// when there is no such child. <paramref name="ended"/> says whether the one returned has ended.
    /// </summary>
    public long FindChild(long parent, long pid, out bool ended)
    {
        long group = pid != 0 ? -pid : Contains(parent) ? Group(parent) : -1;
        long found = 0;
        ended = false;
        for (int i = 0; i < _count; i++)
        {
            if (_parents[i] != parent)
                continue;
            bool named = pid == -1 || (pid > 0 ? _pids[i] == pid : _groups[i] == group);
            if (!named)
                continue;
            if (_ended[i])
            {
                ended = true;
                return _pids[i];
            }
            if (found == 0)
                found = _pids[i];
        }
        return found;
    }

    /// <summary>
    /// A process ended with <paramref name="status"/>: it is a zombie now, and its children belong to
    /// init. Returns whether any of them had ended already (init may reap those at once).
    /// </summary>
    public bool Ended(long pid, int status)
    {
        int index = IndexOf(pid);
        if (index >= 0)
        {
            _ended[index] = true;
            _statuses[index] = status;
            _stopSignals[index] = 0;
        }
        bool endedOrphans = false;
        for (int i = 0; i < _count; i++)
            if (_parents[i] == pid)
            {
                _parents[i] = InitPid;
                endedOrphans |= _ended[i];
            }
        return endedOrphans;
    }

    /// <summary>Its parent reaped it: the entry goes.</summary>
    public void Remove(long pid)
    {
        int index = IndexOf(pid);
        if (index < 0)
            return;
        _count--;
        _pids[index] = _pids[_count];
        _parents[index] = _parents[_count];
        _groups[index] = _groups[_count];
        _sessions[index] = _sessions[_count];
        _ended[index] = _ended[_count];
        _statuses[index] = _statuses[_count];
        _execed[index] = _execed[_count];
        _users[index] = _users[_count];
        _userGroups[index] = _userGroups[_count];
        _ignored[index] = _ignored[_count];
        _stopSignals[index] = _stopSignals[_count];
        _stopReported[index] = _stopReported[_count];
        _consoleBackground[index] = _consoleBackground[_count];
    }

    private int IndexOf(long pid)
    {
        for (int i = 0; i < _count; i++)
            if (_pids[i] == pid)
                return i;
        return -1;
    }
}
