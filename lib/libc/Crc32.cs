namespace Ocean.Libc;

/// <summary>
/// CRC-32 as GPT, zlib and Ethernet use it (IEEE 802.3: reflected polynomial 0xEDB88320, initial and
/// final XOR with all ones), a byte at a time through a 256-entry table made on first use.
/// </summary>
public static unsafe class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;
    private const uint AllOnes = 0xFFFFFFFF;
    private const int TableSize = 256;

    private static uint[] _table;

    /// <summary>The running value before any byte; feed it to <see cref="Update"/>, end with <see cref="Finish"/>.</summary>
    public static uint Begin() => AllOnes;

    public static uint Update(uint crc, byte* data, int length)
    {
        if (_table == null)
            _table = MakeTable();
        uint[] table = _table;
        for (int i = 0; i < length; i++)
            crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    /// <summary>The same over the first <paramref name="count"/> bytes of <paramref name="data"/>.</summary>
    public static uint Update(uint crc, byte[] data, int count)
    {
        if ((uint)count > (uint)data.Length)
            count = data.Length;
        fixed (byte* bytes = data)
            return Update(crc, bytes, count);
    }

    public static uint Finish(uint crc) => crc ^ AllOnes;

    public static uint Compute(byte* data, int length) => Finish(Update(Begin(), data, length));

    private static uint[] MakeTable()
    {
        var table = new uint[TableSize];
        for (uint value = 0; value < TableSize; value++)
        {
            uint crc = value;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            table[value] = crc;
        }
        return table;
    }
}
