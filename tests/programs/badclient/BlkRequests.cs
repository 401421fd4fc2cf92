namespace Ocean.Tests.BadClient;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>Malformed <see cref="BlkRequest"/>s (device 1 is the first partition when a disk is attached).</summary>
public static unsafe partial class Program
{
    private const ulong BadDevice = 99, HugeSector = 1UL << 60;

    private static void BadBlkRequests()
    {
        const string Blk = "blk";
        const long Slot = BlkSlot;
        byte* sector = _scratch;

        Expect(Blk, "unknown-label", Slot, Request(UnknownLabel));
        Expect(Blk, "Info-bad-device", Slot, Request((uint)BlkRequest.Info, BadDevice));
        Expect(Blk, "Flush-bad-device", Slot, Request((uint)BlkRequest.Flush, BadDevice));
        Expect(Blk, "Read-bad-device", Slot, Transfer(BlkRequest.Read, BadDevice, 0, 1, MessageTag.GrantWrite, sector, BlkProtocol.SectorSize));
        Expect(Blk, "Read-huge-sector", Slot, Transfer(BlkRequest.Read, 1, HugeSector, 1, MessageTag.GrantWrite, sector, BlkProtocol.SectorSize));
        Expect(Blk, "Read-without-grant", Slot, Transfer(BlkRequest.Read, 1, 0, 1, 0, null, 0));
        Expect(Blk, "Read-with-read-grant", Slot, Transfer(BlkRequest.Read, 1, 0, 1, MessageTag.GrantRead, sector, BlkProtocol.SectorSize));
        Expect(Blk, "Read-grant-too-short", Slot, Transfer(BlkRequest.Read, 1, 0, 16, MessageTag.GrantWrite, sector, BlkProtocol.SectorSize));
        Expect(Blk, "Read-count-overflows", Slot, Transfer(BlkRequest.Read, 1, 0, ulong.MaxValue / 256, MessageTag.GrantWrite, sector, BlkProtocol.SectorSize));
        Expect(Blk, "Write-grant-too-short", Slot, Transfer(BlkRequest.Write, 1, 0, 16, MessageTag.GrantRead, sector, BlkProtocol.SectorSize));

        StillServing(Blk, "Info-0", Slot, Request((uint)BlkRequest.Info, 0));
    }

    private static IpcMessage Transfer(BlkRequest request, ulong device, ulong first, ulong count, ulong direction, byte* buffer, ulong length)
    {
        IpcMessage message = Request((uint)request, device, first);
        message.Tag = MessageTag.Make((uint)request, 3 * sizeof(ulong));
        message.Words[BlkProtocol.CountWord] = count;
        return direction == 0 ? message : WithGrant(message, direction, buffer, length);
    }
}
