namespace System.Linq;

using System.Collections;
using System.Collections.Generic;

/// <summary>
/// A sequence sorted by one or more keys, which <c>ThenBy</c> extends. Unlike .NET's it has no
/// <c>CreateOrderedEnumerable</c>: a generic virtual method needs the runtime's type loader, which
/// Ocean's has not, so only <c>OrderBy</c>'s sequences are ordered ones.
/// </summary>
public interface IOrderedEnumerable<T> : IEnumerable<T>
{
}

public static partial class Enumerable
{
    public static IOrderedEnumerable<T> Order<T>(this IEnumerable<T> source) => OrderBy(source, item => item);

    public static IOrderedEnumerable<T> OrderDescending<T>(this IEnumerable<T> source) => OrderByDescending(source, item => item);

    public static IOrderedEnumerable<T> OrderBy<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector) =>
        OrderBy(source, keySelector, null);

    public static IOrderedEnumerable<T> OrderBy<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector, IComparer<TKey> comparer)
    {
        Check(source, keySelector, nameof(keySelector));
        return new OrderedSequence<T>(source, null, OrderedSequence<T>.ByKey(keySelector, comparer, descending: false));
    }

    public static IOrderedEnumerable<T> OrderByDescending<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector) =>
        OrderByDescending(source, keySelector, null);

    public static IOrderedEnumerable<T> OrderByDescending<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector, IComparer<TKey> comparer)
    {
        Check(source, keySelector, nameof(keySelector));
        return new OrderedSequence<T>(source, null, OrderedSequence<T>.ByKey(keySelector, comparer, descending: true));
    }

    public static IOrderedEnumerable<T> ThenBy<T, TKey>(this IOrderedEnumerable<T> source, Func<T, TKey> keySelector) =>
        ThenBy(source, keySelector, null);

    public static IOrderedEnumerable<T> ThenBy<T, TKey>(this IOrderedEnumerable<T> source, Func<T, TKey> keySelector, IComparer<TKey> comparer)
    {
        Check(source, keySelector, nameof(keySelector));
        return ((OrderedSequence<T>)source).ThenBy(OrderedSequence<T>.ByKey(keySelector, comparer, descending: false));
    }

    public static IOrderedEnumerable<T> ThenByDescending<T, TKey>(this IOrderedEnumerable<T> source, Func<T, TKey> keySelector) =>
        ThenByDescending(source, keySelector, null);

    public static IOrderedEnumerable<T> ThenByDescending<T, TKey>(this IOrderedEnumerable<T> source, Func<T, TKey> keySelector, IComparer<TKey> comparer)
    {
        Check(source, keySelector, nameof(keySelector));
        return ((OrderedSequence<T>)source).ThenBy(OrderedSequence<T>.ByKey(keySelector, comparer, descending: true));
    }
}

/// <summary>
/// The elements sorted when first walked, stably (equal keys keep the source's order, as .NET
/// promises), by a merge sort over the elements' positions. Keys are read again at each comparison
/// rather than kept, so a key selector should be cheap and give the same key each time.
/// </summary>
internal sealed class OrderedSequence<T>(IEnumerable<T> source, OrderedSequence<T> parent, Comparison<T> order) : IOrderedEnumerable<T>
{
    internal static Comparison<T> ByKey<TKey>(Func<T, TKey> keySelector, IComparer<TKey> comparer, bool descending)
    {
        IComparer<TKey> keys = comparer ?? Comparer<TKey>.Default;
        return descending
            ? (a, b) => keys.Compare(keySelector(b), keySelector(a))
            : (a, b) => keys.Compare(keySelector(a), keySelector(b));
    }

    internal IOrderedEnumerable<T> ThenBy(Comparison<T> next) => new OrderedSequence<T>(source, this, next);

    // The first key decides, then each ThenBy's in turn.
    private int Compare(T a, T b)
    {
        int earlier = parent?.Compare(a, b) ?? 0;
        return earlier != 0 ? earlier : order(a, b);
    }

    public IEnumerator<T> GetEnumerator()
    {
        T[] items = new List<T>(source).ToArray();
        var scratch = new T[items.Length];
        MergeSort(items, scratch, 0, items.Length);
        return ((IEnumerable<T>)items).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Sorts items[start..end) stably, through scratch.
    private void MergeSort(T[] items, T[] scratch, int start, int end)
    {
        if (end - start < 2)
            return;
        int middle = start + (end - start) / 2;
        MergeSort(items, scratch, start, middle);
        MergeSort(items, scratch, middle, end);
        if (Compare(items[middle - 1], items[middle]) <= 0)
            return;
        int left = start, right = middle, to = start;
        while (left < middle && right < end)
            scratch[to++] = Compare(items[right], items[left]) < 0 ? items[right++] : items[left++];
        while (left < middle)
            scratch[to++] = items[left++];
        while (right < end)
            scratch[to++] = items[right++];
        for (int i = start; i < end; i++)
            items[i] = scratch[i];
    }
}
