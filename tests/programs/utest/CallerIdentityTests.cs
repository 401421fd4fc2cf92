namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// What the process server is built on: an endpoint that says who calls (endpoint_create's
/// IdentifyCallers: a receive returns the caller's pid) and parked replies (reply_park, reply_parked),
/// on the general path and the fast path alike.
/// </summary>
public static unsafe partial class Program
{
    private const long ShortWait = 50_000_000;
    private const uint ParkGo = 7;

    // Child: answers two calls with what each receive returned. The first caller is queued before this
    // receives (the general path); for the second this already waits (the fast path's call).
    private static int EchoCallerPid(long endpoint)
    {
        Syscall.Sleep(ShortWait);
        for (int i = 0; i < 2; i++)
        {
            IpcMessage message = default;
            long pid = Ipc.Receive(endpoint, &message);
            message.Tag = MessageTag.Make(0, sizeof(ulong));
            message.Words[0] = (ulong)pid;
            if (Ipc.Reply(&message) != 0)
                return 1;
        }
        return 0;
    }

    // Child: calls with its argument's word; 0 if the answer is that word times 100.
    private static int CallForHundredfold(long word)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make(0, sizeof(ulong));
        message.Words[0] = (ulong)word;
        return Ipc.Call(_parkEndpoint, &message) == 0 && message.Words[0] == (ulong)word * 100 ? 0 : 1;
    }

    private static long _parkEndpoint;

    // Child: parks the first call, answers the second at once, then the parked one (each with its
    // word times 100); a ticket answered twice is refused.
    private static int ParkFirstOfTwo(long endpoint)
    {
        IpcMessage first = default, second = default;
        if (Ipc.Receive(endpoint, &first) != 0)
            return 1;
        long ticket = Ipc.ReplyPark();
        if (ticket <= 0 || Ipc.Receive(endpoint, &second) != 0)   // no EPIPE for the parked caller
            return 2;
        second.Words[0] *= 100;
        if (Ipc.Reply(&second) != 0)
            return 3;
        first.Tag = MessageTag.Make(0, sizeof(ulong));
        first.Words[0] *= 100;
        if (Ipc.ReplyParked(ticket, &first) != 0)
            return 4;
        return Ipc.ReplyParked(ticket, &first) == -Errno.EINVAL && Ipc.ReplyPark() == -Errno.EINVAL ? 0 : 5;
    }

    // Child: parks a call whose caller the parent then kills, then parks ParkGo (in the slot the killed
    // caller left): the dead ticket must be refused (EINVAL), not answer ParkGo, whose answer then says
    // so (0); then it parks one more call and ends.
    private static int ParkThenLoseCaller(long endpoint)
    {
        IpcMessage message = default;
        if (Ipc.Receive(endpoint, &message) != 0)
            return 1;
        long dead = Ipc.ReplyPark();
        if (dead <= 0 || Ipc.Receive(endpoint, &message) != 0 || MessageTag.Label(message.Tag) != ParkGo)
            return 2;
        long go = Ipc.ReplyPark();
        message.Tag = MessageTag.Make(0, sizeof(ulong));
        message.Words[0] = 1;
        bool refused = go > 0 && go != dead && Ipc.ReplyParked(dead, &message) == -Errno.EINVAL;
        message.Tag = MessageTag.Make(0, sizeof(ulong));
        message.Words[0] = refused ? 0UL : 1UL;
        if (Ipc.ReplyParked(go, &message) != 0 || Ipc.Receive(endpoint, &message) != 0)
            return 3;
        return Ipc.ReplyPark() > 0 ? 0 : 4;   // ends with it parked: its caller gets EPIPE
    }

    private static void CallerIdentityAndParkedReplies()
    {
        long self = Syscall.GetPid();
        long heapBefore = Syscall.KernelHeapBytes();

        long endpoint = Ipc.CreateEndpoint(EndpointFlags.IdentifyCallers);
        long server = Spawn(&EchoCallerPid, endpoint);
        IpcMessage message = default;
        message.Tag = MessageTag.Make(0, sizeof(ulong));
        bool queued = Ipc.Call(endpoint, &message) == 0 && message.Words[0] == (ulong)self;
        Syscall.Sleep(ShortWait);   // the server waits in receive now
        message.Tag = MessageTag.Make(0, sizeof(ulong));
        bool waiting = Ipc.Call(endpoint, &message) == 0 && message.Words[0] == (ulong)self;
        Check(queued && waiting && ExitCodeOf(server) == 0 && Ipc.CreateEndpoint(1UL << 5) == -Errno.EINVAL,
            "ipc: an endpoint made with IdentifyCallers tells the receiver the caller's pid (queued or waiting); unknown flags are EINVAL");
        Ipc.Delete(endpoint);

        _parkEndpoint = Ipc.CreateEndpoint();
        server = Spawn(&ParkFirstOfTwo, _parkEndpoint);
        long caller = Spawn(&CallForHundredfold, 1);
        Syscall.Sleep(ShortWait);
        bool answered = CallForHundredfold(2) == 0;
        Check(answered && ExitCodeOf(caller) == 0 && ExitCodeOf(server) == 0,
            "ipc: a parked call is answered after a later one; its ticket works once");

        server = Spawn(&ParkThenLoseCaller, _parkEndpoint);
        caller = Spawn(&CallForHundredfold, 3);
        Syscall.Sleep(ShortWait);
        ProcClient.Kill(caller);
        bool killed = ExitCodeOf(caller) == 128 + Signal.Kill;
        message = default;
        message.Tag = MessageTag.Make(ParkGo, 0);
        bool freed = Ipc.Call(_parkEndpoint, &message) == 0 && message.Words[0] == 0;
        message.Tag = MessageTag.Make(0, 0);
        bool failed = Ipc.Call(_parkEndpoint, &message) == -Errno.EPIPE;
        Check(killed && freed && failed && ExitCodeOf(server) == 0,
            "ipc: a killed parked caller's ticket is dead, even once another call is parked in its place; calls parked by a server that ends fail with EPIPE");
        Ipc.Delete(_parkEndpoint);
        Check(Syscall.KernelHeapBytes() == heapBefore, "ipc: identity and parking give back every byte of kernel heap");

        Check(ProcClient.ParentPid() == 0, "proc: Identity names the caller (init here: no parent)");
    }
}
