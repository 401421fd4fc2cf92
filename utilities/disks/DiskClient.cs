namespace Ocean.Utilities.Disks;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>What Info says about a block device.</summary>
public unsafe struct DiskInfo
{
    public ulong Sectors;
    public BlkDeviceKind Kind;
    public ulong FirstSector;
    public ulong PartitionType;
    /// <summary>The device's name, NUL-terminated.</summary>
    public fixed byte Name[BlkProtocol.NameWords * sizeof(ulong) + 1];
}

/// <summary>
/// A small client of <see cref="BlkProtocol"/>, private to disks (libocean gets the shared one). The
/// connection is looked up from init on first use, and once more if blk was restarted meanwhile.
/// </summary>
public static unsafe class DiskClient
{
    private const int ConnectionSlot = ServiceSlot.FirstFree;
    private static bool _connected;

    /// <summary>Device <paramref name="device"/>'s description: 0, or a negative errno (-ENOENT past the last).</summary>
    public static long Info(ulong device, DiskInfo* info)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)BlkRequest.Info, sizeof(ulong));
        message.Words[BlkProtocol.DeviceWord] = device;
        long result = Call(&message);
        if (result < 0)
            return result;
        info->Sectors = message.Words[BlkProtocol.SectorCountWord];
        info->Kind = (BlkDeviceKind)message.Words[BlkProtocol.KindWord];
        info->FirstSector = message.Words[BlkProtocol.FirstSectorWord];
        info->PartitionType = message.Words[BlkProtocol.PartitionTypeWord];
        MessageText.Unpack(message.Words + BlkProtocol.NameWord, BlkProtocol.NameWords, info->Name);
        return 0;
    }

    /// <summary>Reads <paramref name="count"/> sectors into <paramref name="buffer"/>: the sectors read, or a negative errno.</summary>
    public static long Read(ulong device, ulong sector, ulong count, byte* buffer) =>
        Transfer(BlkRequest.Read, MessageTag.GrantWrite, device, sector, count, buffer);

    /// <summary>Writes <paramref name="count"/> sectors from <paramref name="buffer"/>: the sectors written, or a negative errno.</summary>
    public static long Write(ulong device, ulong sector, ulong count, byte* buffer) =>
        Transfer(BlkRequest.Write, MessageTag.GrantRead, device, sector, count, buffer);

    public static long Flush(ulong device)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)BlkRequest.Flush, sizeof(ulong));
        message.Words[BlkProtocol.DeviceWord] = device;
        return Call(&message);
    }

    private static long Transfer(BlkRequest request, ulong grant, ulong device, ulong sector, ulong count, byte* buffer)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)request, 3 * sizeof(ulong)) | grant;
        message.Words[BlkProtocol.DeviceWord] = device;
        message.Words[BlkProtocol.SectorWord] = sector;
        message.Words[BlkProtocol.CountWord] = count;
        message.Words[MessageTag.GrantAddressWord] = (ulong)buffer;
        message.Words[MessageTag.GrantLengthWord] = count * BlkProtocol.SectorSize;
        long result = Call(&message);
        return result < 0 ? result : (long)message.Words[0];
    }

    // A call to blk; the reply's label is 0 or a positive errno. The message is kept for a second try.
    private static long Call(IpcMessage* message)
    {
        IpcMessage request = *message;
        long result = 0;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (!_connected)
            {
                long slot = Services.Lookup(BlkProtocol.ServiceName, ConnectionSlot);
                if (slot < 0)
                    return slot;
                _connected = true;
            }
            *message = request;
            result = Ipc.Call(ConnectionSlot, message);
            if (result != -Errno.EBADSLOT && result != -Errno.EPIPE)
                break;
            _connected = false;   // blk was restarted: init revoked the old endpoint
        }
        if (result < 0)
            return result;
        uint label = MessageTag.Label(message->Tag);
        return label == 0 ? 0 : -(long)label;
    }
}
