namespace Ocean.Ipc;

using Ocean.Abi;
using Ocean.Arch.X86_64.Interrupt;
using Ocean.Mm;
using Ocean.Proc;
using Ocean.Sched;

/// <summary>
/// Synchronous IPC: send, receive, call and reply on endpoints named by capability slots, with the
/// message (tag and eight words) moved register to register between the two threads' saved frames.
/// A waiting thread's message stays in its own frame until its partner arrives.
/// </summary>
public static unsafe class IpcCalls
{
    private static InterruptFrame* FrameOf(Thread thread) =>
        (InterruptFrame*)(thread.KernelStackTop - (ulong)sizeof(InterruptFrame));

    private static CapabilitySpace Space => Processes.Current.Capabilities;

    public static long CreateEndpoint()
    {
        var endpoint = new Endpoint();
        long slot = Space.Insert(endpoint, CapabilityRights.All, 0);
        if (slot < 0)
            KernelHeap.Free(endpoint);
        return slot;
    }

    public static long Mint(long slot, ulong rights, ulong badge)
    {
        if (!Space.TryGet(slot, out Capability original))
            return -Errno.EBADSLOT;
        return Space.Insert(original.Object, original.Rights & rights, badge);
    }

    public static long Delete(long slot)
    {
        if (!Space.Delete(slot, out Endpoint endpoint, out bool lastReceiver, out bool unreferenced))
            return -Errno.EBADSLOT;
        Release(endpoint, lastReceiver, unreferenced);
        return 0;
    }

    /// <summary>After a capability went away: no receiver left wakes the senders; no reference left frees the endpoint.</summary>
    private static void Release(Endpoint endpoint, bool lastReceiver, bool unreferenced)
    {
        if (lastReceiver)
            WakeAllWithError(endpoint);
        if (unreferenced && endpoint.Senders == null && endpoint.Receivers == null)
            KernelHeap.Free(endpoint);
    }

    private static void WakeAllWithError(Endpoint endpoint)
    {
        Thread waiting;
        while ((waiting = Endpoint.TakeFirst(ref endpoint.Senders)) != null)
            Fail(waiting, -Errno.EPIPE);
    }

    private static void Fail(Thread thread, long error)
    {
        thread.IpcState = IpcWait.None;
        thread.IpcEndpoint = null;
        thread.IpcResult = error;
        Scheduler.Wake(thread);
    }

    // Copies the tag and eight words, and gives the receiver the badge of the capability the sender used.
    private static void Transfer(InterruptFrame* from, InterruptFrame* to, ulong badge)
    {
        to->Rdi = badge;
        to->Rsi = from->Rsi;
        to->Rdx = from->Rdx;
        to->R10 = from->R10;
        to->R8 = from->R8;
        to->R9 = from->R9;
        to->R12 = from->R12;
        to->R13 = from->R13;
        to->R14 = from->R14;
        to->R15 = from->R15;
    }

    private static bool Lookup(long slot, ulong right, out Capability capability, out long error)
    {
        error = 0;
        if (!Space.TryGet(slot, out capability))
            error = -Errno.EBADSLOT;
        else if ((capability.Rights & right) == 0)
            error = -Errno.EACCES;
        return error == 0;
    }

    /// <summary>send (<paramref name="expectReply"/> false) or call (true).</summary>
    public static long Send(InterruptFrame* frame, long slot, bool expectReply)
    {
        if (!Lookup(slot, CapabilityRights.Send, out Capability capability, out long error))
            return error;
        Endpoint endpoint = capability.Object;
        if (endpoint.ReceiveReferences == 0)
            return -Errno.EPIPE;
        Thread self = Scheduler.Current;
        Thread receiver = Endpoint.TakeFirst(ref endpoint.Receivers);
        if (receiver != null)
        {
            Transfer(frame, FrameOf(receiver), capability.Badge);
            receiver.ReplyTo = expectReply ? self : null;
            receiver.IpcState = IpcWait.None;
            receiver.IpcResult = 0;
            Scheduler.Wake(receiver);
            if (!expectReply)
                return 0;
            self.IpcState = IpcWait.AwaitingReply;
        }
        else if ((frame->Rsi & MessageTag.NonBlocking) != 0)
            return -Errno.EAGAIN;
        else
        {
            self.IpcState = expectReply ? IpcWait.Calling : IpcWait.Sending;
            self.IpcBadge = capability.Badge;
            self.IpcEndpoint = endpoint;
            Endpoint.Append(ref endpoint.Senders, self);
        }
        return Wait(self);
    }

