namespace Ocean.Servers.Ext2;

/// <summary>
/// The block device a volume lives on, as plain function pointers (Ocean has no interface dispatch):
/// the server fills it with calls to the block server, the host tests with a memory image. Each
/// operation returns 0 or a negative errno; sectors are <see cref="SectorSize"/> bytes.
/// </summary>
public unsafe struct BlockDevice
{
    public const int SectorSize = 512;

    /// <summary>Handed back to every operation (the implementation's state).</summary>
    public void* Context;
    /// <summary>The device's size in sectors.</summary>
    public ulong SectorCount;
    /// <summary>Reads <c>count</c> sectors from <c>sector</c> into the buffer.</summary>
    public delegate*<void*, ulong, uint, byte*, long> Read;
    /// <summary>Writes <c>count</c> sectors from the buffer to <c>sector</c>.</summary>
    public delegate*<void*, ulong, uint, byte*, long> Write;
    /// <summary>Makes everything written so far durable.</summary>
    public delegate*<void*, long> Flush;
}
