namespace Ocean.Servers.Ext2;

/// <summary>
/// The block device a volume lives on: the server's is a device of the block server
/// (<see cref="BlkBlockDevice"/>), the host tests' a memory image. Each operation returns 0 or a
/// negative errno; sectors are <see cref="SectorSize"/> bytes.
/// </summary>
public abstract unsafe class BlockDevice
{
    public const int SectorSize = 512;

    /// <summary>The device's size in sectors.</summary>
    public abstract ulong SectorCount { get; }

    /// <summary>Reads <paramref name="count"/> sectors from <paramref name="sector"/> into <paramref name="buffer"/>.</summary>
    public abstract long Read(ulong sector, uint count, byte* buffer);

    /// <summary>Writes <paramref name="count"/> sectors from <paramref name="buffer"/> to <paramref name="sector"/>.</summary>
    public abstract long Write(ulong sector, uint count, byte* buffer);

    /// <summary>Makes everything written so far durable.</summary>
    public abstract long Flush();
}
