#nullable enable
namespace Ocean.UnitTests;

using System.Buffers.Binary;

/// <summary>Builds small ELF64 x86-64 executables in memory: header, program headers, then each segment's bytes.</summary>
internal sealed class ElfBuilder
{
    public const uint PtNull = 0, PtLoad = 1, PtDynamic = 2, PtNote = 4;
    public const uint R = 4, W = 2, X = 1;
    public const int HeaderSize = 64, ProgramHeaderSize = 56;

    public sealed record Segment(uint Type, uint Flags, ulong VirtualAddress, ulong FileSize, ulong MemorySize)
    {
        /// <summary>Overrides where the program header says the data is (null: where the builder put it).</summary>
        public ulong? FileOffset { get; init; }
    }

    public ulong Entry { get; set; }
    public ushort Type { get; set; } = 2;         // ET_EXEC
    public ushort Machine { get; set; } = 62;     // EM_X86_64
    public ushort ProgramHeaderEntrySize { get; set; } = ProgramHeaderSize;
    public List<Segment> Segments { get; } = new();

    public ElfBuilder Load(uint flags, ulong virtualAddress, ulong fileSize, ulong memorySize) =>
        Add(new Segment(PtLoad, flags, virtualAddress, fileSize, memorySize));

    public ElfBuilder Add(Segment segment)
    {
        Segments.Add(segment);
        return this;
    }

    /// <summary>Where segment <paramref name="index"/>'s data lands in the built file.</summary>
    public ulong DataOffset(int index)
    {
        ulong offset = (ulong)(HeaderSize + Segments.Count * ProgramHeaderEntrySize);
        for (int i = 0; i < index; i++)
            offset += Segments[i].FileSize;
        return offset;
    }

    public byte[] Build()
    {
        ulong size = DataOffset(Segments.Count);
        var file = new byte[size];
        Span<byte> span = file;
        // e_ident
        span[0] = 0x7F; span[1] = (byte)'E'; span[2] = (byte)'L'; span[3] = (byte)'F';
        span[4] = 2;    // ELFCLASS64
        span[5] = 1;    // ELFDATA2LSB
        span[6] = 1;    // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], HeaderSize);        // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], HeaderSize);        // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], ProgramHeaderEntrySize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], (ushort)Segments.Count);
        for (int i = 0; i < Segments.Count; i++)
        {
            Segment s = Segments[i];
            Span<byte> ph = span.Slice(HeaderSize + i * ProgramHeaderEntrySize, ProgramHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(ph, s.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], s.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[8..], s.FileOffset ?? DataOffset(i));
            BinaryPrimitives.WriteUInt64LittleEndian(ph[16..], s.VirtualAddress);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[24..], s.VirtualAddress);  // p_paddr
            BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], s.FileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], s.MemorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[48..], 0x1000);
            // Recognisable segment contents.
            span.Slice((int)DataOffset(i), (int)s.FileSize).Fill((byte)(0xA0 + i));
        }
        return file;
    }
}

/// <summary>Little-endian patching of built binary images.</summary>
internal static class Patch
{
    public static void U16(byte[] data, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(offset), value);
    public static void U32(byte[] data, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(offset), value);
    public static void U64(byte[] data, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(offset), value);
}
