namespace Ocean.Libc.Unwind;

/// <summary>
/// A program's method names by address, as build/Ocean.Image.targets writes them into the
/// <c>.ocean_symbols</c> section at link time: a 64-bit count, then one entry per method sorted by
/// address (a 64-bit start, a 32-bit name offset and length into the names that follow the entries),
/// then the names (ASCII). Stack traces name their frames with it. Host tests compile this file as it is.
/// </summary>
public readonly unsafe struct SymbolTable
{
    private const int EntryBytes = 16;
    private readonly byte* _start;
    private readonly byte* _end;

    public SymbolTable(byte* start, byte* end)
    {
        _start = start;
        _end = end;
    }

    private ulong Count => _end - _start < sizeof(ulong) ? 0 : *(ulong*)_start;

    /// <summary>
    /// The method that starts at or last before <paramref name="address"/>: its name and the address's
    /// offset into it; false when the table is empty or malformed, or the address lies before every method.
    /// </summary>
    public bool TryFind(ulong address, out byte* name, out int length, out ulong offset)
    {
        name = null;
        length = 0;
        offset = 0;
        ulong count = Count;
        byte* entries = _start + sizeof(ulong);
        byte* names = entries + count * EntryBytes;
        if (count == 0 || names > _end)
            return false;
        // The last entry whose address is at most the one asked for.
        ulong low = 0, high = count;
        while (low < high)
        {
            ulong middle = low + (high - low) / 2;
            if (*(ulong*)(entries + middle * EntryBytes) <= address)
                low = middle + 1;
            else
                high = middle;
        }
        if (low == 0)
            return false;
        byte* entry = entries + (low - 1) * EntryBytes;
        uint nameOffset = *(uint*)(entry + 8), nameLength = *(uint*)(entry + 12);
        if (names + nameOffset + nameLength > _end)
            return false;
        name = names + nameOffset;
        length = (int)nameLength;
        offset = address - *(ulong*)entry;
        return true;
    }
}
