namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// A rendezvous point for synchronous messages. Threads that arrive before their partner wait in one
/// of two queues, their message still in their saved registers. When no capability with the receive
/// right is left, every waiting sender wakes with an error (nobody could ever take its message).
/// </summary>
public sealed class Endpoint : KernelObject
{
    public Thread Senders;
    /// <summary>
    /// Threads waiting to receive. The general path changes it under the exclusive kernel lock; the
    /// fast path, which runs on several CPUs at once under the shared one, under <see cref="ReceiversLock"/>.
    /// </summary>
    public Thread Receivers;
    public RankedSpinLock ReceiversLock = new(LockRank.IpcObject);
    public int ReceiveReferences;
    /// <summary>Receives return the sender's pid (<see cref="EndpointFlags.IdentifyCallers"/>); set at creation only.</summary>
    public bool IdentifiesCallers;

    public Endpoint() : base(ObjectKind.Endpoint)
    {
    }

    /// <summary>What a receive of <paramref name="sender"/>'s message returns: its pid if this endpoint identifies callers, else 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public long ReceiveResult(Thread sender) => IdentifiesCallers ? sender.Process.Pid : 0;

    public override void CapabilityAdded(ulong rights)
    {
        if ((rights & CapabilityRights.Receive) != 0)
            ReceiveReferences++;
    }

    public override void CapabilityRemoved(ulong rights)
    {
        if ((rights & CapabilityRights.Receive) != 0 && --ReceiveReferences == 0)
            IpcCalls.FailWaiters(ref Senders);
    }

    /// <summary>Nobody can name it any more (a revoke can get here with threads still waiting).</summary>
    public override void Destroy()
    {
        IpcCalls.FailWaiters(ref Senders);
        IpcCalls.FailWaiters(ref Receivers);
        base.Destroy();
    }

    public static void Append(ref Thread queue, Thread thread)
    {
        thread.IpcNext = null;
        if (queue == null)
        {
            queue = thread;
            return;
        }
        Thread last = queue;
        while (last.IpcNext != null)
            last = last.IpcNext;
        last.IpcNext = thread;
    }

    public static Thread TakeFirst(ref Thread queue)
    {
        Thread first = queue;
        if (first != null)
        {
            queue = first.IpcNext;
            first.IpcNext = null;
        }
        return first;
    }

    public static void Remove(ref Thread queue, Thread thread)
    {
        if (queue == thread)
        {
            queue = thread.IpcNext;
            thread.IpcNext = null;
            return;
        }
        for (Thread t = queue; t != null; t = t.IpcNext)
            if (t.IpcNext == thread)
            {
                t.IpcNext = thread.IpcNext;
                thread.IpcNext = null;
                return;
            }
    }
}
