namespace Ocean.Servers.Blk;

/// <summary>
/// CRC-32 as GPT uses it (IEEE 802.3, reflected polynomial 0xEDB88320, initial and final XOR with all
/// ones), computed bit by bit: partition tables are read once per boot, so no table is worth its memory.
/// </summary>
public static unsafe class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;
    private const uint AllOnes = 0xFFFFFFFF;

    /// <summary>The running value before any byte; feed it to <see cref="Update"/>, end with <see cref="Finish"/>.</summary>
    public static uint Begin() => AllOnes;

    public static uint Update(uint crc, byte* data, int length)
    {
        for (int i = 0; i < length; i++)
        {
            crc ^= data[i];
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
        }
        return crc;
    }

    public static uint Finish(uint crc) => crc ^ AllOnes;

    public static uint Compute(byte* data, int length) => Finish(Update(Begin(), data, length));
}
