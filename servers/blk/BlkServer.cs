namespace Ocean.Servers.Blk;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// <see cref="BlkProtocol"/>'s requests, one at a time: the callers queued on the endpoint are the
/// request queue. Data moves through the caller's grant, straight to and from the drive.
/// </summary>
internal sealed unsafe class BlkServer : Server
{
    private const ulong MaxTransferSectors = BlkProtocol.MaxTransferBytes / BlkProtocol.SectorSize;
    private const int InfoReplyWords = BlkProtocol.NameWord + BlkProtocol.NameWords;

    protected override long Handle(IpcMessage* message) => MessageTag.Label(message->Tag) switch
    {
        (uint)BlkRequest.Info => Info(message),
        (uint)BlkRequest.Read => Transfer(message, write: false),
        (uint)BlkRequest.Write => Transfer(message, write: true),
        (uint)BlkRequest.Flush => Flush(message),
        _ => -Errno.ENOSYS,
    };

    private static long Info(IpcMessage* message)
    {
        ulong index = message->Words[BlkProtocol.DeviceWord];
        if (!BlockDevices.TryGet(index, out Partition device))
            return -Errno.ENOENT;
        message->Tag = MessageTag.Make(0, InfoReplyWords * sizeof(ulong));
        message->Words[BlkProtocol.SectorCountWord] = device.SectorCount;
        message->Words[BlkProtocol.KindWord] = (ulong)(index == 0 ? BlkDeviceKind.Disk : BlkDeviceKind.Partition);
        message->Words[BlkProtocol.FirstSectorWord] = device.FirstSector;
        message->Words[BlkProtocol.PartitionTypeWord] = device.Type;
        BlockDevices.PackName((int)index, message->Words + BlkProtocol.NameWord);
        return 0;
    }

    // Read and Write: the data moves through the caller's grant, straight to and from the drive.
    private static long Transfer(IpcMessage* message, bool write)
    {
        if (!BlockDevices.TryGet(message->Words[BlkProtocol.DeviceWord], out Partition device))
            return -Errno.ENOENT;
        ulong sector = message->Words[BlkProtocol.SectorWord], count = message->Words[BlkProtocol.CountWord];
        ulong needed = write ? MessageTag.GrantRead | MessageTag.GrantWrite : MessageTag.GrantWrite;
        if ((message->Tag & needed) == 0 || count > MaxTransferSectors ||
            message->Words[MessageTag.GrantLengthWord] < count * BlkProtocol.SectorSize)
            return -Errno.EINVAL;
        if (sector > device.SectorCount || count > device.SectorCount - sector)
            return -Errno.ERANGE;
        byte* data = (byte*)message->Words[MessageTag.GrantAddressWord];
        if (count > 0)
        {
            ulong first = device.FirstSector + sector;
            long result = write ? AtaDrive.Write(first, (uint)count, data) : AtaDrive.Read(first, (uint)count, data);
            if (result < 0)
                return result;
        }
        message->Tag = MessageTag.Make(0, sizeof(ulong));
        message->Words[0] = count;
        return 0;
    }

    private static long Flush(IpcMessage* message)
    {
        if (!BlockDevices.TryGet(message->Words[BlkProtocol.DeviceWord], out _))
            return -Errno.ENOENT;
        long result = AtaDrive.Flush();
        return result < 0 ? result : 0;
    }
}
