namespace System;

#pragma warning disable CS0649 // m_value is the value itself: no constructor sets it

/// <summary>A 64-bit IEEE 754 number; its text is FloatingPointText's, as .NET's invariant culture writes and reads it.</summary>
public readonly struct Double : IEquatable<double>, IComparable<double>, IFormattable
{
    private readonly double m_value;

    public const double MinValue = -1.7976931348623157E+308;
    public const double MaxValue = 1.7976931348623157E+308;
    public const double Epsilon = 4.9406564584124654E-324;   // the least positive (subnormal) value
    public const double NaN = 0.0 / 0.0;
    public const double PositiveInfinity = 1.0 / 0.0;
    public const double NegativeInfinity = -1.0 / 0.0;

    // NaN is the one value unequal to itself (the compiler's CS1718 would call the comparison a slip).
#pragma warning disable CS1718
    public static bool IsNaN(double d) => d != d;
#pragma warning restore CS1718

    public static bool IsInfinity(double d) => d == PositiveInfinity || d == NegativeInfinity;

    public static bool IsPositiveInfinity(double d) => d == PositiveInfinity;

    public static bool IsNegativeInfinity(double d) => d == NegativeInfinity;

    public static bool IsFinite(double d) => !IsNaN(d) && !IsInfinity(d);

    /// <summary>The sign bit: true for -0.0 too.</summary>
    public static unsafe bool IsNegative(double d) => *(long*)&d < 0;

    /// <summary>Equal values, or both NaN (as .NET's Equals, unlike ==).</summary>
    public bool Equals(double other) => m_value == other || (IsNaN(m_value) && IsNaN(other));

    public override bool Equals(object obj) => obj is double other && Equals(other);

    public override unsafe int GetHashCode()
    {
        double value = m_value;
        if (value == 0)
            value = 0;   // -0.0 equals 0.0, so hashes alike
        if (IsNaN(value))
            value = NaN;
        long bits = *(long*)&value;
        return (int)bits ^ (int)(bits >> 32);
    }

    /// <summary>NaN sorts first and equals itself, as in .NET.</summary>
    public int CompareTo(double other) =>
        m_value < other ? -1 : m_value > other ? 1 : m_value == other ? 0 : IsNaN(m_value) ? (IsNaN(other) ? 0 : -1) : 1;

    /// <summary>The shortest text that reads back as this value ("0.1", "1E+20", "-0", "NaN", "Infinity").</summary>
    public override string ToString() => FloatingPointText.Format(m_value, null);

    /// <summary>Written by a .NET format string: "G"/"R" and "G5", "F2", "N2", "E3", "P1".</summary>
    public string ToString(string format) => FloatingPointText.Format(m_value, format);

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    public static bool TryParse(string text, out double result) => FloatingPointText.TryParse(text, out result);

    public static double Parse(string text) =>
        text is null ? throw new ArgumentNullException(nameof(text))
        : TryParse(text, out double result) ? result : throw new FormatException("not a number: " + text);
}
