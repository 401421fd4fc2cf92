namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// The IPC fast path (kernel/ipc/IpcFastPath.cs) takes a call or reply-receive when the partner
/// already waits. Each check here runs with the server waiting, so a call the fast path wrongly took
/// would reach the server: the server counts what it gets, and the refused calls must not be among it.
/// </summary>
public static unsafe partial class Program
{
    private const uint FastFirst = 1, FastBadReply = 10, FastBadSlot = 20, FastStop = 30;
    private const int TooLong = IpcLayout.MaxPayloadBytes + 8;
    private const long EmptySlot = 63;

    // The server: answers each call with label + 1 and the first word doubled; on FastBadReply it first
    // tries a reply that is too long (EINVAL, the caller keeps waiting); on FastBadSlot it replies
    // through reply-receive on an empty slot (the reply goes, the receive fails with EBADF); on
    // FastStop it replies with the number of messages it received and ends.
    private static int FastPathServer(long endpoint)
    {
        IpcMessage message = default;
        long result = Ipc.Receive(endpoint, &message);
        for (ulong served = 1; result == 0; served++)
        {
            uint label = MessageTag.Label(message.Tag);
            if (label == FastStop)
            {
                message.Tag = MessageTag.Make(FastStop, 8);
                message.Words[0] = served;
                return Ipc.Reply(&message) == 0 ? 0 : 2;
            }
            if (label == FastBadReply)
            {
                message.Tag = MessageTag.Make(label + 1, TooLong);
                if (Ipc.ReplyReceive(endpoint, &message) != -Errno.EINVAL)
                    return 3;
            }
            message.Tag = MessageTag.Make(label + 1, 8);
            message.Words[0] *= 2;
            if (label == FastBadSlot)
            {
                if (Ipc.ReplyReceive(EmptySlot, &message) != -Errno.EBADF)
                    return 4;
                result = Ipc.Receive(endpoint, &message);
            }
            else
                result = Ipc.ReplyReceive(endpoint, &message);
        }
        return 5;
    }

    // A call of <paramref name="label"/> with 8 bytes, answered by label + 1 and the word doubled.
    private static bool CallAnswered(long slot, uint label)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make(label, 8);
        message.Words[0] = 21;
        return Ipc.Call(slot, &message) == 0 && MessageTag.Label(message.Tag) == label + 1 && message.Words[0] == 42;
    }

    private static long CallWith(long slot, ulong tag)
    {
        IpcMessage message = default;
        message.Tag = tag;
        return Ipc.Call(slot, &message);
    }

    private static void IpcFastPath()
    {
        long endpoint = Ipc.CreateEndpoint();
        long receiveOnly = Ipc.Mint(endpoint, CapabilityRights.Receive, 0);
        long notification = Notifications.Create();
        long server = Spawn(&FastPathServer, endpoint);

        // After each answered call the server waits in receive again: the fast path's case.
        bool answered = CallAnswered(endpoint, FastFirst);
        bool refused = CallWith(receiveOnly, MessageTag.Make(FastFirst, 0)) == -Errno.EACCES &&
            CallWith(notification, MessageTag.Make(FastFirst, 0)) == -Errno.EINVAL &&
            CallWith(EmptySlot, MessageTag.Make(FastFirst, 0)) == -Errno.EBADF &&
            CallWith(-1, MessageTag.Make(FastFirst, 0)) == -Errno.EBADF &&
            CallWith(endpoint, MessageTag.Make(FastFirst, TooLong)) == -Errno.EINVAL;
        bool badReply = CallAnswered(endpoint, FastBadReply);
        bool badSlot = CallAnswered(endpoint, FastBadSlot);
        IpcMessage stop = default;
        stop.Tag = MessageTag.Make(FastStop, 0);
        bool stopped = Ipc.Call(endpoint, &stop) == 0 && stop.Words[0] == 4;   // FastFirst, FastBadReply, FastBadSlot, FastStop
        int code = ExitCodeOf(server);
        Check(answered && refused && badReply && badSlot && stopped && code == 0,
            "ipc fast path: with the server waiting, calls the general path refuses are refused and never delivered, and bad replies fail alike");
        Ipc.Delete(notification);
        Ipc.Delete(receiveOnly);
        Ipc.Delete(endpoint);
    }
}

/// <summary>
/// The notification flag and the error byte are the kernel's to set: a sender that sets them in a
/// call, a send or a reply (fast path or general) must not reach its partner with them, or a client
/// could make a server take its message for a notification (a server then never handles it).
/// </summary>
public static unsafe partial class Program
{
    private const uint ForgedCall = 1, ForgedSend = 2, ForgedReport = 3;
    private const ulong Forged = MessageTag.Notification | (5UL << 48);

    // Answers each call with label 0 if the request came clean (1 if not), under forged bits of its own;
    // a send's finding is told in the answer to ForgedReport (10 if it came forged), which ends it.
    private static int ForgingServer(long endpoint)
    {
        IpcMessage message = default;
        uint sendSaw = 0;
        long result = Ipc.Receive(endpoint, &message);
        while (result == 0)
        {
            uint label = MessageTag.Label(message.Tag);
            uint saw = (message.Tag & MessageTag.SetByKernel) != 0 ? 1u : 0u;
            if (label == ForgedSend)
            {
                sendSaw = saw;
                result = Ipc.Receive(endpoint, &message);
                continue;
            }
            message.Tag = MessageTag.Make(label == ForgedReport ? saw + 10 * sendSaw : saw, 0) | Forged;
            if (label == ForgedReport)
                return Ipc.Reply(&message) == 0 ? 0 : 2;   // the general reply
            result = Ipc.ReplyReceive(endpoint, &message);   // the fast path's reply
        }
        return 1;
    }

    private static void ForgedKernelFlags()
    {
        long endpoint = Ipc.CreateEndpoint();
        long server = Spawn(&ForgingServer, endpoint);
        IpcMessage message = default;
        message.Tag = MessageTag.Make(ForgedCall, 0) | Forged;
        bool call = Ipc.Call(endpoint, &message) == 0 && MessageTag.Label(message.Tag) == 0 && (message.Tag & MessageTag.SetByKernel) == 0;
        message = default;
        message.Tag = MessageTag.Make(ForgedSend, 0) | Forged;
        bool sent = Ipc.Send(endpoint, &message) == 0;
        message = default;
        message.Tag = MessageTag.Make(ForgedReport, 0) | Forged;
        bool report = Ipc.Call(endpoint, &message) == 0 && MessageTag.Label(message.Tag) == 0 && (message.Tag & MessageTag.SetByKernel) == 0;
        Check(call && sent && report && ExitCodeOf(server) == 0,
            "ipc: the notification flag and the error byte a sender sets never reach the receiver (call, send, reply; fast and general paths)");
        Ipc.Delete(endpoint);
    }
}
