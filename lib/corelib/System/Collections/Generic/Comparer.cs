namespace System.Collections.Generic;

/// <summary>An order on <typeparamref name="T"/>: negative, zero or positive as x sorts before, with or after y.</summary>
public interface IComparer<in T>
{
    int Compare(T x, T y);
}

/// <summary>The order a sort uses when it is given none: the values' own <see cref="IComparable{T}"/>, null first.</summary>
public abstract class Comparer<T> : IComparer<T>
{
    private static Comparer<T> _default;

    public static Comparer<T> Default => _default ??= new ComparableComparer<T>();

    public abstract int Compare(T x, T y);

    /// <summary>An order from a function.</summary>
    public static Comparer<T> Create(Comparison<T> comparison) =>
        comparison is null ? throw new ArgumentNullException(nameof(comparison)) : new ComparisonComparer<T>(comparison);
}

internal sealed class ComparisonComparer<T>(Comparison<T> comparison) : Comparer<T>
{
    public override int Compare(T x, T y) => comparison(x, y);
}

internal sealed class ComparableComparer<T> : Comparer<T>
{
    public override int Compare(T x, T y)
    {
        if (x == null)
            return y == null ? 0 : -1;
        if (y == null)
            return 1;
        if (x is IComparable<T> comparable)
            return comparable.CompareTo(y);
        throw new InvalidOperationException("the type has no order (IComparable<T>)");
    }
}
