namespace Ocean.Loader.Limine;

using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Memory;

/// <summary>
/// Places response structures in bootloader-reclaimable memory and hands out their HHDM addresses
/// (the protocol gives the kernel only HHDM pointers).
/// </summary>
public unsafe sealed class ResponseWriter
{
    private const ulong StructAlignment = 16;

    private readonly PhysicalBump _memory;
    public readonly ulong HhdmOffset;

    public ResponseWriter(PhysicalBump memory, ulong hhdmOffset)
    {
        _memory = memory;
        HhdmOffset = hhdmOffset;
    }

    /// <summary>Zeroed memory for a structure; the pointer is physical (the loader's view).</summary>
    public T* New<T>() where T : unmanaged => (T*)Allocate((ulong)sizeof(T));

    public void* Allocate(ulong size)
    {
        ulong physical = _memory.Allocate(size, StructAlignment);
        if (physical == 0)
            Loader.Fail("out of memory for boot responses");
        return (void*)physical;
    }

    /// <summary>The kernel's view of a structure the loader wrote.</summary>
    public T* ToHhdm<T>(T* physical) where T : unmanaged => physical == null ? null : (T*)((ulong)physical + HhdmOffset);

    public void* ToHhdm(void* physical) => physical == null ? null : (void*)((ulong)physical + HhdmOffset);

    /// <summary>Copies ASCII text into a NUL-terminated string and returns its HHDM address.</summary>
    public byte* String(byte[] text, int start, int length)
    {
        byte* copy = (byte*)Allocate((ulong)length + 1);
        for (int i = 0; i < length; i++)
            copy[i] = text[start + i];
        return (byte*)ToHhdm(copy);
    }

    public byte* String(string text)
    {
        byte* copy = (byte*)Allocate((ulong)text.Length + 1);
        for (int i = 0; i < text.Length; i++)
            copy[i] = (byte)text[i];
        return (byte*)ToHhdm(copy);
    }
}
