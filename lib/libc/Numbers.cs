namespace Ocean.Libc;

/// <summary>Decimal numbers to and from byte strings, with errors instead of surprises.</summary>
public static unsafe class Numbers
{
    /// <summary>Room for any long in decimal, sign included.</summary>
    public const int MaxDecimalDigits = 20;

    /// <summary>Parses an optional '-' and decimal digits (the whole NUL-terminated string); false on anything else or overflow.</summary>
    public static bool TryParse(byte* text, out long value)
    {
        value = 0;
        if (text == null)
            return false;
        bool negative = text[0] == (byte)'-';
        int i = negative ? 1 : 0;
        if (text[i] == 0)
            return false;
        ulong magnitude = 0;
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        for (; text[i] != 0; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9 || magnitude > (limit - digit) / 10)
                return false;
            magnitude = magnitude * 10 + digit;
        }
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> in decimal to <paramref name="destination"/> (20 bytes suffice); returns the length.</summary>
    public static int FormatDecimal(long value, byte* destination)
    {
        ulong magnitude = value < 0 ? 0 - (ulong)value : (ulong)value;
        byte* reversed = stackalloc byte[MaxDecimalDigits];
        int count = 0;
        do
        {
            reversed[count++] = (byte)('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude > 0);
        int length = 0;
        if (value < 0)
            destination[length++] = (byte)'-';
        while (count > 0)
            destination[length++] = reversed[--count];
        return length;
    }
}
