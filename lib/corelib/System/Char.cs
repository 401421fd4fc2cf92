namespace System;

#pragma warning disable CS0649 // m_value is the value itself: no constructor sets it

/// <summary>A UTF-16 code unit. The classifications are ASCII's (Ocean's text is ASCII or Latin-1 bytes).</summary>
public readonly struct Char : IEquatable<char>, IComparable<char>
{
    private readonly char m_value;

    public const char MinValue = '\0', MaxValue = '\uffff';

    public override bool Equals(object obj) => obj is char other && m_value == other;

    public bool Equals(char other) => m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(char other) => m_value - other;

    public override string ToString() => string.FromChar(m_value);

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsLetterOrDigit(char c) => IsLetter(c) || IsDigit(c);

    /// <summary>Blanks, tabs, line ends, vertical tabs and form feeds.</summary>
    public static bool IsWhiteSpace(char c) => c == ' ' || c >= '\t' && c <= '\r';

    public static bool IsUpper(char c) => c >= 'A' && c <= 'Z';

    public static bool IsLower(char c) => c >= 'a' && c <= 'z';

    public static char ToUpper(char c) => IsLower(c) ? (char)(c - ('a' - 'A')) : c;

    public static char ToLower(char c) => IsUpper(c) ? (char)(c + ('a' - 'A')) : c;
}
