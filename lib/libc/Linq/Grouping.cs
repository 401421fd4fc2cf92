namespace System.Linq;

using System.Collections;
using System.Collections.Generic;

/// <summary>The elements of a sequence that share a key.</summary>
public interface IGrouping<out TKey, out T> : IEnumerable<T>
{
    TKey Key { get; }
}

public static partial class Enumerable
{
    /// <summary>The elements grouped by key: groups in the order their keys first appear, elements in the source's.</summary>
    public static IEnumerable<IGrouping<TKey, T>> GroupBy<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector) =>
        GroupBy(source, keySelector, item => item);

    public static IEnumerable<IGrouping<TKey, TElement>> GroupBy<T, TKey, TElement>(this IEnumerable<T> source, Func<T, TKey> keySelector, Func<T, TElement> elementSelector)
    {
        Check(source, keySelector, nameof(keySelector));
        Check(elementSelector, nameof(elementSelector));
        return GroupByIterator(source, keySelector, elementSelector);
    }

    public static IEnumerable<TResult> GroupBy<T, TKey, TResult>(this IEnumerable<T> source, Func<T, TKey> keySelector, Func<TKey, IEnumerable<T>, TResult> resultSelector)
    {
        Check(resultSelector, nameof(resultSelector));
        return Select(GroupBy(source, keySelector, item => item), group => resultSelector(group.Key, group));
    }

    private static IEnumerable<IGrouping<TKey, TElement>> GroupByIterator<T, TKey, TElement>(IEnumerable<T> source, Func<T, TKey> keySelector, Func<T, TElement> elementSelector)
    {
        var groups = new List<Grouping<TKey, TElement>>();
        var byKey = new Dictionary<TKey, Grouping<TKey, TElement>>();
        Grouping<TKey, TElement> nullKeyGroup = null;   // a dictionary takes no null key; GroupBy does
        foreach (T item in source)
        {
            TKey key = keySelector(item);
            Grouping<TKey, TElement> group;
            if (key == null)
                group = nullKeyGroup;
            else
                byKey.TryGetValue(key, out group);
            if (group is null)
            {
                group = new Grouping<TKey, TElement>(key);
                groups.Add(group);
                if (key == null)
                    nullKeyGroup = group;
                else
                    byKey.Add(key, group);
            }
            group.Elements.Add(elementSelector(item));
        }
        foreach (Grouping<TKey, TElement> group in groups)
            yield return group;
    }

    /// <summary>Pairs of elements with equal keys, in the outer sequence's order, then the inner's.</summary>
    public static IEnumerable<TResult> Join<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)
    {
        Check(outer, nameof(outer));
        Check(inner, nameof(inner));
        Check(outerKeySelector, nameof(outerKeySelector));
        Check(innerKeySelector, nameof(innerKeySelector));
        Check(resultSelector, nameof(resultSelector));
        return JoinIterator(outer, inner, outerKeySelector, innerKeySelector, resultSelector);
    }

    private static IEnumerable<TResult> JoinIterator<TOuter, TInner, TKey, TResult>(IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)
    {
        var byKey = new Dictionary<TKey, List<TInner>>();
        foreach (TInner item in inner)
        {
            TKey key = innerKeySelector(item);
            if (key == null)
                continue;   // a null key matches nothing
            if (!byKey.TryGetValue(key, out List<TInner> matches))
                byKey.Add(key, matches = new List<TInner>());
            matches.Add(item);
        }
        foreach (TOuter item in outer)
        {
            TKey key = outerKeySelector(item);
            if (key != null && byKey.TryGetValue(key, out List<TInner> matches))
                foreach (TInner match in matches)
                    yield return resultSelector(item, match);
        }
    }
}

internal sealed class Grouping<TKey, T>(TKey key) : IGrouping<TKey, T>
{
    internal readonly List<T> Elements = new();

    public TKey Key => key;

    public IEnumerator<T> GetEnumerator() => Elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
