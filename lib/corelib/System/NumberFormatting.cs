namespace System;

/// <summary>
/// Integers written by a .NET format string, as the invariant culture writes them: "D"/"d" (decimal,
/// the precision is the least number of digits), "X"/"x" (hexadecimal of the type's width, so -1 as
/// an int is FFFFFFFF; the precision is the least number of digits), "N"/"n" (groups of three
/// separated by ',', then '.' and as many zeros as the precision, 2 by default), "G"/"g", "" or null
/// (as <c>ToString()</c>). Anything else (custom formats such as "#,##0", G's scientific notation)
/// is a <see cref="FormatException"/>, where .NET would write something.
/// </summary>
internal static partial class Number
{
    private const int DefaultGroupedDecimals = 2;
    private const int MaxPrecision = 999_999_999;

    public static string Format(long value, string format, int bytes) => Format((ulong)value, value < 0, format, bytes);

    public static string Format(ulong value, string format, int bytes) => Format(value, false, format, bytes);

    // value holds the bits; negative says whether they are a negative signed value.
    private static string Format(ulong bits, bool negative, string format, int bytes)
    {
        if (string.IsNullOrEmpty(format))
            return negative ? Format((long)bits) : Format(bits);
        char kind = format[0];
        int precision = -1;
        if (format.Length > 1)
        {
            if (!TryParse(format.Substring(1), out long parsed) || parsed < 0 || parsed > MaxPrecision || format[1] == '+' || format[1] == '-' || char.IsWhiteSpace(format[1]) || char.IsWhiteSpace(format[format.Length - 1]))
                throw new FormatException("format string not understood: " + format);
            precision = (int)parsed;
        }
        ulong magnitude = negative ? 0 - bits : bits;
        switch (kind)
        {
            case 'D' or 'd':
                return (negative ? "-" : "") + PadDigits(Format(magnitude), precision);
            case 'X' or 'x':
                ulong width = bytes == sizeof(ulong) ? bits : bits & ((1UL << (8 * bytes)) - 1);
                return PadDigits(Hexadecimal(width, kind == 'x'), precision);
            case 'N' or 'n':
                string grouped = Grouped(Format(magnitude));
                int decimals = precision < 0 ? DefaultGroupedDecimals : precision;
                return (negative ? "-" : "") + (decimals == 0 ? grouped : grouped + "." + new string('0', decimals));
            case 'G' or 'g':
                if (precision > 0 && precision < Format(magnitude).Length)
                    throw new FormatException("a G format with fewer digits than the value (scientific notation) is not supported");
                return negative ? Format((long)bits) : Format(bits);
            default:
                throw new FormatException("format string not understood: " + format);
        }
    }

    private static string PadDigits(string digits, int precision) => precision > digits.Length ? new string('0', precision - digits.Length) + digits : digits;

    private static string Hexadecimal(ulong value, bool lowerCase)
    {
        var digits = new char[16];
        int start = digits.Length;
        do
        {
            int nibble = (int)(value & 0xF);
            digits[--start] = (char)(nibble < 10 ? '0' + nibble : (lowerCase ? 'a' : 'A') + nibble - 10);
            value >>= 4;
        }
        while (value != 0);
        return new string(digits, start, digits.Length - start);
    }

    private static string Grouped(string digits)
    {
        int groups = (digits.Length - 1) / 3;
        if (groups == 0)
            return digits;
        var text = new char[digits.Length + groups];
        for (int from = digits.Length - 1, to = text.Length - 1, count = 0; from >= 0; from--, count++)
        {
            if (count > 0 && count % 3 == 0)
                text[to--] = ',';
            text[to--] = digits[from];
        }
        return new string(text);
    }
}
