namespace Ocean.Kernel.Lib;

/// <summary>One PT_LOAD segment of an ELF64 executable.</summary>
public struct ElfSegment
{
    public ulong FileOffset;
    public ulong FileSize;
    public ulong VirtualAddress;
    public ulong MemorySize;
    public uint Flags;

    public const uint Execute = 1, Write = 2, Read = 4;

    public bool IsWritable => (Flags & Write) != 0;
    public bool IsExecutable => (Flags & Execute) != 0;
}

/// <summary>
/// A validated ELF64 x86-64 executable: every header field and segment bound is checked before
/// anything is read through it. <see cref="Error"/> says what is wrong, or is null.
/// </summary>
public sealed unsafe class ElfImage
{
    public const int MaxSegments = 16;

    private const uint Magic = 0x464C457F;        // "\x7FELF" little-endian
    private const byte ClassElf64 = 2;
    private const byte DataLittleEndian = 1;
    private const byte CurrentVersion = 1;
    private const ushort TypeExecutable = 2;
    private const ushort MachineX86_64 = 62;
    private const uint ProgramHeaderLoad = 1;
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const ulong PageSize = 4096;

    public readonly ElfSegment[] Segments = new ElfSegment[MaxSegments];
    public int SegmentCount;
    public ulong Entry;
    public string Error;

    /// <summary>Lowest virtual address of any segment, rounded down to a page.</summary>
    public ulong ImageStart;
    /// <summary>End of the highest segment in memory, rounded up to a page.</summary>
    public ulong ImageEnd;

    /// <summary>
    /// Validates the file at <paramref name="file"/> (<paramref name="size"/> bytes). Segments must lie
    /// within [<paramref name="lowestAddress"/>, <paramref name="highestAddress"/>): the kernel's half
    /// of the address space for the kernel, the user program area for programs.
    /// </summary>
    public static ElfImage Parse(byte* file, ulong size, ulong lowestAddress, ulong highestAddress = ulong.MaxValue)
    {
        var image = new ElfImage();
        image.Error = image.Validate(file, size, lowestAddress, highestAddress);
        return image;
    }

    private string Validate(byte* file, ulong size, ulong lowestAddress, ulong highestAddress)
    {
        if (file == null || size < HeaderSize)
            return "file too small for an ELF header";
        if (*(uint*)file != Magic)
            return "not an ELF file (bad magic)";
        if (file[4] != ClassElf64)
            return "not a 64-bit ELF file";
        if (file[5] != DataLittleEndian)
            return "not a little-endian ELF file";
        if (file[6] != CurrentVersion)
            return "unknown ELF version";
        if (*(ushort*)(file + 16) != TypeExecutable)
            return "not an executable ELF file (ET_EXEC)";
        if (*(ushort*)(file + 18) != MachineX86_64)
            return "not an x86-64 ELF file";
        Entry = *(ulong*)(file + 24);
        ulong phOffset = *(ulong*)(file + 32);
        ushort phEntrySize = *(ushort*)(file + 54);
        ushort phCount = *(ushort*)(file + 56);
        if (phEntrySize < ProgramHeaderSize)
            return "program header entries too small";
        if (phCount == 0)
            return "no program headers";
        if (phOffset > size || (ulong)phCount * phEntrySize > size - phOffset)
            return "program headers run past the end of the file";

        ImageStart = ulong.MaxValue;
        ImageEnd = 0;
        bool entryInExecutableSegment = false;
        for (int i = 0; i < phCount; i++)
        {
            byte* ph = file + phOffset + (ulong)i * phEntrySize;
            if (*(uint*)ph != ProgramHeaderLoad)
                continue;
            if (SegmentCount == MaxSegments)
                return "too many loadable segments";
            var segment = new ElfSegment
            {
                Flags = *(uint*)(ph + 4),
                FileOffset = *(ulong*)(ph + 8),
                VirtualAddress = *(ulong*)(ph + 16),
                FileSize = *(ulong*)(ph + 32),
                MemorySize = *(ulong*)(ph + 40),
            };
            if (segment.FileSize > segment.MemorySize)
                return "segment file size exceeds its memory size";
            if (segment.FileOffset > size || segment.FileSize > size - segment.FileOffset)
                return "segment data runs past the end of the file";
            if (segment.VirtualAddress < lowestAddress)
                return "segment below the allowed address range";
            // The page-rounded end must still fit in 64 bits.
            if (segment.VirtualAddress > ulong.MaxValue - (PageSize - 1) ||
                segment.MemorySize > ulong.MaxValue - (PageSize - 1) - segment.VirtualAddress)
                return "segment wraps around the address space";
            if (highestAddress != ulong.MaxValue && segment.VirtualAddress + segment.MemorySize > highestAddress)
                return "segment above the allowed address range";
            if (segment.IsWritable && segment.IsExecutable)
                return "segment is both writable and executable";
            for (int j = 0; j < SegmentCount; j++)
                if (Overlaps(Segments[j], segment))
                    return "segments overlap";
            Segments[SegmentCount++] = segment;
            ulong start = segment.VirtualAddress & ~(PageSize - 1);
            ulong end = (segment.VirtualAddress + segment.MemorySize + PageSize - 1) & ~(PageSize - 1);
            if (start < ImageStart)
                ImageStart = start;
            if (end > ImageEnd)
                ImageEnd = end;
            if (segment.IsExecutable && Entry >= segment.VirtualAddress && Entry < segment.VirtualAddress + segment.MemorySize)
                entryInExecutableSegment = true;
        }
        if (SegmentCount == 0)
            return "no loadable segments";
        if (!entryInExecutableSegment)
            return "entry point is not in an executable segment";
        return null;
    }

    // Segments share no page: each page gets exactly one segment's permissions.
    private static bool Overlaps(ElfSegment a, ElfSegment b)
    {
        ulong aStart = a.VirtualAddress & ~(PageSize - 1), aEnd = (a.VirtualAddress + a.MemorySize + PageSize - 1) & ~(PageSize - 1);
        ulong bStart = b.VirtualAddress & ~(PageSize - 1), bEnd = (b.VirtualAddress + b.MemorySize + PageSize - 1) & ~(PageSize - 1);
        return aStart < bEnd && bStart < aEnd;
    }
}
