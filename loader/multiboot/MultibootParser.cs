namespace Ocean.Loader.Multiboot;

/// <summary>
/// Reads Multiboot 1 and Multiboot 2 information structures into a <see cref="BootEnvironment"/>.
/// Every offset read is checked against the structure's bounds; text is copied out.
/// </summary>
public static unsafe class MultibootParser
{
    public const uint Multiboot1Magic = 0x2BADB002;
    public const uint Multiboot2Magic = 0x36D76289;

    // Multiboot 1 info: flag bits and field offsets.
    private const uint Mb1FlagModules = 1 << 3;
    private const uint Mb1FlagMemoryMap = 1 << 6;
    private const uint Mb1FlagFramebuffer = 1 << 12;
    private const int Mb1ModsCount = 20, Mb1ModsAddr = 24, Mb1MmapLength = 44, Mb1MmapAddr = 48;
    private const int Mb1FramebufferAddr = 88, Mb1FramebufferPitch = 96, Mb1FramebufferWidth = 100;
    private const int Mb1FramebufferHeight = 104, Mb1FramebufferBpp = 108, Mb1FramebufferType = 109, Mb1ColorInfo = 110;
    private const int Mb1ModuleEntrySize = 16;
    private const int Mb1InfoSize = 116;
    private const uint Mb1MmapEntryMinimum = 20;
    private const uint Mb2ModuleTagMinimum = 16;

    // Multiboot 2 tags.
    private const uint Mb2TagEnd = 0, Mb2TagModule = 3, Mb2TagMemoryMap = 6, Mb2TagFramebuffer = 8;
    private const uint Mb2TagAcpiOld = 14, Mb2TagAcpiNew = 15;
    private const int Mb2TagsOffset = 8;
    private const int Mb2MmapEntriesOffset = 16;
    private const int Mb2FramebufferColorInfo = 32;

    private const byte FramebufferTypeRgb = 1;

    /// <summary>
    /// Parses the structure at <paramref name="info"/>. <paramref name="limit"/> bounds the info
    /// structure (the host tests pass the buffer size; the loader passes the largest plausible size);
    /// Multiboot 1's memory map and module list live elsewhere and are bounded by their own lengths.
    /// </summary>
    public static BootEnvironment Parse(uint magic, byte* info, ulong limit)
    {
        var env = new BootEnvironment();
        if (magic == Multiboot1Magic)
            ParseMultiboot1(info, limit, env);
        else if (magic == Multiboot2Magic)
            ParseMultiboot2(info, limit, env);
        else
            env.Error = "not started by a Multiboot loader (unknown magic in EAX)";
        return env;
    }

    private static void ParseMultiboot1(byte* info, ulong limit, BootEnvironment env)
    {
        if (limit < Mb1InfoSize)
        {
            env.Error = "Multiboot 1 info is truncated";
            return;
        }
        uint flags = *(uint*)info;
        if ((flags & Mb1FlagMemoryMap) == 0)
        {
            env.Error = "Multiboot 1 info has no memory map";
            return;
        }
        uint mmapLength = *(uint*)(info + Mb1MmapLength);
        byte* mmap = (byte*)(ulong)*(uint*)(info + Mb1MmapAddr);
        // Each entry starts with its own size (not counting the size field); 64-bit arithmetic so a
        // hostile size cannot wrap the walk around.
        for (ulong offset = 0; offset + 24 <= mmapLength;)
        {
            byte* entry = mmap + offset;
            uint size = *(uint*)entry;
            if (size < Mb1MmapEntryMinimum)
                break;
            env.AddRange(*(ulong*)(entry + 4), *(ulong*)(entry + 12), BootEnvironment.FromMultibootType(*(uint*)(entry + 20)));
            offset += (ulong)size + 4;
        }

        if ((flags & Mb1FlagModules) != 0)
        {
            uint count = *(uint*)(info + Mb1ModsCount);
            byte* mods = (byte*)(ulong)*(uint*)(info + Mb1ModsAddr);
            for (uint i = 0; i < count; i++)
            {
                byte* module = mods + i * Mb1ModuleEntrySize;
                env.AddModule(*(uint*)module, *(uint*)(module + 4), CopyString((byte*)(ulong)*(uint*)(module + 8), 4096));
            }
        }

        if ((flags & Mb1FlagFramebuffer) != 0 && info[Mb1FramebufferType] == FramebufferTypeRgb)
        {
            env.HasFramebuffer = true;
            env.Framebuffer = ReadFramebuffer(*(ulong*)(info + Mb1FramebufferAddr), *(uint*)(info + Mb1FramebufferPitch),
                *(uint*)(info + Mb1FramebufferWidth), *(uint*)(info + Mb1FramebufferHeight), info[Mb1FramebufferBpp], info + Mb1ColorInfo);
        }
    }

