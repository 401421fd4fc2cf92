namespace Ocean.Libc;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>What the block server says about one device (<see cref="Error"/> set past the last).</summary>
public readonly struct BlockDeviceInfo
{
    public BlockDeviceInfo(Error error, string name, BlkDeviceKind kind, ulong sectorCount, ulong partitionType)
    {
        Error = error;
        Name = name;
        Kind = kind;
        SectorCount = sectorCount;
        PartitionType = partitionType;
    }

    public Error Error { get; }
    public bool Ok => Error.Ok;
    /// <summary>"disk0", "disk0p1".</summary>
    public string Name { get; }
    public BlkDeviceKind Kind { get; }
    public ulong SectorCount { get; }
    /// <summary>The partition table's type byte (0 for the whole disk).</summary>
    public ulong PartitionType { get; }
}

/// <summary>The block server's devices, for programs without pointers (disks): whole sectors of <see cref="BlkProtocol.SectorSize"/> bytes.</summary>
public static unsafe class BlockDevices
{
    /// <summary>Device <paramref name="device"/>: 0 is the disk, then its partitions; ENOENT past the last.</summary>
    public static BlockDeviceInfo Info(int device)
    {
        long result = BlkClient.Info(device, out BlkDeviceInfo info);
        if (result < 0)
            return new BlockDeviceInfo(Error.Of(result), null, 0, 0, 0);
        return new BlockDeviceInfo(default, Strings.FromAscii(info.Name), info.Kind, info.SectorCount, info.PartitionType);
    }

    /// <summary>Reads <paramref name="sectors"/> sectors from <paramref name="sector"/> into the start of <paramref name="buffer"/>.</summary>
    public static Error Read(int device, ulong sector, byte[] buffer, int sectors)
    {
        if (sectors < 0 || (ulong)sectors * BlkProtocol.SectorSize > (ulong)buffer.Length)
            return Error.Of(-Errno.EINVAL);
        fixed (byte* data = buffer)
            return Error.Of(BlkClient.Read(device, sector, (uint)sectors, data));
    }

    /// <summary>Writes <paramref name="sectors"/> sectors from the start of <paramref name="buffer"/> to <paramref name="sector"/>.</summary>
    public static Error Write(int device, ulong sector, byte[] buffer, int sectors)
    {
        if (sectors < 0 || (ulong)sectors * BlkProtocol.SectorSize > (ulong)buffer.Length)
            return Error.Of(-Errno.EINVAL);
        fixed (byte* data = buffer)
            return Error.Of(BlkClient.Write(device, sector, (uint)sectors, data));
    }

    /// <summary>Makes what was written reach the medium.</summary>
    public static Error Flush(int device) => Error.Of(BlkClient.Flush(device));
}
