namespace System;

/// <summary>A type that compares its values with others of the type without boxing.</summary>
public interface IEquatable<T>
{
    bool Equals(T other);
}

/// <summary>A type whose values sort: negative, zero or positive as this comes before, with or after <paramref name="other"/>.</summary>
public interface IComparable<in T>
{
    int CompareTo(T other);
}
