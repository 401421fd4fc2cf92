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
        new BlkServer().Serve(ServiceSlot.Endpoint);
        Stdio.WriteLine("blk: no endpoint to serve");
        return 1;
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
