namespace Ocean.Libc;

using System;

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
        for (; text[i] != 0; i++)
            if (!AddDigit(ref magnitude, text[i], negative))
                return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>The same for a string: an optional '-' and decimal digits, nothing else.</summary>
    public static bool TryParse(string text, out long value)
    {
        value = 0;
        if (text == null)
            return false;
        bool negative = text.Length > 0 && text[0] == '-';
        int i = negative ? 1 : 0;
        if (i == text.Length)
            return false;
        ulong magnitude = 0;
        for (; i < text.Length; i++)
            if (text[i] > 0xFF || !AddDigit(ref magnitude, (byte)text[i], negative))
                return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>The same for bytes: an optional '-' and decimal digits, nothing else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        bool negative = text.Length > 0 && text[0] == (byte)'-';
        int i = negative ? 1 : 0;
        if (i == text.Length)
            return false;
        ulong magnitude = 0;
        for (; i < text.Length; i++)
            if (!AddDigit(ref magnitude, text[i], negative))
                return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> in decimal into <paramref name="destination"/>; the length, or -1 if it does not fit.</summary>
    public static int FormatDecimal(long value, Span<byte> destination)
    {
        byte* digits = stackalloc byte[MaxDecimalDigits];
        int length = FormatDecimal(value, digits);
        if (length > destination.Length)
            return -1;
        new ReadOnlySpan<byte>(digits, length).CopyTo(destination);
        return length;
    }

    // One more digit of a number that must fit a long (its magnitude one more when negative).
    private static bool AddDigit(ref ulong magnitude, byte character, bool negative)
    {
        uint digit = (uint)(character - '0');
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (digit > 9 || magnitude > (limit - digit) / 10)
            return false;
        magnitude = magnitude * 10 + digit;
        return true;
    }

    /// <summary>Room for any ulong in hexadecimal.</summary>
    public const int MaxHexDigits = 16;

    /// <summary>Writes <paramref name="value"/> in decimal to <paramref name="destination"/> (20 bytes suffice); returns the length.</summary>
    public static int FormatDecimal(long value, byte* destination)
    {
        if (value >= 0)
            return FormatUnsigned((ulong)value, destination);
        destination[0] = (byte)'-';
        return 1 + FormatUnsigned(0 - (ulong)value, destination + 1);
    }

    /// <summary>Writes <paramref name="value"/> in decimal, unsigned (20 bytes suffice); returns the length.</summary>
    public static int FormatUnsigned(ulong value, byte* destination)
    {
        byte* reversed = stackalloc byte[MaxDecimalDigits];
        int count = 0;
        do
        {
            reversed[count++] = (byte)('0' + value % 10);
            value /= 10;
        } while (value > 0);
        int length = 0;
        while (count > 0)
            destination[length++] = reversed[--count];
        return length;
    }

    /// <summary>
    /// Writes <paramref name="value"/> in hexadecimal, without prefix, zero-padded to at least
    /// <paramref name="minimumDigits"/> (at most 16 count); returns the length (16 bytes suffice).
    /// </summary>
    public static int FormatHex(ulong value, byte* destination, int minimumDigits = 1, bool upperCase = false)
    {
        int digits = 1;
        while (digits < MaxHexDigits && value >> (4 * digits) != 0)
            digits++;
        if (minimumDigits > digits)
            digits = minimumDigits > MaxHexDigits ? MaxHexDigits : minimumDigits;
        byte letterBase = (byte)(upperCase ? 'A' : 'a');
        for (int i = 0; i < digits; i++)
        {
            uint nibble = (uint)(value >> (4 * (digits - 1 - i))) & 0xF;
            destination[i] = (byte)(nibble < 10 ? '0' + nibble : letterBase + nibble - 10);
        }
        return digits;
    }
}
