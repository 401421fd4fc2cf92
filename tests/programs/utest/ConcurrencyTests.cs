namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>IPC under load: several clients calling one server at once (on every CPU), and a server killed with callers queued.</summary>
public static unsafe partial class Program
{
    private const int Clients = 4;
    private const int CallsPerClient = 250;

    // Server: answers Clients × CallsPerClient calls; each client's sequence numbers must arrive in order.
    private static int OrderedServer(long endpoint)
    {
        ulong* expected = stackalloc ulong[Clients + 1];
        for (int i = 0; i <= Clients; i++)
            expected[i] = 0;
        bool inOrder = true;
        IpcMessage message = default;
        for (int served = 0; served < Clients * CallsPerClient; served++)
        {
            long result = served == 0 ? Ipc.Receive(endpoint, &message) : Ipc.ReplyReceive(endpoint, &message);
            if (result != 0 || message.Badge == 0 || message.Badge > Clients)
                return 1;
            inOrder &= message.Words[0] == expected[message.Badge]++;
            message.Words[0] = message.Words[0] * 2 + message.Badge;
            message.Tag = MessageTag.Make(1, 8);
        }
        Ipc.Reply(&message);
        return inOrder ? 0 : 2;
    }

    // Client: calls with sequence numbers 0, 1, ...; every reply must answer exactly its own call.
    private static int OrderedClient(long slotAndBadge)
    {
        long slot = slotAndBadge & 0xFF;
        ulong badge = (ulong)(slotAndBadge >> 8);
        IpcMessage message = default;
        for (ulong i = 0; i < CallsPerClient; i++)
        {
            message.Tag = MessageTag.Make(1, 8);
            message.Words[0] = i;
            if (Ipc.Call(slot, &message) != 0 || message.Words[0] != i * 2 + badge)
                return 1;
        }
        return 0;
    }

    private static void ConcurrentClients()
    {
        long endpoint = Ipc.CreateEndpoint();
        long server = Spawn(&OrderedServer, endpoint);
        long* clients = stackalloc long[Clients];
        long* slots = stackalloc long[Clients];
        for (int c = 0; c < Clients; c++)
        {
            slots[c] = Ipc.Mint(endpoint, CapabilityRights.Send, (ulong)(c + 1));
            clients[c] = Spawn(&OrderedClient, slots[c] | ((long)(c + 1) << 8));
        }
        bool ok = true;
        for (int c = 0; c < Clients; c++)
        {
            ok &= ExitCodeOf(clients[c]) == 0;
            Ipc.Delete(slots[c]);
        }
        ok &= ExitCodeOf(server) == 0;
        Check(ok, "ipc: 4 clients x 250 calls to one server at once: every reply answers its own call, in order");
        Ipc.Delete(endpoint);
    }

    // A server that takes one call and then never answers.
    private static int SilentServer(long endpoint)
    {
        IpcMessage message = default;
        Ipc.Receive(endpoint, &message);
        while (true)
            Syscall.Sleep(1_000_000_000);
    }

    private static int CallOnce(long endpoint)
    {
        IpcMessage message = default;
        return Ipc.Call(endpoint, &message) == -Errno.EPIPE ? 0 : 1;
    }

    private static void ServerKilledWithQueuedCallers()
    {
        long endpoint = Ipc.CreateEndpoint();
        long server = Spawn(&SilentServer, endpoint);
        // From here only the server holds the receive right: only it could ever answer.
        long sendOnly = Ipc.Mint(endpoint, CapabilityRights.Send, 0);
        Ipc.Delete(endpoint);
        long* callers = stackalloc long[3];
        for (int i = 0; i < 3; i++)
            callers[i] = Spawn(&CallOnce, sendOnly);
        Syscall.Sleep(20_000_000);   // one caller is being served, two are queued
        ProcClient.Kill(server);
        bool ok = ExitCodeOf(server) == 128 + Signal.Kill;
        for (int i = 0; i < 3; i++)
            ok &= ExitCodeOf(callers[i]) == 0;
        Check(ok, "ipc: killing a server wakes the caller it was serving and every queued caller with EPIPE");
        Ipc.Delete(sendOnly);
    }
}
