namespace System;

#pragma warning disable CS0649 // m_value is the value itself: no constructor sets it

// The integer types: the compiler and ilc give them their arithmetic; these are their members.
// Each wraps its one value (m_value, the name ilc and the compiler expect of a primitive).

public readonly struct SByte : IEquatable<sbyte>, IComparable<sbyte>, IFormattable
{
    private readonly sbyte m_value;

    public const sbyte MinValue = -128, MaxValue = 127;

    public override bool Equals(object obj) => obj is sbyte other && m_value == other;

    public bool Equals(sbyte other) => m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(sbyte other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((long)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((long)m_value, format, sizeof(sbyte));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out sbyte result)
    {
        result = 0;
        if (!Number.TryParse(text, out long value) || value < MinValue || value > MaxValue)
            return false;
        result = (sbyte)value;
        return true;
    }

    public static sbyte Parse(string text) => TryParse(text, out sbyte result) ? result : throw new FormatException("not a number in range: " + text);
}

public readonly struct Byte : IEquatable<byte>, IComparable<byte>, IFormattable
{
    private readonly byte m_value;

    public const byte MinValue = 0, MaxValue = 255;

    public override bool Equals(object obj) => obj is byte other && m_value == other;

    public bool Equals(byte other) => m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(byte other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((ulong)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((ulong)m_value, format, sizeof(byte));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out byte result)
    {
        result = 0;
        if (!Number.TryParse(text, out ulong value) || value > MaxValue)
            return false;
        result = (byte)value;
        return true;
    }

    public static byte Parse(string text) => TryParse(text, out byte result) ? result : throw new FormatException("not a number in range: " + text);
}

public readonly struct Int16 : IEquatable<short>, IComparable<short>, IFormattable
{
    private readonly short m_value;

    public const short MinValue = -32768, MaxValue = 32767;

    public override bool Equals(object obj) => obj is short other && m_value == other;

    public bool Equals(short other) => m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(short other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((long)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((long)m_value, format, sizeof(short));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out short result)
    {
        result = 0;
        if (!Number.TryParse(text, out long value) || value < MinValue || value > MaxValue)
            return false;
        result = (short)value;
        return true;
    }

    public static short Parse(string text) => TryParse(text, out short result) ? result : throw new FormatException("not a number in range: " + text);
}

public readonly struct UInt16 : IEquatable<ushort>, IComparable<ushort>, IFormattable
{
    private readonly ushort m_value;

    public const ushort MinValue = 0, MaxValue = 65535;

    public override bool Equals(object obj) => obj is ushort other && m_value == other;

    public bool Equals(ushort other) => m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(ushort other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((ulong)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((ulong)m_value, format, sizeof(ushort));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out ushort result)
    {
        result = 0;
        if (!Number.TryParse(text, out ulong value) || value > MaxValue)
            return false;
        result = (ushort)value;
        return true;
    }

    public static ushort Parse(string text) => TryParse(text, out ushort result) ? result : throw new FormatException("not a number in range: " + text);
}

public readonly struct Int32 : IEquatable<int>, IComparable<int>, IFormattable
{
    private readonly int m_value;

    public const int MinValue = -2147483648, MaxValue = 2147483647;

    public override bool Equals(object obj) => obj is int other && m_value == other;

    public bool Equals(int other) => m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(int other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((long)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((long)m_value, format, sizeof(int));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out int result)
    {
        result = 0;
        if (!Number.TryParse(text, out long value) || value < MinValue || value > MaxValue)
            return false;
        result = (int)value;
        return true;
    }

    public static int Parse(string text) => TryParse(text, out int result) ? result : throw new FormatException("not a number in range: " + text);
}

public readonly struct UInt32 : IEquatable<uint>, IComparable<uint>, IFormattable
{
    private readonly uint m_value;

    public const uint MinValue = 0, MaxValue = 4294967295;

    public override bool Equals(object obj) => obj is uint other && m_value == other;

    public bool Equals(uint other) => m_value == other;

    public override int GetHashCode() => (int)m_value;

    public int CompareTo(uint other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((ulong)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((ulong)m_value, format, sizeof(uint));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out uint result)
    {
        result = 0;
        if (!Number.TryParse(text, out ulong value) || value > MaxValue)
            return false;
        result = (uint)value;
        return true;
    }

    public static uint Parse(string text) => TryParse(text, out uint result) ? result : throw new FormatException("not a number in range: " + text);
}

public readonly struct Int64 : IEquatable<long>, IComparable<long>, IFormattable
{
    private readonly long m_value;

    public const long MinValue = -9223372036854775808, MaxValue = 9223372036854775807;

    public override bool Equals(object obj) => obj is long other && m_value == other;

    public bool Equals(long other) => m_value == other;

    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);

    public int CompareTo(long other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((long)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((long)m_value, format, sizeof(long));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out long result)
    {
        result = 0;
        if (!Number.TryParse(text, out long value))
            return false;
        result = value;
        return true;
    }

    public static long Parse(string text) => TryParse(text, out long result) ? result : throw new FormatException("not a number in range: " + text);
}

public readonly struct UInt64 : IEquatable<ulong>, IComparable<ulong>, IFormattable
{
    private readonly ulong m_value;

    public const ulong MinValue = 0, MaxValue = 18446744073709551615;

    public override bool Equals(object obj) => obj is ulong other && m_value == other;

    public bool Equals(ulong other) => m_value == other;

    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);

    public int CompareTo(ulong other) => m_value < other ? -1 : m_value > other ? 1 : 0;

    /// <summary>Decimal digits, with a minus sign if negative (as .NET's default format).</summary>
    public override string ToString() => Number.Format((ulong)m_value);

    /// <summary>Written by a .NET format string ("D5", "X8", "x", "N0", …; see NumberFormatting.cs).</summary>
    public string ToString(string format) => Number.Format((ulong)m_value, format, sizeof(ulong));

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    /// <summary>The value written in <paramref name="text"/> (decimal, optional sign, no blanks); false if there is none or it does not fit.</summary>
    public static bool TryParse(string text, out ulong result)
    {
        result = 0;
        if (!Number.TryParse(text, out ulong value))
            return false;
        result = value;
        return true;
    }

    public static ulong Parse(string text) => TryParse(text, out ulong result) ? result : throw new FormatException("not a number in range: " + text);
}
