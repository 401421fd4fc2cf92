namespace System;

#pragma warning disable CS0649 // m_value is the value itself: no constructor sets it

public readonly struct Boolean : IEquatable<bool>, IComparable<bool>
{
    private readonly bool m_value;

    public override bool Equals(object obj) => obj is bool other && m_value == other;

    public bool Equals(bool other) => m_value == other;

    public override int GetHashCode() => m_value ? 1 : 0;

    public int CompareTo(bool other) => m_value == other ? 0 : m_value ? 1 : -1;

    /// <summary>"True" or "False", as .NET writes them.</summary>
    public override string ToString() => m_value ? "True" : "False";
}
