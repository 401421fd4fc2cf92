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

        BadMemoryRequests();

        StillServing(Mem, "Info", Slot, Request((uint)MemRequest.Info));
    }

    // brk, mmap, munmap and mprotect: short requests, bad lengths and protections, ranges outside the
    // user half or not page-aligned, a range with nothing mapped. (A brk to anywhere is answered with
    // the break in effect, as Unix's is: not an error.) One message at a time, built in ExpectWords:
    // a frame holding a message per request would need a stack probe the runtime does not have.
    private static void BadMemoryRequests()
    {
        const ulong ReadWrite = Protection.Read | Protection.Write, KernelHalf = 0xFFFF_8000_0000_0000, LowUnmapped = 0x1000;
        ExpectWords("Brk-without-words", MemRequest.Brk, 0);
        ExpectWords("Map-one-word", MemRequest.Map, 1, 4096);
        ExpectWords("Map-length-0", MemRequest.Map, 2, 0, ReadWrite);
        ExpectWords("Map-write-execute", MemRequest.Map, 2, 4096, Protection.Write | Protection.Execute);
        ExpectWords("Map-a-terabyte", MemRequest.Map, 2, 1UL << 40, ReadWrite);
        ExpectWords("Map-length-wraps", MemRequest.Map, 2, ~0UL, ReadWrite);
        ExpectWords("Unmap-one-word", MemRequest.Unmap, 1, LowUnmapped);
        ExpectWords("Unmap-unaligned", MemRequest.Unmap, 2, LowUnmapped + 1, 4096);
        ExpectWords("Unmap-length-0", MemRequest.Unmap, 2, LowUnmapped, 0);
        ExpectWords("Unmap-kernel-half", MemRequest.Unmap, 2, KernelHalf, 4096);
        ExpectWords("Unmap-wraps", MemRequest.Unmap, 2, LowUnmapped, ~0UL - 4095);
        ExpectWords("Protect-two-words", MemRequest.Protect, 2, LowUnmapped, 4096);
        ExpectWords("Protect-nothing-mapped", MemRequest.Protect, 3, LowUnmapped, 4096, Protection.Read);
        ExpectWords("Protect-write-execute", MemRequest.Protect, 3, LowUnmapped, 4096, Protection.Write | Protection.Execute);
    }

    // A request to mem with a label and count words (up to three given), which must be refused.
    private static void ExpectWords(string request, MemRequest label, int count, ulong word0 = 0, ulong word1 = 0, ulong word2 = 0)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)label, count * sizeof(ulong));
        message.Words[0] = word0;
        message.Words[1] = word1;
        message.Words[2] = word2;
        Expect("mem", request, ServiceSlot.Mem, message);
    }
}
