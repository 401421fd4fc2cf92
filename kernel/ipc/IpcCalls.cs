namespace Ocean.Kernel.Ipc;

using System.Runtime.CompilerServices;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// Synchronous IPC: send, receive, call, reply and reply-receive on endpoints named by capability
/// slots. The message (tag and eight words) moves register to register between the two threads'
/// saved frames; a waiting thread's message stays in its own frame until its partner arrives.
/// Fast path: when a call finds its server waiting, or a reply-receive finds no next message, the
/// kernel switches straight to the partner (<see cref="Scheduler.BlockAndSwitchTo"/>).
/// </summary>
public static unsafe class IpcCalls
{
    public static InterruptFrame* FrameOf(Thread thread) =>
        (InterruptFrame*)(thread.KernelStackTop - (ulong)sizeof(InterruptFrame));

    private static CapabilitySpace Space => Processes.Current.Capabilities;

    /// <summary>
    /// The capability in <paramref name="slot"/> if it names an object of <paramref name="kind"/> and
    /// has <paramref name="right"/> (0: any); otherwise -EBADF (empty), -EINVAL (other kind) or -EACCES.
    /// </summary>
    public static bool Lookup(long slot, ObjectKind kind, ulong right, out Capability capability, out long error)
    {
        capability = Find(slot, kind, right, out error);
        return error == 0;
    }

    /// <summary><see cref="Lookup"/> without the copy: the slot in place (read it before the space changes).</summary>
    public static ref readonly Capability Find(long slot, ObjectKind kind, ulong right, out long error)
    {
        ref readonly Capability capability = ref Space.Get(slot);
        error = capability.IsEmpty ? -Errno.EBADSLOT
            : capability.Object.Kind != kind ? -Errno.EINVAL
            : (capability.Rights & right) != right ? -Errno.EACCES
            : 0;
        return ref capability;
    }

    /// <summary>send (<paramref name="expectReply"/> false) or call (true).</summary>
    public static long Send(InterruptFrame* frame, long slot, bool expectReply)
    {
        // Read in place: the rights, the endpoint and the badge are taken before the message moves
        // capabilities (Deliver may change this very space).
        ref readonly Capability capability = ref Find(slot, ObjectKind.Endpoint, CapabilityRights.Send, out long error);
        if (error != 0)
            return error;
        ulong badge = capability.Badge;
        var endpoint = (Endpoint)capability.Object;
        error = Validate(frame, capability.Rights, expectReply);
        if (error != 0)
            return error;
        if (endpoint.ReceiveReferences == 0)
            return -Errno.EPIPE;
        Thread self = Scheduler.Current;
        Thread receiver = Endpoint.TakeFirst(ref endpoint.Receivers);
        if (receiver != null)
        {
            Deliver(self, frame, receiver, FrameOf(receiver), badge, expectReply);
            receiver.IpcResult = endpoint.ReceiveResult(self);
            if (!expectReply)
            {
                Scheduler.Wake(receiver);
                return 0;
            }
            self.IpcState = IpcWait.AwaitingReply;
            return Wait(self, receiver);
        }
        if ((frame->Rsi & MessageTag.NonBlocking) != 0)
            return -Errno.EAGAIN;
        self.IpcState = expectReply ? IpcWait.Calling : IpcWait.Sending;
        self.IpcBadge = badge;
        self.IpcEndpoint = endpoint;
        Endpoint.Append(ref endpoint.Senders, self);
        return Wait(self, null);
    }

    // Checks an outgoing message in the sender's own context, before anyone sees it.
    private static long Validate(InterruptFrame* frame, ulong rights, bool isCall)
    {
        ulong tag = frame->Rsi;
        if (MessageTag.Length(tag) > IpcLayout.MaxPayloadBytes)
            return -Errno.EINVAL;
        if (MessageTag.Capabilities(tag) != 0)
        {
            long error = CapabilityTransfer.Validate(frame, rights);
            if (error != 0)
                return error;
        }
        if (!MessageTag.HasGrant(tag))
            return 0;
        if (!isCall)
            return -Errno.EINVAL;   // a grant lasts for a call; nothing would end it otherwise
        return Grants.Validate(Processes.Current, frame->R14, frame->R15, (tag & MessageTag.GrantWrite) != 0);
    }

    /// <summary>
    /// Moves a message from <paramref name="sender"/> to <paramref name="receiver"/>: the words, the
    /// badge, any capabilities and (for a call) a grant and the reply right; the receiver's wait is
    /// over but it is not woken yet (the caller of this wakes it or switches to it).
    /// </summary>
    internal static void Deliver(Thread sender, InterruptFrame* from, Thread receiver, InterruptFrame* to, ulong badge, bool isCall)
    {
        ulong receiverTag = to->Rsi;   // still the receiver's own request: where capabilities may land
        ulong tag = from->Rsi & ~(MessageTag.NonBlocking | MessageTag.ReceiveSlotMask | MessageTag.SetByKernel);
        if (!isCall)
            tag &= ~(MessageTag.GrantRead | MessageTag.GrantWrite);
        to->Rdi = badge;
        CopyWords(from, to);
        if (MessageTag.Capabilities(tag) != 0)
            CapabilityTransfer.Move(sender.Process.Capabilities, from, receiver.Process.Capabilities, to, receiverTag, ref tag);
        if (MessageTag.HasGrant(tag))
            Grants.Lend(sender, from, receiver, to, ref tag);
        to->Rsi = tag;
        if (isCall)
        {
            receiver.ReplyTo = sender;
            sender.Server = receiver;
        }
        receiver.IpcState = IpcWait.None;
        receiver.IpcEndpoint = null;
        receiver.IpcResult = 0;
    }

