namespace Ocean.Kernel.Ipc;

using System.Runtime.CompilerServices;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// signal and wait under the shared kernel lock (see <see cref="BigKernelLock"/>), so notifications on
/// different CPUs do not wait for each other. Like <see cref="IpcFastPath"/>, each returns null before
/// changing anything when it cannot finish on its own (a notification bound to a receiving thread, a
/// waiter that may not run on this CPU or is being woken otherwise, a dying caller, any error), and the
/// general path (<see cref="NotificationCalls"/>) does the call.
///
/// Waits and signals on one notification are ordered by its lock: a waiter marks itself blocked and
/// queues itself in one step under it, so a signal either comes first (the bits are pending) or finds
/// the waiter. A woken thread goes to the signalling CPU's run queue, which in shared mode only that
/// CPU changes; a waiting thread switches to its own CPU's best ready thread.
/// </summary>
public static unsafe class NotificationFastPath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InterruptFrame* TrySignal(InterruptFrame* frame)
    {
        Thread self = Scheduler.Current;
        ref readonly Capability capability = ref self.Process.Capabilities.Get((long)frame->Rdi);
        if (capability.Object is not Notification notification || (capability.Rights & CapabilityRights.Send) == 0 ||
            notification.Bound != null)
            return null;
        ulong signalled = (frame->Rsi | capability.Badge) & NotificationCalls.SignalMask;
        if (signalled == 0)
            return null;

        notification.Lock.Acquire();
        Thread waiter = notification.Waiters;
        if (waiter != null && (waiter.State != ThreadState.Blocked || Scheduler.AnotherCpuIdles() ||
            (waiter.CpuAffinity != Thread.AnyCpu && waiter.CpuAffinity != Scheduler.CurrentCpuIndex)))
        {
            notification.Lock.Release();
            return null;
        }
        notification.Pending |= signalled;
        if (waiter != null)
        {
            notification.Waiters = waiter.IpcNext;
            waiter.IpcNext = null;
            waiter.IpcResult = (long)notification.Pending;
            notification.Pending = 0;
            waiter.IpcState = IpcWait.None;
            waiter.IpcNotification = null;
        }
        notification.Lock.Release();
        if (waiter != null)
            Scheduler.MakeReadyHere(waiter);
        frame->Rax = 0;
        return frame;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InterruptFrame* TryWait(InterruptFrame* frame)
    {
        Thread self = Scheduler.Current;
        ref readonly Capability capability = ref self.Process.Capabilities.Get((long)frame->Rdi);
        if (capability.Object is not Notification notification || (capability.Rights & CapabilityRights.Receive) == 0 ||
            self.Process.KillPending)   // a dying thread never blocks: the general path ends the wait
            return null;

        notification.Lock.Acquire();
        if (notification.Pending != 0)
        {
            frame->Rax = notification.Pending;
            notification.Pending = 0;
            notification.Lock.Release();
            return frame;
        }
        if ((frame->Rsi & MessageTag.NonBlocking) != 0)
        {
            notification.Lock.Release();
            frame->Rax = unchecked((ulong)-Errno.EAGAIN);
            return frame;
        }
        self.IpcState = IpcWait.Notification;
        self.IpcNotification = notification;
        self.State = ThreadState.Blocked;
        Endpoint.Append(ref notification.Waiters, self);
        notification.Lock.Release();
        // Resumed with the signalled bits (IpcResult), or by a kill, through the general wait.
        return Scheduler.SwitchAwayFromFrame();
    }
}