    private static void ParseMultiboot2(byte* info, ulong limit, BootEnvironment env)
    {
        uint totalSize = *(uint*)info;
        if (totalSize < 16 || totalSize > limit)
        {
            env.Error = "Multiboot 2 info has an impossible size";
            return;
        }
        bool sawMemoryMap = false;
        for (uint offset = Mb2TagsOffset; offset + 8 <= totalSize;)
        {
            byte* tag = info + offset;
            uint type = *(uint*)tag;
            uint size = *(uint*)(tag + 4);
            if (type == Mb2TagEnd)
                break;
            if (size < 8 || (ulong)offset + size > totalSize)
            {
                env.Error = "Multiboot 2 tag runs past the end of the info";
                return;
            }
            switch (type)
            {
                case Mb2TagModule:
                    if (size < Mb2ModuleTagMinimum)
                    {
                        env.Error = "Multiboot 2 module tag is too small";
                        return;
                    }
                    env.AddModule(*(uint*)(tag + 8), *(uint*)(tag + 12), CopyString(tag + 16, size - Mb2ModuleTagMinimum));
                    break;
                case Mb2TagMemoryMap:
                    sawMemoryMap = true;
                    uint entrySize = *(uint*)(tag + 8);
                    if (entrySize < 24)
                        break;
                    for (ulong e = Mb2MmapEntriesOffset; e + entrySize <= size; e += entrySize)
                        env.AddRange(*(ulong*)(tag + e), *(ulong*)(tag + e + 8), BootEnvironment.FromMultibootType(*(uint*)(tag + e + 16)));
                    break;
                case Mb2TagFramebuffer:
                    if (size >= Mb2FramebufferColorInfo + 6 && tag[29] == FramebufferTypeRgb)
                    {
                        env.HasFramebuffer = true;
                        env.Framebuffer = ReadFramebuffer(*(ulong*)(tag + 8), *(uint*)(tag + 16), *(uint*)(tag + 20),
                            *(uint*)(tag + 24), tag[28], tag + Mb2FramebufferColorInfo);
                    }
                    break;
                case Mb2TagAcpiOld:
                case Mb2TagAcpiNew:
                    // Prefer the ACPI 2.0 copy when both are present.
                    if (env.RsdpLength == 0 || type == Mb2TagAcpiNew)
                    {
                        uint length = size - 8 < BootEnvironment.MaxRsdpLength ? size - 8 : BootEnvironment.MaxRsdpLength;
                        for (int i = 0; i < length; i++)
                            env.RsdpCopy[i] = tag[8 + i];
                        env.RsdpLength = (int)length;
                    }
                    break;
            }
            offset = (uint)(((ulong)offset + size + 7) & ~7UL);
        }
        if (!sawMemoryMap)
            env.Error = "Multiboot 2 info has no memory map";
    }

    // Multiboot 1 and 2 share the RGB colour-info layout: position then size, for red, green, blue.
    private static FramebufferInfo ReadFramebuffer(ulong address, uint pitch, uint width, uint height, byte bpp, byte* color) => new()
    {
        Address = address,
        Pitch = pitch,
        Width = width,
        Height = height,
        BitsPerPixel = bpp,
        RedShift = color[0],
        RedSize = color[1],
        GreenShift = color[2],
        GreenSize = color[3],
        BlueShift = color[4],
        BlueSize = color[5],
    };

    /// <summary>Copies a NUL-terminated string of at most <paramref name="max"/> bytes.</summary>
    public static byte[] CopyString(byte* text, ulong max)
    {
        if (text == null)
            return new byte[0];
        int length = 0;
        while ((ulong)length < max && text[length] != 0)
            length++;
        var copy = new byte[length];
        for (int i = 0; i < length; i++)
            copy[i] = text[i];
        return copy;
    }
}
