namespace System;

/// <summary>
/// Integers to decimal text and back, as .NET's default format and <c>int.Parse</c> do: digits with a
/// leading minus when negative; parsing allows blanks around the number and one leading sign.
/// </summary>
internal static partial class Number
{
    private const int MaxDigits = 20;   // ulong.MaxValue has 20

    public static string Format(long value)
    {
        ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        return Format(magnitude, value < 0);
    }

    public static string Format(ulong value) => Format(value, false);

    private static unsafe string Format(ulong magnitude, bool negative)
    {
        char* digits = stackalloc char[MaxDigits + 1];
        int start = MaxDigits + 1;
        do
        {
            digits[--start] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);
        if (negative)
            digits[--start] = '-';
        return new string(digits, start, MaxDigits + 1 - start);
    }

    public static bool TryParse(string text, out long value)
    {
        value = 0;
        if (!TryParseParts(text, out bool negative, out ulong magnitude))
            return false;
        if (negative ? magnitude > (ulong)long.MaxValue + 1 : magnitude > long.MaxValue)
            return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    public static bool TryParse(string text, out ulong value)
    {
        value = 0;
        if (!TryParseParts(text, out bool negative, out ulong magnitude) || negative && magnitude != 0)
            return false;
        value = magnitude;
        return true;
    }

    // Blanks, an optional sign, at least one digit, blanks; false on anything else or past 2^64 - 1.
    private static bool TryParseParts(string text, out bool negative, out ulong magnitude)
    {
        negative = false;
        magnitude = 0;
        if (text is null)
            return false;
        int i = 0, end = text.Length;
        while (i < end && char.IsWhiteSpace(text[i]))
            i++;
        while (end > i && char.IsWhiteSpace(text[end - 1]))
            end--;
        if (i < end && (text[i] == '-' || text[i] == '+'))
            negative = text[i++] == '-';
        if (i == end)
            return false;
        for (; i < end; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9 || magnitude > (ulong.MaxValue - digit) / 10)
                return false;
            magnitude = magnitude * 10 + digit;
        }
        return true;
    }
}
