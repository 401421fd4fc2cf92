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

        // Shared memory: short requests, an empty name, ids and names that do not exist.
        Expect(Mem, "SharedCreate-two-words", Slot, Request((uint)MemRequest.SharedCreate, 0x6F6F66, 4096));
        IpcMessage unnamed = Request((uint)MemRequest.SharedCreate);
        unnamed.Tag = MessageTag.Make((uint)MemRequest.SharedCreate, MemProtocol.CreateWords * sizeof(ulong));
        unnamed.Words[MemProtocol.SizeWord] = 4096;
        unnamed.Words[MemProtocol.CreateProtectionWord] = Protection.Read;
        Expect(Mem, "SharedCreate-empty-name", Slot, unnamed);
        IpcMessage shortMap = Request((uint)MemRequest.SharedMap);
        shortMap.Tag = MessageTag.Make((uint)MemRequest.SharedMap, sizeof(ulong));
        Expect(Mem, "SharedMap-one-word", Slot, shortMap);
        Expect(Mem, "SharedMap-id-0", Slot, Request((uint)MemRequest.SharedMap, 0, Protection.Read));
        Expect(Mem, "SharedMap-no-such-id", Slot, Request((uint)MemRequest.SharedMap, 1UL << 40, Protection.Read));
        Expect(Mem, "SharedOpen-no-such-name", Slot, Request((uint)MemRequest.SharedOpen, 0x6261646E616D65));
        Expect(Mem, "SharedUnlink-no-such-name", Slot, Request((uint)MemRequest.SharedUnlink, 0x6261646E616D65));

        StillServing(Mem, "Info", Slot, Request((uint)MemRequest.Info));
    }
}