    /// <summary>The eight message words, register to register between two saved frames (see lib/libocean/Abi/Ipc.cs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyWords(InterruptFrame* from, InterruptFrame* to)
    {
        to->Rdx = from->Rdx;
        to->R10 = from->R10;
        to->R8 = from->R8;
        to->R9 = from->R9;
        to->R12 = from->R12;
        to->R13 = from->R13;
        to->R14 = from->R14;
        to->R15 = from->R15;
    }

    public static long Receive(InterruptFrame* frame, long slot) => Receive(frame, slot, null);

    // handoff: a caller just answered by reply-receive; it runs next if this thread has to wait.
    private static long Receive(InterruptFrame* frame, long slot, Thread handoff)
    {
        Thread self = Scheduler.Current;
        ref readonly Capability capability = ref Find(slot, ObjectKind.Endpoint, CapabilityRights.Receive, out long error);
        if (error != 0)
            return Finish(handoff, error);
        var endpoint = (Endpoint)capability.Object;
        Grants.End(self);
        DropReplyRight(self);
        Notification bound = self.BoundNotification;
        if (bound != null && bound.Pending != 0)
        {
            NotificationCalls.DeliverTo(self, frame, bound);
            return Finish(handoff, 0);
        }
        Thread sender;
        while ((sender = Endpoint.TakeFirst(ref endpoint.Senders)) != null)
        {
            bool isCall = sender.IpcState == IpcWait.Calling;
            // The caller's grant was checked when it called; its range may have changed while it waited.
            long stale = isCall ? Grants.Revalidate(sender, FrameOf(sender)) : 0;
            if (stale != 0)
            {
                Fail(sender, stale);
                continue;
            }
            Deliver(sender, FrameOf(sender), self, frame, sender.IpcBadge, isCall);
            sender.IpcEndpoint = null;
            if (isCall)
                sender.IpcState = IpcWait.AwaitingReply;   // stays blocked until the reply
            else
            {
                sender.IpcState = IpcWait.None;
                sender.IpcResult = 0;
                Scheduler.Wake(sender);
            }
            return Finish(handoff, endpoint.ReceiveResult(sender));
        }
        if ((frame->Rsi & MessageTag.NonBlocking) != 0)
            return Finish(handoff, -Errno.EAGAIN);
        self.IpcState = IpcWait.Receiving;
        self.IpcEndpoint = endpoint;
        Endpoint.Append(ref endpoint.Receivers, self);
        return Wait(self, handoff);
    }

    // The receive completed without waiting: the answered caller just becomes runnable.
    private static long Finish(Thread handoff, long result)
    {
        if (handoff != null)
            Scheduler.Wake(handoff);
        return result;
    }

    /// <summary>A server loop's single call: answer the pending call (if any), then receive the next message.</summary>
    public static long ReplyReceive(InterruptFrame* frame, long slot)
    {
        Thread answered = null;
        if (Scheduler.Current.ReplyTo != null)
        {
            long replied = Answer(frame, out answered);
            if (replied != 0)
                return replied;
        }
        frame->Rsi &= ~MessageTag.NonBlocking;
        return Receive(frame, slot, answered);
    }

    public static long Reply(InterruptFrame* frame)
    {
        long result = Answer(frame, out Thread caller);
        if (result == 0)
            Scheduler.Wake(caller);
        return result;
    }

    // Delivers the reply to this thread's caller, which is left blocked-but-done for the caller of this to wake or switch to.
    private static long Answer(InterruptFrame* frame, out Thread caller)
    {
        Thread self = Scheduler.Current;
        caller = self.ReplyTo;
        if (caller == null || caller.IpcState != IpcWait.AwaitingReply)
            return -Errno.EINVAL;
        long error = CheckReply(frame);
        if (error != 0)
            return error;
        Grants.End(self);
        self.ReplyTo = null;
        caller.Server = null;
        Deliver(self, frame, caller, FrameOf(caller), 0, false);
        return 0;
    }

    /// <summary>
    /// <paramref name="server"/> will not answer <paramref name="caller"/>'s call, and the caller goes
    /// on with its call done (result 0) from whatever its frame now holds: the process server's exec
    /// has put a new program's entry there. The call lent nothing (exec refuses one that did).
    /// </summary>
    public static void EndCallUnanswered(Thread server, Thread caller)
    {
        server.ReplyTo = null;
        caller.Server = null;
        caller.IpcState = IpcWait.None;
        caller.IpcEndpoint = null;
        caller.IpcResult = 0;
        Scheduler.Wake(caller);
    }

