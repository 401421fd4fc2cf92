namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// Notifications: signal (needs Send) ORs bits into the word and never blocks; wait (needs Receive)
/// takes all pending bits, blocking while there are none; bind makes the caller's endpoint receives
/// return the bits as well, as a message flagged <see cref="MessageTag.Notification"/>.
/// </summary>
public static unsafe class NotificationCalls
{
    /// <summary>Bit 63 stays clear so that the bits are a non-negative system call result.</summary>
    public const ulong SignalMask = long.MaxValue;

    private static CapabilitySpace Space => Processes.Current.Capabilities;

    public static long Create()
    {
        if (!MemoryReserve.NewObjectAllowed)
            return -Errno.ENOMEM;
        var notification = new Notification();
        long slot = Space.Insert(notification, CapabilityRights.Send | CapabilityRights.Receive, 0, 0);
        if (slot < 0)
            notification.Destroy();
        return slot;
    }

    public static long Signal(long slot, ulong bits)
    {
        ref readonly Capability capability = ref IpcCalls.Find(slot, ObjectKind.Notification, CapabilityRights.Send, out long error);
        if (error != 0)
            return error;
        ulong signalled = (bits | capability.Badge) & SignalMask;
        if (signalled == 0)
            return -Errno.EINVAL;
        Deliver((Notification)capability.Object, signalled);
        return 0;
    }

    /// <summary>Adds bits and wakes whoever waits: a thread in wait first, else the bound thread if it is receiving.</summary>
    public static void Deliver(Notification notification, ulong bits)
    {
        notification.Pending |= bits & SignalMask;
        Thread waiter = Endpoint.TakeFirst(ref notification.Waiters);
        if (waiter != null)
        {
            waiter.IpcResult = (long)notification.Pending;
            notification.Pending = 0;
            waiter.IpcState = IpcWait.None;
            waiter.IpcNotification = null;
            Scheduler.Wake(waiter);
            return;
        }
        Thread bound = notification.Bound;
        if (bound != null && bound.IpcState == IpcWait.Receiving)
        {
            Endpoint.Remove(ref bound.IpcEndpoint.Receivers, bound);
            bound.IpcEndpoint = null;
            bound.IpcState = IpcWait.None;
            bound.IpcResult = 0;
            DeliverTo(bound, IpcCalls.FrameOf(bound), notification);
            Scheduler.Wake(bound);
        }
    }

    /// <summary>Ends a receive with the notification's bits instead of a message.</summary>
    public static void DeliverTo(Thread thread, InterruptFrame* frame, Notification notification)
    {
        frame->Rsi = MessageTag.Notification;
        frame->Rdi = notification.Pending;
        notification.Pending = 0;
    }

    public static long Wait(long slot, ulong flags)
    {
        ref readonly Capability capability = ref IpcCalls.Find(slot, ObjectKind.Notification, CapabilityRights.Receive, out long error);
        if (error != 0)
            return error;
        var notification = (Notification)capability.Object;
        if (notification.Pending != 0)
        {
            long bits = (long)notification.Pending;
            notification.Pending = 0;
            return bits;
        }
        if ((flags & MessageTag.NonBlocking) != 0)
            return -Errno.EAGAIN;
        Thread self = Scheduler.Current;
        self.IpcState = IpcWait.Notification;
        self.IpcNotification = notification;
        Endpoint.Append(ref notification.Waiters, self);
        return IpcCalls.Wait(self, null);
    }

    /// <summary>bind(slot): signals also end the caller's receives; slot -1 unbinds.</summary>
    public static long Bind(long slot)
    {
        Thread self = Scheduler.Current;
        if (slot == -1)
        {
            Unbind(self);
            return 0;
        }
        if (!IpcCalls.Lookup(slot, ObjectKind.Notification, CapabilityRights.Receive, out Capability capability, out long error))
            return error;
        var notification = (Notification)capability.Object;
        if (notification.Bound != null && notification.Bound != self)
            return -Errno.EBUSY;
        Unbind(self);
        notification.Bound = self;
        notification.AddReference();
        self.BoundNotification = notification;
        return 0;
    }

    public static void Unbind(Thread thread)
    {
        Notification notification = thread.BoundNotification;
        if (notification == null)
            return;
        thread.BoundNotification = null;
        notification.Bound = null;
        notification.DropReference();
    }
}
