namespace Ocean.Servers.Blk;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Ocean's userspace block driver, started by init with the primary ATA channel's ports and IRQ 14,
/// serving <see cref="BlkProtocol"/> on its endpoint. Requests are served one at a time: the callers
/// queued on the endpoint are the request queue. Without a disk it stays up and answers ENOENT, so
/// that init does not restart it in a loop.
/// </summary>
public static unsafe class Program
{
    // The hardware capabilities, in the order the service list names them.
    private const int CommandPortsSlot = ServiceSlot.FirstHardware, ControlPortSlot = ServiceSlot.FirstHardware + 1;
    private const int InterruptSlot = ServiceSlot.FirstHardware + 2;
    private const ulong MaxTransferSectors = BlkProtocol.MaxTransferBytes / BlkProtocol.SectorSize;
    private const int InfoReplyWords = BlkProtocol.NameWord + BlkProtocol.NameWords;
    private const int BytesPerMiB = 1 << 20;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (!AtaInterrupt.Start(InterruptSlot))
            Stdio.WriteLine("blk: cannot bind IRQ 14; completions are polled");
        if (AtaDrive.Identify())
        {
            ReportDisk();
            BlockDevices.Scan(AtaDrive.SectorCount);
            ReportPartitions();
        }
        else
        {
            Stdio.WriteLine("blk: no disk on the primary ATA channel");
        }
        Services.ReportReady();
        while (true)
        {
            IpcMessage message = default;
            if (Ipc.Receive(ServiceSlot.Endpoint, &message) < 0)
            {
                Stdio.WriteLine("blk: no endpoint to serve");
                return 1;
            }
            IpcMessage reply = default;
            long error = MessageTag.Label(message.Tag) switch
            {
                (uint)BlkRequest.Info => Info(&message, &reply),
                (uint)BlkRequest.Read => Transfer(&message, &reply, write: false),
                (uint)BlkRequest.Write => Transfer(&message, &reply, write: true),
                (uint)BlkRequest.Flush => Flush(&message),
                _ => Errno.ENOSYS,
            };
            if (error != 0)
                reply.Tag = MessageTag.Make((uint)error, 0);
            Ipc.Reply(&reply);
        }
    }

    private static long Info(IpcMessage* request, IpcMessage* reply)
    {
        ulong index = request->Words[BlkProtocol.DeviceWord];
        if (!BlockDevices.TryGet(index, out Partition device))
            return Errno.ENOENT;
        reply->Tag = MessageTag.Make(0, InfoReplyWords * sizeof(ulong));
        reply->Words[BlkProtocol.SectorCountWord] = device.SectorCount;
        reply->Words[BlkProtocol.KindWord] = (ulong)(index == 0 ? BlkDeviceKind.Disk : BlkDeviceKind.Partition);
        reply->Words[BlkProtocol.FirstSectorWord] = device.FirstSector;
        reply->Words[BlkProtocol.PartitionTypeWord] = device.Type;
        BlockDevices.PackName((int)index, reply->Words + BlkProtocol.NameWord);
        return 0;
    }

    // Read and Write: the data moves through the caller's grant, straight to and from the drive.
    private static long Transfer(IpcMessage* request, IpcMessage* reply, bool write)
    {
        if (!BlockDevices.TryGet(request->Words[BlkProtocol.DeviceWord], out Partition device))
            return Errno.ENOENT;
        ulong sector = request->Words[BlkProtocol.SectorWord], count = request->Words[BlkProtocol.CountWord];
        ulong needed = write ? MessageTag.GrantRead | MessageTag.GrantWrite : MessageTag.GrantWrite;
        if ((request->Tag & needed) == 0 || count > MaxTransferSectors ||
            request->Words[MessageTag.GrantLengthWord] < count * BlkProtocol.SectorSize)
            return Errno.EINVAL;
        if (sector > device.SectorCount || count > device.SectorCount - sector)
            return Errno.ERANGE;
        byte* data = (byte*)request->Words[MessageTag.GrantAddressWord];
        if (count > 0)
        {
            ulong first = device.FirstSector + sector;
            long result = write ? AtaDrive.Write(first, (uint)count, data) : AtaDrive.Read(first, (uint)count, data);
            if (result < 0)
                return -result;
        }
        reply->Tag = MessageTag.Make(0, sizeof(ulong));
        reply->Words[0] = count;
        return 0;
    }

    private static long Flush(IpcMessage* request)
    {
        if (!BlockDevices.TryGet(request->Words[BlkProtocol.DeviceWord], out _))
            return Errno.ENOENT;
        long result = AtaDrive.Flush();
        return result < 0 ? -result : 0;
    }

    private static void ReportDisk()
    {
        Stdio.Write("blk: disk0: ");
        fixed (byte* model = AtaDrive.Model)
            Stdio.Write(model, AtaDrive.ModelLength);
        Stdio.Write(", ");
        Stdio.Write(AtaDrive.SectorCount);
        Stdio.Write(" sectors (");
        Stdio.Write(AtaDrive.SectorCount * BlkProtocol.SectorSize / BytesPerMiB);
        Stdio.WriteLine(AtaDrive.Lba48 ? " MiB), LBA48" : " MiB), LBA28");
    }

    private static void ReportPartitions()
    {
        for (int i = 1; i < BlockDevices.Count; i++)
        {
            BlockDevices.TryGet((ulong)i, out Partition partition);
            Stdio.Write("blk: disk0p");
            Stdio.Write((long)partition.Number);
            Stdio.Write(": first sector ");
            Stdio.Write(partition.FirstSector);
            Stdio.Write(", ");
            Stdio.Write(partition.SectorCount);
            Stdio.Write(" sectors, type 0x");
            Stdio.WriteHex(partition.Type, 2);
            Stdio.WriteLine("");
        }
    }
}
