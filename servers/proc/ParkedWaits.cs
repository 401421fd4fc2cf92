namespace Ocean.Servers.Proc;

/// <summary>
/// The waitpid calls proc has parked because every child they name still runs: the caller, the pid it
/// waits for (-1: any), its options and the ticket its answer goes to. Each process end (and, for
/// WUNTRACED, each stop) is a chance to answer them.
/// </summary>
public sealed class ParkedWaits
{
    /// <summary>As many as the kernel lets one process park.</summary>
    public const int Capacity = 256;

    private readonly long[] _tickets = new long[Capacity];
    private readonly long[] _callers = new long[Capacity];
    private readonly long[] _pids = new long[Capacity];
    private readonly ulong[] _options = new ulong[Capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Add(long ticket, long caller, long pid, ulong options)
    {
        _tickets[Count] = ticket;
        _callers[Count] = caller;
        _pids[Count] = pid;
        _options[Count] = options;
        Count++;
    }

    public long Ticket(int index) => _tickets[index];

    public long Caller(int index) => _callers[index];

    public long Pid(int index) => _pids[index];

    /// <summary>The wait's options (<see cref="Ocean.Abi.WaitStatus.Untraced"/>).</summary>
    public ulong Options(int index) => _options[index];

    /// <summary>Drops entry <paramref name="index"/> (the last one takes its place).</summary>
    public void RemoveAt(int index)
    {
        Count--;
        _tickets[index] = _tickets[Count];
        _callers[index] = _callers[Count];
        _pids[index] = _pids[Count];
        _options[index] = _options[Count];
    }
}
