namespace Ocean.Kernel.Sched;

using Ocean.Kernel.Lib;
using Ocean.Kernel.Proc;

/// <summary>
/// One CPU's scheduling state: its ready threads in a FIFO per priority, the thread it runs, its
/// idle thread, and whether it should switch at the next opportunity.
/// </summary>
public sealed class RunQueue
{
    public readonly Thread[] Heads = new Thread[Thread.MaxPriority + 1];
    public readonly Thread[] Tails = new Thread[Thread.MaxPriority + 1];
    public int ReadyCount;
    public Thread Current;
    public Thread Idle;
    public bool NeedReschedule;
    public int CpuIndex;

    /// <summary>Threads this CPU has to run: ready ones plus the current one unless idle.</summary>
    public int Load => ReadyCount + (Current != Idle ? 1 : 0);

    /// <summary>The priority of the most urgent ready thread, -1 when none is ready.</summary>
    public int HighestReadyPriority => _nonEmpty == 0 ? -1 : Bits.HighestSet(_nonEmpty);

    // Bit p is set while priority p has ready threads: the next thread is found without scanning
    // every priority.
    private uint _nonEmpty;

    public void Enqueue(Thread thread)
    {
        thread.Next = null;
        thread.Cpu = CpuIndex;
        int p = thread.Priority;
        if (Tails[p] == null)
            Heads[p] = thread;
        else
            Tails[p].Next = thread;
        Tails[p] = thread;
        _nonEmpty |= 1u << p;
        ReadyCount++;
    }

    /// <summary>The highest-priority ready thread that may run on <paramref name="cpu"/>, or null.</summary>
    public Thread Dequeue(int cpu)
    {
        for (uint left = _nonEmpty; left != 0;)
        {
            int p = Bits.HighestSet(left);
            left &= ~(1u << p);
            Thread previous = null;
            for (Thread thread = Heads[p]; thread != null; previous = thread, thread = thread.Next)
            {
                if (thread.CpuAffinity != Thread.AnyCpu && thread.CpuAffinity != cpu)
                    continue;
                if (previous == null)
                    Heads[p] = thread.Next;
                else
                    previous.Next = thread.Next;
                if (Tails[p] == thread)
                    Tails[p] = previous;
                if (Heads[p] == null)
                    _nonEmpty &= ~(1u << p);
                thread.Next = null;
                ReadyCount--;
                return thread;
            }
        }
        return null;
    }
}
