namespace Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// Symbol names for backtraces, from the kernel's own ELF file as the bootloader loaded it (the
/// .symtab that ilc and NASM emit). Without it, addresses are printed bare.
/// </summary>
public static unsafe class KernelSymbols
{
    private const uint SectionSymbolTable = 2;
    private const int SymbolSize = 24;
    private const byte TypeMask = 0xF, TypeFunction = 2, TypeNone = 0;

    private static byte* _symbols;
    private static ulong _symbolCount;
    private static byte* _strings;
    private static ulong _stringsSize;

    /// <summary>Finds .symtab and its string table in the ELF file at <paramref name="elf"/>.</summary>
    public static void Initialize(byte* elf, ulong size)
    {
        if (elf == null || size < 64)
            return;
        ulong sectionOffset = *(ulong*)(elf + 40);
        ushort sectionEntrySize = *(ushort*)(elf + 58);
        ushort sectionCount = *(ushort*)(elf + 60);
        if (sectionEntrySize < 64 || sectionOffset > size || (ulong)sectionCount * sectionEntrySize > size - sectionOffset)
            return;
        for (int i = 0; i < sectionCount; i++)
        {
            byte* section = elf + sectionOffset + (ulong)i * sectionEntrySize;
            if (*(uint*)(section + 4) != SectionSymbolTable)
                continue;
            ulong offset = *(ulong*)(section + 24), length = *(ulong*)(section + 32);
            uint link = *(uint*)(section + 40);
            if (link >= sectionCount || offset > size || length > size - offset)
                return;
            byte* strings = elf + sectionOffset + (ulong)link * sectionEntrySize;
            ulong stringOffset = *(ulong*)(strings + 24), stringLength = *(ulong*)(strings + 32);
            if (stringOffset > size || stringLength > size - stringOffset)
                return;
            _symbols = elf + offset;
            _symbolCount = length / SymbolSize;
            _strings = elf + stringOffset;
            _stringsSize = stringLength;
            return;
        }
    }

    /// <summary>The function symbol at or below <paramref name="address"/>, and the distance from it.</summary>
    public static bool Lookup(ulong address, out byte* name, out ulong offset)
    {
        name = null;
        offset = 0;
        ulong best = 0;
        for (ulong i = 0; i < _symbolCount; i++)
        {
            byte* symbol = _symbols + i * SymbolSize;
            byte type = (byte)(symbol[4] & TypeMask);
            ulong value = *(ulong*)(symbol + 8);
            uint nameOffset = *(uint*)symbol;
            if ((type != TypeFunction && type != TypeNone) || value == 0 || value > address || value < best ||
                nameOffset == 0 || nameOffset >= _stringsSize)
                continue;
            best = value;
            name = _strings + nameOffset;
        }
        offset = address - best;
        return name != null;
    }
}
