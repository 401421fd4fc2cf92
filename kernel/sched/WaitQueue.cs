namespace Ocean.Kernel.Sched;

using Ocean.Kernel.Proc;

/// <summary>
/// Threads waiting for one condition (data in a pipe, room in it). A waiter re-checks its condition
/// after every wake-up, so waking all of them is always correct; a kill wakes a waiter too, and it
/// leaves the queue itself.
/// </summary>
public sealed class WaitQueue
{
    private Thread _first;

    /// <summary>Blocks the current thread until <see cref="WakeAll"/> (or a kill); the caller re-checks.</summary>
    public void Wait()
    {
        Thread self = Scheduler.Current;
        self.WaitingOn = this;
        self.WaitNext = _first;
        _first = self;
        Scheduler.Block();
        Remove(self);
    }

    public void WakeAll()
    {
        while (_first != null)
        {
            Thread thread = _first;
            _first = thread.WaitNext;
            thread.WaitNext = null;
            thread.WaitingOn = null;
            Scheduler.Wake(thread);
        }
    }

    private void Remove(Thread thread)
    {
        if (thread.WaitingOn != this)
            return;
        if (_first == thread)
            _first = thread.WaitNext;
        else
            for (Thread t = _first; t != null; t = t.WaitNext)
                if (t.WaitNext == thread)
                {
                    t.WaitNext = thread.WaitNext;
                    break;
                }
        thread.WaitNext = null;
        thread.WaitingOn = null;
    }
}
