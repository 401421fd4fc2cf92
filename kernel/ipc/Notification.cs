namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Proc;

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
