namespace Ocean.Kernel.Lib;

/// <summary>
/// Integer-to-text conversion into a caller's buffer: no allocation, no dependency on a runtime,
/// so the kernel, the loader and the host tests all use this same code.
/// </summary>
public static unsafe class NumberFormat
{
    /// <summary>Enough for a 64-bit value in binary plus a sign.</summary>
    public const int MaxDigits = 65;

    private const string DigitChars = "0123456789abcdef";

    /// <summary>
    /// Writes <paramref name="value"/> in <paramref name="radix"/> (2..16), at least
    /// <paramref name="minDigits"/> digits with leading zeros, and returns the number of characters.
    /// </summary>
    public static int FormatUnsigned(ulong value, uint radix, int minDigits, char* buffer)
    {
        if (radix < 2 || radix > 16)
            radix = 10;
        if (minDigits > MaxDigits - 1)
            minDigits = MaxDigits - 1;
        char* scratch = stackalloc char[MaxDigits];
        int count = 0;
        do
        {
            scratch[count++] = DigitChars[(int)(value % radix)];
            value /= radix;
        }
        while (value != 0);
        while (count < minDigits)
            scratch[count++] = '0';
        for (int i = 0; i < count; i++)
            buffer[i] = scratch[count - 1 - i];
        return count;
    }

    /// <summary>Writes a signed decimal number (with '-' when negative) and returns its length.</summary>
    public static int FormatSigned(long value, char* buffer)
    {
        if (value >= 0)
            return FormatUnsigned((ulong)value, 10, 1, buffer);
        buffer[0] = '-';
        // Negate in unsigned arithmetic so long.MinValue works.
        return 1 + FormatUnsigned(0UL - (ulong)value, 10, 1, buffer + 1);
    }

    /// <summary>
    /// How many pad characters to put before (right alignment, width &gt; 0) or after (left
    /// alignment, width &lt; 0) a field of <paramref name="length"/> characters.
    /// </summary>
    public static int PaddingFor(int length, int width)
    {
        int target = width < 0 ? -width : width;
        return target > length ? target - length : 0;
    }
}
