namespace Ocean.Kernel.Ipc;

using System.Runtime.CompilerServices;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// The IPC fast path (seL4's idea): a call, or a reply-receive, whose message is registers only and
/// whose partner already waits and may run on this CPU now, is done in one pass: check, copy the
/// words into the partner's saved frame, switch straight to it. Anything else (capabilities or a
/// grant in the message, nobody waiting, a queued sender, a pending notification, a lent grant still
/// mapped, any error) returns null before anything has changed, and the general path
/// (<see cref="IpcCalls"/>) does the call, so both give the same answers; utest's "ipc fast path"
/// checks compare them with a server waiting.
///
/// It runs under the kernel lock in shared mode, so fast paths on different CPUs overlap (see
/// <see cref="BigKernelLock"/>): it reads capability spaces and processes, which change only under
/// the exclusive lock, and its own CPU's run queue, which in shared mode only this CPU changes; takes
/// its partner from an endpoint's receive queue, or puts itself there, under that endpoint's lock;
/// and writes only the two threads of the rendezvous, which no other path can reach meanwhile (a
/// waiting receiver is the taker's once off the queue, and a caller awaiting its reply is its
/// server's alone). A bound notification's word is read without its lock: shared paths only ever
/// clear a bound notification's word (a signal to one takes the general path), so a stale read
/// sends this path to the general one at worst.
/// </summary>
public static unsafe class IpcFastPath
{
    /// <summary>call: the server waits in receive on the endpoint. Returns the frame to leave by (null: declined).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InterruptFrame* TryCall(InterruptFrame* frame, PerCpu* cpu)
    {
        ulong tag = frame->Rsi;
        if (!IsRegistersOnly(tag))
            return null;
        Thread self = Scheduler.CurrentOn(cpu);
        ref readonly Capability capability = ref self.Process.Capabilities.Get((long)frame->Rdi);
        if (capability.Object is not Endpoint endpoint || (capability.Rights & CapabilityRights.Send) == 0)
            return null;
        if (endpoint.ReceiveReferences == 0)
            return null;
        endpoint.ReceiversLock.Acquire();
        Thread server = endpoint.Receivers;
        if (server == null || !Scheduler.CanHandOffTo(cpu, server))
        {
            endpoint.ReceiversLock.Release();
            return null;
        }
        endpoint.Receivers = server.IpcNext;
        endpoint.ReceiversLock.Release();
        server.IpcNext = null;
        InterruptFrame* to = IpcCalls.FrameOf(server);
        Copy(frame, to, capability.Badge, tag);
        server.ReplyTo = self;
        self.Server = server;
        Done(server);
        server.IpcResult = endpoint.ReceiveResult(self);
        self.IpcState = IpcWait.AwaitingReply;
        return Scheduler.HandOffFromFrame(cpu, server);
    }

    /// <summary>reply-receive: the caller awaits this reply, and no message is queued for the receive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InterruptFrame* TryReplyReceive(InterruptFrame* frame, PerCpu* cpu)
    {
        ulong tag = frame->Rsi;
        if (!IsRegistersOnly(tag))
            return null;
        Thread self = Scheduler.CurrentOn(cpu);
        Thread caller = self.ReplyTo;
        if (caller == null || caller.IpcState != IpcWait.AwaitingReply || self.GrantPages != 0)
            return null;
        ref readonly Capability capability = ref self.Process.Capabilities.Get((long)frame->Rdi);
        if (capability.Object is not Endpoint endpoint || (capability.Rights & CapabilityRights.Receive) == 0 ||
            endpoint.Senders != null)
            return null;
        Notification bound = self.BoundNotification;
        if ((bound != null && bound.Pending != 0) || !Scheduler.CanHandOffTo(cpu, caller))
            return null;

        Copy(frame, IpcCalls.FrameOf(caller), 0, tag);
        self.ReplyTo = null;
        caller.Server = null;
        Done(caller);
        // The receive: the next message lands in this frame, whose tag still names the receive slots.
        frame->Rsi = tag & ~MessageTag.NonBlocking;
        self.IpcState = IpcWait.Receiving;
        self.IpcEndpoint = endpoint;
        // From here another CPU's fast path may find this thread, and takes it once it is off this CPU.
        endpoint.ReceiversLock.Acquire();
        Endpoint.Append(ref endpoint.Receivers, self);
        endpoint.ReceiversLock.Release();
        return Scheduler.HandOffFromFrame(cpu, caller);
    }

    // What the general path would move for such a tag: no capabilities, no grant, at most eight words.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRegistersOnly(ulong tag) =>
        MessageTag.Capabilities(tag) == 0 && !MessageTag.HasGrant(tag) && MessageTag.Length(tag) <= IpcLayout.MaxPayloadBytes;

    // The message as IpcCalls.Deliver moves it: the badge, the tag without the sender's own flags or
    // what only the kernel may set, the words.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(InterruptFrame* from, InterruptFrame* to, ulong badge, ulong tag)
    {
        to->Rsi = tag & ~(MessageTag.NonBlocking | MessageTag.ReceiveSlotMask | MessageTag.SetByKernel);
        to->Rdi = badge;
        IpcCalls.CopyWords(from, to);
    }

    // The partner's wait is over with success; it runs next, on this CPU.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Done(Thread partner)
    {
        partner.IpcState = IpcWait.None;
        partner.IpcEndpoint = null;
        partner.IpcResult = 0;
    }
}
