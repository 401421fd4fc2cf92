namespace Ocean.Loader.Multiboot;

using Ocean.Kernel.Boot.Limine;

/// <summary>A physical range and what the firmware (or the loader) says it is.</summary>
public struct PhysicalRange
{
    public ulong Base;
    public ulong Length;
    public LimineMemoryType Type;

    public PhysicalRange(ulong @base, ulong length, LimineMemoryType type)
    {
        Base = @base;
        Length = length;
        Type = type;
    }

    public ulong End => Base + Length;
}

/// <summary>A file the Multiboot loader put in memory, with its command string copied out.</summary>
public struct BootModule
{
    public ulong Start;
    public ulong End;
    /// <summary>ASCII, no terminator. By Ocean's convention the first word is the module's path.</summary>
    public byte[] String;
}

/// <summary>A linear framebuffer the Multiboot loader set up (direct RGB only).</summary>
public struct FramebufferInfo
{
    public ulong Address;
    public uint Pitch, Width, Height;
    public byte BitsPerPixel;
    public byte RedShift, RedSize, GreenShift, GreenSize, BlueShift, BlueSize;
}

/// <summary>
/// Everything the loader needs from the Multiboot information, copied out of it so the memory
/// that held it can be reused.
/// </summary>
public sealed class BootEnvironment
{
    public const int MaxRanges = 256;
    public const int MaxModules = 64;
    // Copied RSDP (Multiboot 2 ACPI tags): the v2 structure is 36 bytes.
    public const int MaxRsdpLength = 36;

    public readonly PhysicalRange[] Ranges = new PhysicalRange[MaxRanges];
    public int RangeCount;

    public readonly BootModule[] Modules = new BootModule[MaxModules];
    public int ModuleCount;

    public bool HasFramebuffer;
    public FramebufferInfo Framebuffer;

    /// <summary>The RSDP copied from the info (Multiboot 2), if any.</summary>
    public readonly byte[] RsdpCopy = new byte[MaxRsdpLength];
    public int RsdpLength;

    /// <summary>Set when the info structure could not be understood; a human-readable reason.</summary>
    public string Error;

    public void AddRange(ulong @base, ulong length, LimineMemoryType type)
    {
        if (RangeCount < MaxRanges && length != 0)
            Ranges[RangeCount++] = new PhysicalRange(@base, length, type);
    }

    public void AddModule(ulong start, ulong end, byte[] text)
    {
        if (ModuleCount < MaxModules)
            Modules[ModuleCount++] = new BootModule { Start = start, End = end, String = text };
    }

    /// <summary>Maps a Multiboot memory type (shared by versions 1 and 2) to Limine's.</summary>
    public static LimineMemoryType FromMultibootType(uint type) => type switch
    {
        1 => LimineMemoryType.Usable,
        3 => LimineMemoryType.AcpiReclaimable,
        4 => LimineMemoryType.AcpiNvs,
        5 => LimineMemoryType.BadMemory,
        _ => LimineMemoryType.Reserved,
    };
}
