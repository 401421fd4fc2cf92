namespace Ocean.Servers.Ext2;

/// <summary>A <see cref="BlockDevice"/> on one device of the block server, through <see cref="BlkClient"/>.</summary>
internal sealed unsafe class BlkBlockDevice : BlockDevice
{
    private readonly int _device;
    private readonly ulong _sectorCount;

    public BlkBlockDevice(int device, ulong sectorCount)
    {
        _device = device;
        _sectorCount = sectorCount;
    }

    public override ulong SectorCount => _sectorCount;

    public override long Read(ulong sector, uint count, byte* buffer) => BlkClient.Read(_device, sector, count, buffer);

    public override long Write(ulong sector, uint count, byte* buffer) => BlkClient.Write(_device, sector, count, buffer);

    public override long Flush() => BlkClient.Flush(_device);
}
