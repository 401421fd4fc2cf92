namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// An asynchronous signal word: signals OR bits in and never block; a wait takes (and clears) all
/// pending bits, blocking while there are none. A thread may bind one notification to itself so
/// that its endpoint receives also return when the notification is signalled.
/// </summary>
public sealed class Notification : KernelObject
{
    public ulong Pending;
    /// <summary>Threads blocked in wait, in arrival order (linked through Thread.IpcNext).</summary>
    public Thread Waiters;
    /// <summary>
    /// Guards <see cref="Pending"/> and <see cref="Waiters"/> between fast paths on several CPUs (shared
    /// kernel lock, <see cref="NotificationFastPath"/>); the general path changes them under the exclusive lock.
    /// </summary>
    public RankedSpinLock Lock = new(LockRank.IpcObject);
    /// <summary>The thread whose receives this notification also ends (null: none).</summary>
    public Thread Bound;

    public Notification() : base(ObjectKind.Notification)
    {
    }

    /// <summary>Nobody can name it any more (a revoke can get here with threads still waiting).</summary>
    public override void Destroy()
    {
        IpcCalls.FailWaiters(ref Waiters);
        base.Destroy();
    }
}
