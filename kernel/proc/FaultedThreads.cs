namespace Ocean.Kernel.Proc;

/// <summary>
/// Threads stopped by a fault the kernel could not resolve, oldest first, until the process server
/// reads them (process_faulted) and decides; linked through the threads, so a fault allocates nothing.
/// A thread leaves the queue when read, or by itself when its process is killed first.
/// </summary>
public static class FaultedThreads
{
    private static Thread _first, _last;

    public static Thread Oldest => _first;

    public static void Add(Thread thread)
    {
        thread.NextFaulted = null;
        thread.FaultQueued = true;
        if (_last == null)
            _first = thread;
        else
            _last.NextFaulted = thread;
        _last = thread;
    }

    /// <summary>Takes <paramref name="thread"/> out of the queue, wherever it is (no-op when not queued).</summary>
    public static void Remove(Thread thread)
    {
        if (!thread.FaultQueued)
            return;
        Thread previous = null;
        for (Thread t = _first; t != null; previous = t, t = t.NextFaulted)
        {
            if (t != thread)
                continue;
            if (previous == null)
                _first = t.NextFaulted;
            else
                previous.NextFaulted = t.NextFaulted;
            if (_last == t)
                _last = previous;
            break;
        }
        thread.NextFaulted = null;
        thread.FaultQueued = false;
    }
}
