namespace System.Collections.Generic;

/// <summary>Equality and hashing for a hash table's keys.</summary>
public interface IEqualityComparer<in T>
{
    bool Equals(T x, T y);

    int GetHashCode(T obj);
}

/// <summary>
/// The equality a collection uses when it is given none: <see cref="Default"/> calls the values' own
/// <c>Equals(object)</c> and <c>GetHashCode()</c> (a value type's argument is boxed; Ocean has no
/// reflection to pick an <see cref="IEquatable{T}"/> comparer per type).
/// </summary>
public abstract class EqualityComparer<T> : IEqualityComparer<T>
{
    private static EqualityComparer<T> _default;

    public static EqualityComparer<T> Default => _default ??= new ObjectEqualityComparer<T>();

    public abstract bool Equals(T x, T y);

    public abstract int GetHashCode(T obj);
}

internal sealed class ObjectEqualityComparer<T> : EqualityComparer<T>
{
    public override bool Equals(T x, T y) => x == null ? y == null : y != null && x.Equals(y);

    public override int GetHashCode(T obj) => obj == null ? 0 : obj.GetHashCode();
}
