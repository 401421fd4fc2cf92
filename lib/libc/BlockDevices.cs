namespace Ocean.Libc;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>What the block server says about one device (<see cref="Error"/> set past the last).</summary>
public readonly struct BlockDeviceInfo
{
    public Error Error { get; init; }
    public bool Ok => Error.Ok;
    /// <summary>"disk0", "disk0p1".</summary>
    public string Name { get; init; }
    public BlkDeviceKind Kind { get; init; }
    public ulong SectorCount { get; init; }
    /// <summary>The partition table's type byte (0 for the whole disk).</summary>
    public ulong PartitionType { get; init; }
}

/// <summary>The block server's devices, for programs without pointers (disks): whole sectors of <see cref="BlkProtocol.SectorSize"/> bytes.</summary>
public static unsafe class BlockDevices
{
    /// <summary>Device <paramref name="device"/>: 0 is the disk, then its partitions; ENOENT past the last.</summary>
    public static BlockDeviceInfo Info(int device)
    {
        long result = BlkClient.Info(device, out BlkDeviceInfo info);
        if (result < 0)
            return new BlockDeviceInfo { Error = Error.Of(result) };
        return new BlockDeviceInfo { Name = Strings.FromAscii(info.Name), Kind = info.Kind, SectorCount = info.SectorCount, PartitionType = info.PartitionType };
    }

    /// <summary>Reads <paramref name="sectors"/> sectors from <paramref name="sector"/> into the start of <paramref name="buffer"/>.</summary>
    public static Error Read(int device, ulong sector, byte[] buffer, int sectors) => Transfer(false, device, sector, buffer, sectors);

    /// <summary>Writes <paramref name="sectors"/> sectors from the start of <paramref name="buffer"/> to <paramref name="sector"/>.</summary>
    public static Error Write(int device, ulong sector, byte[] buffer, int sectors) => Transfer(true, device, sector, buffer, sectors);

    private static Error Transfer(bool write, int device, ulong sector, byte[] buffer, int sectors)
    {
        if (sectors < 0 || (ulong)sectors * BlkProtocol.SectorSize > (ulong)buffer.Length)
            return Error.Of(-Errno.EINVAL);
        fixed (byte* data = buffer)
            return Error.Of(write ? BlkClient.Write(device, sector, (uint)sectors, data) : BlkClient.Read(device, sector, (uint)sectors, data));
    }

    /// <summary>Makes what was written reach the medium.</summary>
    public static Error Flush(int device) => Error.Of(BlkClient.Flush(device));
}
