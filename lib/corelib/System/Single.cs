namespace System;

#pragma warning disable CS0649 // m_value is the value itself: no constructor sets it

/// <summary>A 32-bit IEEE 754 number; its text is FloatingPointText's, as .NET's invariant culture writes and reads it.</summary>
public readonly struct Single : IEquatable<float>, IComparable<float>, IFormattable
{
    private readonly float m_value;

    public const float MinValue = -3.40282347E+38f;
    public const float MaxValue = 3.40282347E+38f;
    public const float Epsilon = 1.4E-45f;   // the least positive (subnormal) value
    public const float NaN = 0.0f / 0.0f;
    public const float PositiveInfinity = 1.0f / 0.0f;
    public const float NegativeInfinity = -1.0f / 0.0f;

    // NaN is the one value unequal to itself (the compiler's CS1718 would call the comparison a slip).
#pragma warning disable CS1718
    public static bool IsNaN(float d) => d != d;
#pragma warning restore CS1718

    public static bool IsInfinity(float d) => d == PositiveInfinity || d == NegativeInfinity;

    public static bool IsPositiveInfinity(float d) => d == PositiveInfinity;

    public static bool IsNegativeInfinity(float d) => d == NegativeInfinity;

    public static bool IsFinite(float d) => !IsNaN(d) && !IsInfinity(d);

    /// <summary>The sign bit: true for -0.0 too.</summary>
    public static unsafe bool IsNegative(float d) => *(int*)&d < 0;

    /// <summary>Equal values, or both NaN (as .NET's Equals, unlike ==).</summary>
    public bool Equals(float other) => m_value == other || (IsNaN(m_value) && IsNaN(other));

    public override bool Equals(object obj) => obj is float other && Equals(other);

    public override unsafe int GetHashCode()
    {
        float value = m_value;
        if (value == 0)
            value = 0;   // -0.0 equals 0.0, so hashes alike
        if (IsNaN(value))
            value = NaN;
        int bits = *(int*)&value;
        return bits;
    }

    /// <summary>NaN sorts first and equals itself, as in .NET.</summary>
    public int CompareTo(float other) =>
        m_value < other ? -1 : m_value > other ? 1 : m_value == other ? 0 : IsNaN(m_value) ? (IsNaN(other) ? 0 : -1) : 1;

    /// <summary>The shortest text that reads back as this value ("0.1", "1E+20", "-0", "NaN", "Infinity").</summary>
    public override string ToString() => FloatingPointText.Format(m_value, null);

    /// <summary>Written by a .NET format string: "G"/"R" and "G5", "F2", "N2", "E3", "P1".</summary>
    public string ToString(string format) => FloatingPointText.Format(m_value, format);

    public string ToString(string format, IFormatProvider provider) => ToString(format);

    public static bool TryParse(string text, out float result) => FloatingPointText.TryParse(text, out result);

    public static float Parse(string text) =>
        text is null ? throw new ArgumentNullException(nameof(text))
        : TryParse(text, out float result) ? result : throw new FormatException("not a number: " + text);
}