    /// <summary>A reply's own checks, before it goes anywhere (reply, reply-receive, reply_parked).</summary>
    internal static long CheckReply(InterruptFrame* frame)
    {
        // Grant flags are ignored in a reply (a server may echo the tag it received); nothing is lent back.
        frame->Rsi &= ~(MessageTag.GrantRead | MessageTag.GrantWrite);
        if (MessageTag.Length(frame->Rsi) > IpcLayout.MaxPayloadBytes)
            return -Errno.EINVAL;
        if (MessageTag.Capabilities(frame->Rsi) != 0)
            return CapabilityTransfer.Validate(frame, CapabilityRights.Grant);
        return 0;
    }

    /// <summary>
    /// Blocks until a partner (or an error) completes the operation, switching straight to
    /// <paramref name="handoff"/> if given; a kill interrupts the wait.
    /// </summary>
    public static long Wait(Thread self, Thread handoff)
    {
        while (self.IpcState != IpcWait.None)
        {
            // Back from a fast path's hand-off with more to wait for: the upgrade lets others in, and
            // one of them may have finished the wait meanwhile (its wake-up found this thread running).
            BigKernelLock.EnsureExclusive();
            if (self.IpcState == IpcWait.None)
                break;
            // Whoever switches back here may hold the lock shared: this loop upgrades before it looks
            // at anything but the wait's outcome, and its callers only return.
            self.ResumesShared = true;
            if (handoff != null)
            {
                Scheduler.BlockAndSwitchTo(handoff);
                handoff = null;
            }
            else
                Scheduler.Block();
            self.ResumesShared = false;   // (no switch happened: the next one may need the upgrade)
            if (self.IpcState != IpcWait.None && self.Process != null && self.Process.KillPending)
            {
                BigKernelLock.EnsureExclusive();
                if (self.IpcState == IpcWait.None)
                    break;   // completed during the upgrade; the kill takes effect on the way out
                Abandon(self);
                return -Errno.EINTR;
            }
        }
        return self.IpcResult;
    }

    // Takes a thread out of whatever IPC wait it is in (it is being killed).
    private static void Abandon(Thread thread)
    {
        if (thread.IpcEndpoint != null)
        {
            Endpoint.Remove(ref thread.IpcEndpoint.Senders, thread);
            Endpoint.Remove(ref thread.IpcEndpoint.Receivers, thread);
        }
        if (thread.IpcNotification != null)
            Endpoint.Remove(ref thread.IpcNotification.Waiters, thread);
        if (thread.Server != null && thread.Server.ReplyTo == thread)
            thread.Server.ReplyTo = null;   // the server's reply now has nobody to go to
        if (thread.ParkedBy != null)
            ParkedReplies.Forget(thread);   // nor does its ticket
        thread.Server = null;
        thread.IpcState = IpcWait.None;
        thread.IpcEndpoint = null;
        thread.IpcNotification = null;
    }

    /// <summary>The partner can never come (no receiver left, object gone): every thread in the queue wakes with -EPIPE.</summary>
    public static void FailWaiters(ref Thread queue)
    {
        Thread waiting;
        while ((waiting = Endpoint.TakeFirst(ref queue)) != null)
            Fail(waiting, -Errno.EPIPE);
    }

    internal static void Fail(Thread thread, long error)
    {
        thread.IpcState = IpcWait.None;
        thread.IpcEndpoint = null;
        thread.IpcNotification = null;
        thread.Server = null;
        thread.IpcResult = error;
        Scheduler.Wake(thread);
    }

    // The server will never answer its caller (it receives again without replying, or ends): the
    // caller wakes with EPIPE and no longer names the server, which may soon be freed.
    private static void DropReplyRight(Thread server)
    {
        Thread caller = server.ReplyTo;
        server.ReplyTo = null;
        if (caller == null || caller.Server != server)
            return;
        if (caller.IpcState == IpcWait.AwaitingReply)
            Fail(caller, -Errno.EPIPE);
        caller.Server = null;
    }

    /// <summary>
    /// A thread is ending: the caller it was serving wakes with an error, it leaves any wait and
    /// binding, and a grant lent to it goes (it runs in its own address space here).
    /// </summary>
    public static void ThreadExiting(Thread thread)
    {
        DropReplyRight(thread);
        Abandon(thread);
        NotificationCalls.Unbind(thread);
        Grants.End(thread);
    }

    /// <summary>
    /// <paramref name="thread"/> now runs a new program (the process server's exec): a call it was
    /// serving gets EPIPE, and its notification binding goes (the new program never asked for it).
    /// </summary>
    public static void ProgramReplaced(Thread thread)
    {
        DropReplyRight(thread);
        NotificationCalls.Unbind(thread);
    }

    /// <summary>A process is ending (its threads have): all its capabilities go, waking senders of endpoints that lose their last receiver.</summary>
    public static void ProcessExiting(Process process)
    {
        if (process.Capabilities != null)
            process.Capabilities.Clear();
        ParkedReplies.FailAll(process);
    }
}
