namespace Ocean.Tests.BadClient;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// Malformed <see cref="MemRequest"/>s. The memory server is never restarted, so each must be
/// answered with an errno and leave it serving.
/// </summary>
public static unsafe partial class Program
{
    private static void BadMemRequests()
    {
        const string Mem = "mem";
        const long Slot = ServiceSlot.Mem;

        Expect(Mem, "unknown-label", Slot, Request(UnknownLabel));
        IpcMessage empty = Request((uint)MemRequest.Usage);
        empty.Tag = MessageTag.Make((uint)MemRequest.Usage, 0);
        Expect(Mem, "Usage-without-words", Slot, empty);
        Expect(Mem, "Usage-no-such-pid", Slot, Request((uint)MemRequest.Usage, 999_999));
        Expect(Mem, "Usage-pid-over-32-bits", Slot, Request((uint)MemRequest.Usage, (1UL << 32) | 1));

        StillServing(Mem, "Info", Slot, Request((uint)MemRequest.Info));
    }
}
