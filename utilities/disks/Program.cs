namespace Ocean.Utilities.Disks;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// disks: the block devices blk serves. Without arguments it lists them; <c>disks read DEVICE SECTOR</c>
/// dumps one sector in hex; <c>disks write DEVICE SECTOR TEXT</c> writes TEXT (zero-padded) to a sector
/// and flushes; <c>disks bench DEVICE MIB</c> reads that many MiB sequentially and prints the rate.
/// DEVICE is an index (0 is the first disk) or a name (disk0p1).
/// </summary>
public static class Program
{
    private const int LineBytes = 128;
    private const int NameWidth = 10, KindWidth = 10, SectorsWidth = 12, MiBWidth = 8;
    private const int DumpBytesPerLine = 16, OffsetDigits = 4;
    private const ulong BytesPerMiB = 1 << 20;
    /// <summary>The bench moves 1 MiB per request (the protocol allows up to 4).</summary>
    private const int BenchChunkBytes = 1 << 20;
    private const long NanosecondsPerMillisecond = 1_000_000;
    private const byte FirstPrintable = 0x20, LastPrintable = 0x7E;

    private static readonly TextLine _line = new(LineBytes);

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length == 0)
            return List();
        if (args.Length == 3 && args[0] == "read")
            return Dump(args[1], args[2]);
        if (args.Length == 4 && args[0] == "write")
            return WriteText(args[1], args[2], args[3]);
        if (args.Length == 3 && args[0] == "bench")
            return Bench(args[1], args[2]);
        return Commands.Usage("disks [read DEVICE SECTOR | write DEVICE SECTOR TEXT | bench DEVICE MIB]");
    }

    private static int List()
    {
        BlockDeviceInfo info = BlockDevices.Info(0);
        if (info.Error.Failed)
            return Failed(info.Error.Code == Errno.ENOENT ? "no block devices" : "cannot reach blk", info.Error);
        _line.Clear().AppendPadded("DEVICE", -NameWidth).Append(' ').AppendPadded("KIND", -KindWidth).Append(' ').AppendPadded("SECTORS", SectorsWidth)
            .Append(' ').AppendPadded("MIB", MiBWidth).Append(' ').Append("TYPE").AppendLine().Write();
        for (int device = 0; info.Ok; info = BlockDevices.Info(++device))
        {
            _line.Clear().AppendPadded(info.Name, -NameWidth).Append(' ')
                .AppendPadded(info.Kind == BlkDeviceKind.Disk ? "disk" : "partition", -KindWidth).Append(' ')
                .AppendUnsigned(info.SectorCount, SectorsWidth).Append(' ')
                .AppendUnsigned(info.SectorCount * BlkProtocol.SectorSize / BytesPerMiB, MiBWidth).Append(' ');
            if (info.Kind == BlkDeviceKind.Partition)
                _line.Append("0x").AppendHex(info.PartitionType, 2);
            else
                _line.Append('-');
            _line.AppendLine().Write();
        }
        return 0;
    }

    private static int Dump(string deviceText, string sectorText)
    {
        if (!TryDevice(deviceText, out int device) || !Numbers.TryParse(sectorText, out long sector) || sector < 0)
            return Failed("no such device or sector", Error.Of(-Errno.EINVAL));
        var data = new byte[BlkProtocol.SectorSize];
        Error error = BlockDevices.Read(device, (ulong)sector, data, 1);
        if (error.Failed)
            return Failed("read failed", error);
        for (int offset = 0; offset < BlkProtocol.SectorSize; offset += DumpBytesPerLine)
        {
            _line.Clear().AppendHex((ulong)offset, OffsetDigits).Append(' ');
            for (int i = 0; i < DumpBytesPerLine; i++)
                _line.Append(' ').AppendHex(data[offset + i], 2);
            _line.Append("  |");
            for (int i = 0; i < DumpBytesPerLine; i++)
            {
                byte b = data[offset + i];
                _line.Append(b >= FirstPrintable && b <= LastPrintable ? (char)b : '.');
            }
            _line.Append('|').AppendLine().Write();
        }
        return 0;
    }

    private static int WriteText(string deviceText, string sectorText, string content)
    {
        if (!TryDevice(deviceText, out int device) || !Numbers.TryParse(sectorText, out long sector) || sector < 0)
            return Failed("no such device or sector", Error.Of(-Errno.EINVAL));
        var data = new byte[BlkProtocol.SectorSize];
        for (int i = 0; i < BlkProtocol.SectorSize && i < content.Length; i++)
            data[i] = Strings.ToByte(content[i]);
        Error error = BlockDevices.Write(device, (ulong)sector, data, 1);
        if (error.Ok)
            error = BlockDevices.Flush(device);
        return error.Failed ? Failed("write failed", error) : 0;
    }

    private static int Bench(string deviceText, string mibText)
    {
        BlockDeviceInfo info = default;
        if (!TryDevice(deviceText, out int device) || !Numbers.TryParse(mibText, out long mib) || mib <= 0 ||
            (info = BlockDevices.Info(device)).Error.Failed)
            return Failed("no such device", Error.Of(-Errno.EINVAL));
        int chunkSectors = BenchChunkBytes / BlkProtocol.SectorSize;
        if (info.SectorCount < (ulong)chunkSectors)
            return Failed("device smaller than one request", Error.Of(-Errno.EINVAL));
        var buffer = new byte[BenchChunkBytes];
        ulong total = (ulong)mib * BytesPerMiB, done = 0, sector = 0;
        long start = Clock.Now();
        while (done < total)
        {
            if (sector + (ulong)chunkSectors > info.SectorCount)
                sector = 0;   // a small device is read round again
            Error error = BlockDevices.Read(device, sector, buffer, chunkSectors);
            if (error.Failed)
                return Failed("read failed", error);
            sector += (ulong)chunkSectors;
            done += BenchChunkBytes;
        }
        long elapsed = Clock.Now() - start;
        if (elapsed <= 0)
            elapsed = 1;
        // Bytes per microsecond are MB/s; in tenths for one decimal.
        ulong tenths = done * 10_000 / (ulong)elapsed;
        _line.Clear().Append("blk: read ").Append(mib).Append(" MiB in ").Append(elapsed / NanosecondsPerMillisecond).Append(" ms (")
            .AppendUnsigned(tenths / 10).Append('.').AppendUnsigned(tenths % 10).Append(" MB/s)").AppendLine().Write();
        return 0;
    }

    // An index, or a name that Info reports.
    private static bool TryDevice(string text, out int device)
    {
        device = 0;
        if (Numbers.TryParse(text, out long index))
        {
            device = (int)index;
            return index >= 0 && index <= int.MaxValue;
        }
        BlockDeviceInfo info;
        for (int i = 0; (info = BlockDevices.Info(i)).Ok; i++)
            if (info.Name == text)
            {
                device = i;
                return true;
            }
        return false;
    }

    private static int Failed(string what, Error error)
    {
        Stdio.Write("disks: ");
        Stdio.Write(what);
        Stdio.Write(": ");
        long code = error.Code;
        Stdio.WriteLine(code == Errno.ENOENT ? "no such device" : code == Errno.ERANGE ? "sector out of range" :
            code == Errno.EIO ? "I/O error" : code == Errno.EINVAL ? "invalid argument" : "error");
        return 1;
    }
}
