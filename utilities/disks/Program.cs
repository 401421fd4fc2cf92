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
public static unsafe class Program
{
    private const int UsageError = 2;
    private const int LineBytes = 128;
    private const int NameWidth = 10, KindWidth = 10, SectorsWidth = 12, MiBWidth = 8;
    private const int DumpBytesPerLine = 16, OffsetDigits = 4;
    private const ulong BytesPerMiB = 1 << 20;
    /// <summary>The bench moves 1 MiB per request (the protocol allows up to 4).</summary>
    private const ulong BenchChunkBytes = 1 << 20;
    private const long NanosecondsPerMillisecond = 1_000_000;
    private const byte FirstPrintable = 0x20, LastPrintable = 0x7E;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        int count = Runtime.ArgumentCount;
        if (count == 1)
            return List();
        byte* command = Runtime.Argument(1);
        if (count == 4 && CString.Is(command, "read"))
            return Dump(Runtime.Argument(2), Runtime.Argument(3));
        if (count == 5 && CString.Is(command, "write"))
            return WriteText(Runtime.Argument(2), Runtime.Argument(3), Runtime.Argument(4));
        if (count == 4 && CString.Is(command, "bench"))
            return Bench(Runtime.Argument(2), Runtime.Argument(3));
        Stdio.WriteLine("usage: disks [read DEVICE SECTOR | write DEVICE SECTOR TEXT | bench DEVICE MIB]");
        return UsageError;
    }

    private static int List()
    {
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        BlkDeviceInfo info;
        long result = BlkClient.Info((int)(0), out info);
        if (result < 0)
            return Failed(result == -Errno.ENOENT ? "no block devices" : "cannot reach blk", result);
        text.AppendPadded("DEVICE", -NameWidth).Append(' ').AppendPadded("KIND", -KindWidth).Append(' ').AppendPadded("SECTORS", SectorsWidth)
            .Append(' ').AppendPadded("MIB", MiBWidth).Append(' ').Append("TYPE").AppendLine();
        Stdio.Write(text);
        for (ulong device = 0; result == 0; result = BlkClient.Info((int)(++device), out info))
        {
            text.Clear();
            text.AppendPadded(info.Name, -NameWidth).Append(' ')
                .AppendPadded(info.Kind == BlkDeviceKind.Disk ? "disk" : "partition", -KindWidth).Append(' ')
                .AppendUnsigned(info.SectorCount, SectorsWidth).Append(' ')
                .AppendUnsigned(info.SectorCount * BlkProtocol.SectorSize / BytesPerMiB, MiBWidth).Append(' ');
            if (info.Kind == BlkDeviceKind.Partition)
                text.Append("0x").AppendHex(info.PartitionType, 2);
            else
                text.Append('-');
            Stdio.Write(text.AppendLine());
        }
        return 0;
    }

    private static int Dump(byte* deviceText, byte* sectorText)
    {
        if (!TryDevice(deviceText, out ulong device) || !Numbers.TryParse(sectorText, out long sector) || sector < 0)
            return Failed("no such device or sector", -Errno.EINVAL);
        byte* data = stackalloc byte[BlkProtocol.SectorSize];
        long result = BlkClient.Read((int)device, (ulong)sector, (uint)(1), data);
        if (result < 0)
            return Failed("read failed", result);
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        for (int offset = 0; offset < BlkProtocol.SectorSize; offset += DumpBytesPerLine)
        {
            text.Clear();
            text.AppendHex((ulong)offset, OffsetDigits).Append(' ');
            for (int i = 0; i < DumpBytesPerLine; i++)
                text.Append(' ').AppendHex(data[offset + i], 2);
            text.Append("  |");
            for (int i = 0; i < DumpBytesPerLine; i++)
            {
                byte b = data[offset + i];
                text.Append(b >= FirstPrintable && b <= LastPrintable ? (char)b : '.');
            }
            Stdio.Write(text.Append('|').AppendLine());
        }
        return 0;
    }

    private static int WriteText(byte* deviceText, byte* sectorText, byte* content)
    {
        if (!TryDevice(deviceText, out ulong device) || !Numbers.TryParse(sectorText, out long sector) || sector < 0)
            return Failed("no such device or sector", -Errno.EINVAL);
        byte* data = stackalloc byte[BlkProtocol.SectorSize];
        for (int i = 0; i < BlkProtocol.SectorSize && content[i] != 0; i++)
            data[i] = content[i];
        long result = BlkClient.Write((int)device, (ulong)sector, (uint)(1), data);
        if (result >= 0)
            result = BlkClient.Flush((int)device);
        return result < 0 ? Failed("write failed", result) : 0;
    }

    private static int Bench(byte* deviceText, byte* mibText)
    {
        BlkDeviceInfo info;
        if (!TryDevice(deviceText, out ulong device) || !Numbers.TryParse(mibText, out long mib) || mib <= 0 ||
            BlkClient.Info((int)(device), out info) < 0)
            return Failed("no such device", -Errno.EINVAL);
        ulong chunkSectors = BenchChunkBytes / BlkProtocol.SectorSize;
        if (info.SectorCount < chunkSectors)
            return Failed("device smaller than one request", -Errno.EINVAL);
        byte* buffer = (byte*)Heap.Allocate((nuint)BenchChunkBytes);
        if (buffer == null)
            return Failed("out of memory", -Errno.ENOMEM);
        ulong total = (ulong)mib * BytesPerMiB, done = 0, sector = 0;
        long start = Clock.Now();
        while (done < total)
        {
            if (sector + chunkSectors > info.SectorCount)
                sector = 0;   // a small device is read round again
            long result = BlkClient.Read((int)device, sector, (uint)(chunkSectors), buffer);
            if (result < 0)
                return Failed("read failed", result);
            sector += chunkSectors;
            done += BenchChunkBytes;
        }
        long elapsed = Clock.Now() - start;
        Heap.Free(buffer);
        if (elapsed <= 0)
            elapsed = 1;
        // Bytes per microsecond are MB/s; in tenths for one decimal.
        ulong tenths = done * 10_000 / (ulong)elapsed;
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        text.Append("blk: read ").Append(mib).Append(" MiB in ").Append(elapsed / NanosecondsPerMillisecond).Append(" ms (")
            .AppendUnsigned(tenths / 10).Append('.').AppendUnsigned(tenths % 10).Append(" MB/s)").AppendLine();
        Stdio.Write(text);
        return 0;
    }

    // An index, or a name that Info reports.
    private static bool TryDevice(byte* text, out ulong device)
    {
        device = 0;
        if (Numbers.TryParse(text, out long index))
        {
            device = (ulong)index;
            return index >= 0;
        }
        BlkDeviceInfo info;
        for (ulong i = 0; BlkClient.Info((int)(i), out info) == 0; i++)
            if (CString.Length(text) == CString.Length(info.Name) && Same(text, info.Name))
            {
                device = i;
                return true;
            }
        return false;
    }

    private static bool Same(byte* a, byte* b)
    {
        for (int i = 0; a[i] != 0 || b[i] != 0; i++)
            if (a[i] != b[i])
                return false;
        return true;
    }

    private static int Failed(string what, long error)
    {
        Stdio.Write("disks: ");
        Stdio.Write(what);
        Stdio.Write(": ");
        Stdio.WriteLine(error == -Errno.ENOENT ? "no such device" : error == -Errno.ERANGE ? "sector out of range" :
            error == -Errno.EIO ? "I/O error" : error == -Errno.EINVAL ? "invalid argument" : "error");
        return 1;
    }
}
