namespace System;

using System.Collections.Generic;

/// <summary>
/// C#'s tuples, <c>(a, b)</c> and <c>(a, b, c)</c>: what the compiler builds a tuple literal,
/// deconstruction and named elements from. Equal when every element is (the elements' own Equals);
/// written as "(a, b)", as .NET writes them.
/// </summary>
public struct ValueTuple<T1, T2> : IEquatable<ValueTuple<T1, T2>>
{
    public T1 Item1;
    public T2 Item2;

    public ValueTuple(T1 item1, T2 item2)
    {
        Item1 = item1;
        Item2 = item2;
    }

    public bool Equals(ValueTuple<T1, T2> other) =>
        EqualityComparer<T1>.Default.Equals(Item1, other.Item1) && EqualityComparer<T2>.Default.Equals(Item2, other.Item2);

    public override bool Equals(object obj) => obj is ValueTuple<T1, T2> other && Equals(other);

    public override int GetHashCode() => HashCodes.Combine(Item1?.GetHashCode() ?? 0, Item2?.GetHashCode() ?? 0);

    public override string ToString() => "(" + Item1?.ToString() + ", " + Item2?.ToString() + ")";
}

/// <summary>A tuple of three (see <see cref="ValueTuple{T1, T2}"/>).</summary>
public struct ValueTuple<T1, T2, T3> : IEquatable<ValueTuple<T1, T2, T3>>
{
    public T1 Item1;
    public T2 Item2;
    public T3 Item3;

    public ValueTuple(T1 item1, T2 item2, T3 item3)
    {
        Item1 = item1;
        Item2 = item2;
        Item3 = item3;
    }

    public bool Equals(ValueTuple<T1, T2, T3> other) =>
        EqualityComparer<T1>.Default.Equals(Item1, other.Item1) && EqualityComparer<T2>.Default.Equals(Item2, other.Item2) &&
        EqualityComparer<T3>.Default.Equals(Item3, other.Item3);

    public override bool Equals(object obj) => obj is ValueTuple<T1, T2, T3> other && Equals(other);

    public override int GetHashCode() =>
        HashCodes.Combine(HashCodes.Combine(Item1?.GetHashCode() ?? 0, Item2?.GetHashCode() ?? 0), Item3?.GetHashCode() ?? 0);

    public override string ToString() => "(" + Item1?.ToString() + ", " + Item2?.ToString() + ", " + Item3?.ToString() + ")";
}

/// <summary>How the tuples mix their elements' hash codes.</summary>
internal static class HashCodes
{
    public static int Combine(int first, int second) => unchecked(((first << 5) + first) ^ second);
}
