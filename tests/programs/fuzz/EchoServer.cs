namespace Ocean.Tests.Fuzz;

using System.Runtime.InteropServices;
using Ocean.Abi;

/// <summary>
/// A thread of the fuzzing process that serves one endpoint for ever, so that the fuzzer's sends
/// and calls find a partner and the kernel's delivery paths (capability transfer, grants, the reply
/// right) run with hostile messages. Its replies are random too; when the kernel refuses one it
/// answers with an empty reply, so no call waits for ever. It stops if the endpoint stops working.
/// </summary>
public static unsafe class EchoServer
{
    private static Prng _random;
    private static long _endpoint;

    /// <summary>Whether the server thread still runs (it writes false as it ends).</summary>
    public static volatile bool Running;

    public static long Endpoint => _endpoint;

    public static bool Start(ulong seed)
    {
        _random = new Prng(seed);
        _endpoint = Ipc.CreateEndpoint();
        if (_endpoint < 0)
            return false;
        Running = true;
        if (Threads.Create(&Serve, Arena.ServerStack + Arena.ServerStackBytes, 0) >= 0)
            return true;
        Running = false;
        return false;
    }

    [UnmanagedCallersOnly]
    private static void Serve(ulong unused)
    {
        IpcMessage message = default;
        message.Tag = AcceptAnywhere(0);
        while (true)
        {
            long result = Ipc.ReplyReceive(_endpoint, &message);
            if (result != 0)
            {
                // The reply was refused (or there was none): answer with nothing and receive again.
                message = default;
                message.Tag = AcceptAnywhere(0);
                result = Ipc.ReplyReceive(_endpoint, &message);
                if (result != 0)
                    break;
            }
            MakeReply(&message);
        }
        Running = false;
    }

    // Echo most of the words back under a random tag: random lengths, capability counts (the words
    // then name slots to send back), grant flags (a reply must ignore them) and receive slots.
    private static void MakeReply(IpcMessage* message)
    {
        ulong tag = MessageTag.Make((uint)_random.Next(), _random.Below(80));
        if (_random.OneIn(4))
            tag = MessageTag.WithCapabilities(tag, _random.Below(6));
        if (_random.OneIn(8))
            tag |= MessageTag.GrantRead | MessageTag.GrantWrite;
        message->Tag = AcceptAnywhere(tag);
        for (int i = 0; i < IpcLayout.MessageWords; i++)
            if (_random.OneIn(3))
                message->Words[i] = _random.OneIn(2) ? (ulong)_random.Below(Menus.Slots) : _random.Next();
    }

    private static ulong AcceptAnywhere(ulong tag) =>
        _random.OneIn(4) ? tag : MessageTag.AcceptCapabilitiesAt(tag, _random.Below(Menus.Slots));
}
