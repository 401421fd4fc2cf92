namespace Ocean.Kernel.Proc;

/// <summary>
/// The ends the process server has not read yet (process_ended): each ended process's pid with its
/// parent's, and one more record for every zombie handed to init when its parent ends. A bounded
/// ring: if the server falls that far behind, the overflow is remembered and reported once as pid 0
/// ("some ends went unrecorded"), so the server can tell every watcher.
/// </summary>
public static class EndedProcesses
{
    private const int Capacity = 2 * ProcessLimits.MaxProcesses;

    private static int[] _pids, _parents;   // made when the process server asks for ends (process_events)
    private static int _first, _count;
    private static bool _overflowed;

    public static void Start()
    {
        if (_pids != null)
            return;
        _pids = new int[Capacity];
        _parents = new int[Capacity];
    }

    public static void Record(int pid, int parent)
    {
        if (_pids == null)
            return;
        if (_count == Capacity)
        {
            _overflowed = true;
            return;
        }
        int at = (_first + _count) % Capacity;
        _pids[at] = pid;
        _parents[at] = parent;
        _count++;
    }

    /// <summary>The oldest record (pid 0: some went unrecorded); false when there is none.</summary>
    public static bool TryTake(out int pid, out int parent)
    {
        pid = parent = 0;
        if (_count == 0)
        {
            if (!_overflowed)
                return false;
            _overflowed = false;
            return true;
        }
        pid = _pids[_first];
        parent = _parents[_first];
        _first = (_first + 1) % Capacity;
        _count--;
        return true;
    }
}
