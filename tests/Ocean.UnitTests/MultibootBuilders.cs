#nullable enable
namespace Ocean.UnitTests;

using System.Text;

/// <summary>Builds a Multiboot 2 boot information structure: total size, reserved, then 8-byte aligned tags.</summary>
internal sealed class Multiboot2Builder
{
    public const uint TagEnd = 0, TagCmdline = 1, TagLoaderName = 2, TagModule = 3, TagBasicMemory = 4,
        TagMemoryMap = 6, TagFramebuffer = 8, TagAcpiOld = 14, TagAcpiNew = 15;

    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _writer;

    public Multiboot2Builder()
    {
        _writer = new BinaryWriter(_stream);
        _writer.Write(0u);   // total_size, filled in by Build
        _writer.Write(0u);   // reserved
    }

    /// <summary>Offset of the next tag.</summary>
    public int Position => (int)_stream.Length;

    /// <summary>A tag whose size field is <paramref name="sizeField"/> whatever its payload (for malformed tags).</summary>
    public Multiboot2Builder RawTag(uint type, uint sizeField, ReadOnlySpan<byte> payload)
    {
        _writer.Write(type);
        _writer.Write(sizeField);
        _writer.Write(payload);
        Align();
        return this;
    }

    public Multiboot2Builder Tag(uint type, ReadOnlySpan<byte> payload) => RawTag(type, (uint)(8 + payload.Length), payload);

    public Multiboot2Builder Module(uint start, uint end, string text) =>
        Tag(TagModule, Payload(w =>
        {
            w.Write(start);
            w.Write(end);
            w.Write(Encoding.ASCII.GetBytes(text));
            w.Write((byte)0);
        }));

    public Multiboot2Builder MemoryMap(params (ulong Base, ulong Length, uint Type)[] entries) => MemoryMap(24, entries);

    /// <summary>Entries of <paramref name="entrySize"/> bytes (24, or larger in a future version: the rest is padding).</summary>
    public Multiboot2Builder MemoryMap(uint entrySize, params (ulong Base, ulong Length, uint Type)[] entries) =>
        Tag(TagMemoryMap, Payload(w =>
        {
            w.Write(entrySize);
            w.Write(0u);   // entry_version
            foreach (var (@base, length, type) in entries)
            {
                w.Write(@base);
                w.Write(length);
                w.Write(type);
                w.Write(new byte[entrySize - 20]);
            }
        }));

    public Multiboot2Builder Framebuffer(ulong address, uint pitch, uint width, uint height, byte bpp, byte type, byte[] colorInfo) =>
        Tag(TagFramebuffer, Payload(w =>
        {
            w.Write(address);
            w.Write(pitch);
            w.Write(width);
            w.Write(height);
            w.Write(bpp);
            w.Write(type);
            w.Write((ushort)0);   // reserved
            w.Write(colorInfo);
        }));

    /// <summary>A direct-RGB framebuffer: 32 bpp, red 16, green 8, blue 0 (each 8 bits), plus GRUB's padding.</summary>
    public Multiboot2Builder FramebufferRgb(ulong address = 0xFD000000, uint pitch = 4096, uint width = 1024, uint height = 768) =>
        Framebuffer(address, pitch, width, height, 32, 1, [16, 8, 8, 8, 0, 8, 0, 0]);

    public Multiboot2Builder End()
    {
        _writer.Write(TagEnd);
        _writer.Write(8u);
        return this;
    }

    public Multiboot2Builder Bytes(ReadOnlySpan<byte> raw)
    {
        _writer.Write(raw);
        return this;
    }

    /// <summary>The structure, its total_size field set to its length (or <paramref name="totalSize"/>).</summary>
    public byte[] Build(uint? totalSize = null)
    {
        byte[] info = _stream.ToArray();
        Patch.U32(info, 0, totalSize ?? (uint)info.Length);
        return info;
    }

    private void Align()
    {
        while (_stream.Length % 8 != 0)
            _writer.Write((byte)0);
    }

    private static byte[] Payload(Action<BinaryWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            write(writer);
        return stream.ToArray();
    }
}

/// <summary>
/// Builds a Multiboot 1 information structure (116 bytes, up to the colour info) whose pointers
/// (memory map, modules, module strings) point into <see cref="LowMemory"/>.
/// </summary>
internal sealed unsafe class Multiboot1Builder
{
    public const uint FlagMemory = 1 << 0, FlagCmdline = 1 << 2, FlagModules = 1 << 3, FlagMemoryMap = 1 << 6, FlagFramebuffer = 1 << 12;
    public const int Size = 116;

    public readonly byte[] Info = new byte[Size];
    private readonly LowMemory? _low;

    public Multiboot1Builder(LowMemory? low = null) => _low = low;

    private LowMemory Low => _low ?? throw new InvalidOperationException("this structure needs a LowMemory");

    public uint Flags
    {
        get => BitConverter.ToUInt32(Info, 0);
        set => Patch.U32(Info, 0, value);
    }

    /// <summary>Sets the memory map flag and fields; entries use the standard 20-byte size field.</summary>
    public Multiboot1Builder MemoryMap(params (ulong Base, ulong Length, uint Type)[] entries) =>
        MemoryMapRaw(entries.Select(e => (20u, e.Base, e.Length, e.Type)).ToArray());

    public Multiboot1Builder MemoryMapRaw(params (uint Size, ulong Base, ulong Length, uint Type)[] entries)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        foreach (var (size, @base, length, type) in entries)
        {
            w.Write(size);
            w.Write(@base);
            w.Write(length);
            w.Write(type);
            if (size > 20 && size < 4096)
                w.Write(new byte[size - 20]);
        }
        byte[] mmap = stream.ToArray();
        return MemoryMapAt(mmap.Length == 0 ? 0 : Low.Put(mmap), (uint)mmap.Length);
    }

    public Multiboot1Builder MemoryMapAt(uint address, uint length)
    {
        Flags |= FlagMemoryMap;
        Patch.U32(Info, 44, length);
        Patch.U32(Info, 48, address);
        return this;
    }

    /// <summary>Sets the modules flag; each module's string is stored NUL-terminated in low memory (null: a null pointer).</summary>
    public Multiboot1Builder Modules(params (uint Start, uint End, string? Text)[] modules)
    {
        var table = new byte[modules.Length * 16];
        for (int i = 0; i < modules.Length; i++)
        {
            Patch.U32(table, i * 16, modules[i].Start);
            Patch.U32(table, i * 16 + 4, modules[i].End);
            uint text = modules[i].Text == null ? 0 : Low.Put(Encoding.ASCII.GetBytes(modules[i].Text + "\0"));
            Patch.U32(table, i * 16 + 8, text);
        }
        Flags |= FlagModules;
        Patch.U32(Info, 20, (uint)modules.Length);
        Patch.U32(Info, 24, table.Length == 0 ? 0 : Low.Put(table));
        return this;
    }

    public Multiboot1Builder Framebuffer(ulong address, uint pitch, uint width, uint height, byte bpp, byte type, ReadOnlySpan<byte> colorInfo)
    {
        Flags |= FlagFramebuffer;
        Patch.U64(Info, 88, address);
        Patch.U32(Info, 96, pitch);
        Patch.U32(Info, 100, width);
        Patch.U32(Info, 104, height);
        Info[108] = bpp;
        Info[109] = type;
        colorInfo.CopyTo(Info.AsSpan(110));
        return this;
    }
}