    public static long Receive(InterruptFrame* frame, long slot)
    {
        if (!Lookup(slot, CapabilityRights.Receive, out Capability capability, out long error))
            return error;
        Endpoint endpoint = capability.Object;
        Thread self = Scheduler.Current;
        Thread sender = Endpoint.TakeFirst(ref endpoint.Senders);
        if (sender != null)
        {
            Transfer(FrameOf(sender), frame, sender.IpcBadge);
            sender.IpcEndpoint = null;
            if (sender.IpcState == IpcWait.Calling)
            {
                sender.IpcState = IpcWait.AwaitingReply;   // stays blocked until the reply
                self.ReplyTo = sender;
            }
            else
            {
                self.ReplyTo = null;
                sender.IpcState = IpcWait.None;
                sender.IpcResult = 0;
                Scheduler.Wake(sender);
            }
            return 0;
        }
        if ((frame->Rsi & MessageTag.NonBlocking) != 0)
            return -Errno.EAGAIN;
        self.IpcState = IpcWait.Receiving;
        self.IpcEndpoint = endpoint;
        Endpoint.Append(ref endpoint.Receivers, self);
        return Wait(self);
    }

    /// <summary>A server loop's single call: answer the pending call (if any), then receive the next message.</summary>
    public static long ReplyReceive(InterruptFrame* frame, long slot)
    {
        if (Scheduler.Current.ReplyTo != null)
        {
            long replied = Reply(frame);
            if (replied != 0)
                return replied;
        }
        frame->Rsi &= ~MessageTag.NonBlocking;
        return Receive(frame, slot);
    }

    public static long Reply(InterruptFrame* frame)
    {
        Thread self = Scheduler.Current;
        Thread caller = self.ReplyTo;
        if (caller == null || caller.IpcState != IpcWait.AwaitingReply)
            return -Errno.EINVAL;
        self.ReplyTo = null;
        Transfer(frame, FrameOf(caller), 0);
        caller.IpcState = IpcWait.None;
        caller.IpcResult = 0;
        Scheduler.Wake(caller);
        return 0;
    }

    // Blocks until a partner (or an error) completes the operation; a kill interrupts it.
    private static long Wait(Thread self)
    {
        while (self.IpcState != IpcWait.None)
        {
            Scheduler.Block();
            if (self.IpcState != IpcWait.None && self.Process != null && self.Process.KillPending)
            {
                if (self.IpcEndpoint != null)
                {
                    Endpoint.Remove(ref self.IpcEndpoint.Senders, self);
                    Endpoint.Remove(ref self.IpcEndpoint.Receivers, self);
                }
                self.IpcState = IpcWait.None;
                self.IpcEndpoint = null;
                return -Errno.EINTR;
            }
        }
        return self.IpcResult;
    }

    /// <summary>
    /// A process is ending: its caller (if it held a reply right) wakes with an error, and all its
    /// capabilities go, waking senders of endpoints that lose their last receiver.
    /// </summary>
    public static void ProcessExiting(Process process)
    {
        Thread thread = process.MainThread;
        if (thread != null && thread.ReplyTo != null)
        {
            Thread caller = thread.ReplyTo;
            thread.ReplyTo = null;
            if (caller.IpcState == IpcWait.AwaitingReply)
                Fail(caller, -Errno.EPIPE);
        }
        CapabilitySpace space = process.Capabilities;
        if (space == null)
            return;
        for (int slot = 0; slot < CapabilitySpace.SlotCount; slot++)
            if (space.Delete(slot, out Endpoint endpoint, out bool lastReceiver, out bool unreferenced))
                Release(endpoint, lastReceiver, unreferenced);
    }
}
