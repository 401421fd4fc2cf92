namespace Ocean.Kernel.Proc;

/// <summary>
/// The processes that have ended and that the process server has not read yet (process_ended),
/// oldest first. Each stays in the kernel's table as a zombie, holding only its pid, parent and
/// status, until proc reads it; then the kernel frees it, and the zombie lives on in proc's table
/// until its parent waits for it. Linked through the processes themselves, so an end allocates
/// nothing and is never lost.
/// </summary>
public static class EndedProcesses
{
    private static Process _first, _last;

    public static void Add(Process process)
    {
        process.NextEnded = null;
        if (_last == null)
            _first = process;
        else
            _last.NextEnded = process;
        _last = process;
    }

    /// <summary>The oldest end not yet read, or null.</summary>
    public static Process Oldest => _first;

    /// <summary>Takes <see cref="Oldest"/> off the queue.</summary>
    public static void TakeOldest()
    {
        Process taken = _first;
        _first = taken.NextEnded;
        if (_first == null)
            _last = null;
        taken.NextEnded = null;
    }
}
