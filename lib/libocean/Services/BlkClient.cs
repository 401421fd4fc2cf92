namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>What <see cref="BlkRequest.Info"/> says about a device.</summary>
public unsafe struct BlkDeviceInfo
{
    public ulong SectorCount;
    public BlkDeviceKind Kind;
    public ulong FirstSector;
    public ulong PartitionType;
    /// <summary>The device's name ("disk0p1"), NUL-terminated.</summary>
    public fixed byte Name[BlkProtocol.NameWords * sizeof(ulong) + 1];
}

/// <summary>
/// The client side of <see cref="BlkProtocol"/>. The connection (a send capability in
/// <see cref="ServiceSlot.Blk"/>) follows <see cref="ServiceConnection"/>'s rules. Data moves through grants of at most
/// <see cref="BlkProtocol.MaxTransferBytes"/>; longer transfers are split.
/// </summary>
public static unsafe class BlkClient
{
    private const uint MaxSectorsPerCall = (uint)(BlkProtocol.MaxTransferBytes / BlkProtocol.SectorSize);
    private static readonly ServiceConnection _blk = new(BlkProtocol.ServiceName, ServiceSlot.Blk);

    public static long Info(int device, out BlkDeviceInfo info)
    {
        info = default;
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)BlkRequest.Info, sizeof(ulong));
        message.Words[BlkProtocol.DeviceWord] = (ulong)device;
        long result = _blk.Call(&message);
        if (result < 0)
            return result;
        info.SectorCount = message.Words[BlkProtocol.SectorCountWord];
        info.Kind = (BlkDeviceKind)message.Words[BlkProtocol.KindWord];
        info.FirstSector = message.Words[BlkProtocol.FirstSectorWord];
        info.PartitionType = message.Words[BlkProtocol.PartitionTypeWord];
        fixed (byte* name = info.Name)
            name[MessageText.Unpack(message.Words + BlkProtocol.NameWord, BlkProtocol.NameWords, name)] = 0;
        return 0;
    }

    /// <summary>Reads <paramref name="count"/> sectors from <paramref name="sector"/>; 0 or a negative errno.</summary>
    public static long Read(int device, ulong sector, uint count, byte* buffer) =>
        Transfer(BlkRequest.Read, MessageTag.GrantWrite, device, sector, count, buffer);

    /// <summary>Writes <paramref name="count"/> sectors to <paramref name="sector"/>; 0 or a negative errno.</summary>
    public static long Write(int device, ulong sector, uint count, byte* buffer) =>
        Transfer(BlkRequest.Write, MessageTag.GrantRead, device, sector, count, buffer);

    /// <summary>Makes everything written so far reach the medium.</summary>
    public static long Flush(int device)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)BlkRequest.Flush, sizeof(ulong));
        message.Words[BlkProtocol.DeviceWord] = (ulong)device;
        return _blk.Call(&message);
    }

    private static long Transfer(BlkRequest request, ulong grant, int device, ulong sector, uint count, byte* buffer)
    {
        while (count > 0)
        {
            uint chunk = count < MaxSectorsPerCall ? count : MaxSectorsPerCall;
            IpcMessage message = default;
            message.Tag = MessageTag.Make((uint)request, 3 * sizeof(ulong));
            message.Words[BlkProtocol.DeviceWord] = (ulong)device;
            message.Words[BlkProtocol.SectorWord] = sector;
            message.Words[BlkProtocol.CountWord] = chunk;
            long result = _blk.CallWithGrant(&message, buffer, (ulong)chunk * BlkProtocol.SectorSize, grant);
            if (result < 0)
                return result;
            if (message.Words[0] != chunk)
                return -Errno.EIO;   // a short transfer means the medium failed part-way
            count -= chunk;
            sector += chunk;
            buffer += (ulong)chunk * BlkProtocol.SectorSize;
        }
        return 0;
    }
}
