namespace Ocean.Servers.Ext2;

/// <summary>A <see cref="BlockDevice"/> on one device of the block server, through <see cref="BlkClient"/>.</summary>
internal static unsafe class BlkBlockDevice
{
    /// <summary>The device index travels as the context pointer: there is no other state.</summary>
    public static BlockDevice For(int device, ulong sectorCount) => new BlockDevice
    {
        Context = (void*)(nuint)device,
        SectorCount = sectorCount,
        Read = &Read,
        Write = &Write,
        Flush = &Flush,
    };

    private static long Read(void* context, ulong sector, uint count, byte* buffer) => BlkClient.Read((int)(nuint)context, sector, count, buffer);

    private static long Write(void* context, ulong sector, uint count, byte* buffer) => BlkClient.Write((int)(nuint)context, sector, count, buffer);

    private static long Flush(void* context) => BlkClient.Flush((int)(nuint)context);
}
