namespace System.Linq;

using System.Collections.Generic;

/// <summary>
/// LINQ to objects: queries over any <see cref="IEnumerable{T}"/>, as .NET's System.Linq writes them.
/// The lazy operators are iterators (<c>yield return</c>) and run as they are walked; the eager ones
/// (counts, elements, aggregates, conversions) walk at once. Errors are .NET's: a null argument is an
/// <see cref="ArgumentNullException"/>, an empty sequence where an element is needed an
/// <see cref="InvalidOperationException"/>. Orderings live in Ordering.cs, groupings in Grouping.cs.
/// </summary>
public static partial class Enumerable
{
    private const string NoElements = "Sequence contains no elements";
    private const string NoMatch = "Sequence contains no matching element";
    private const string MoreThanOne = "Sequence contains more than one element";
    private const string MoreThanOneMatch = "Sequence contains more than one matching element";

    // ---- Making sequences ----

    public static IEnumerable<T> Empty<T>() => Array.Empty<T>();

    public static IEnumerable<int> Range(int start, int count)
    {
        if (count < 0 || (long)start + count - 1 > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(count));
        return RangeIterator(start, count);
    }

    private static IEnumerable<int> RangeIterator(int start, int count)
    {
        for (int i = 0; i < count; i++)
            yield return start + i;
    }

    public static IEnumerable<T> Repeat<T>(T element, int count)
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count));
        return RepeatIterator(element, count);
    }

    private static IEnumerable<T> RepeatIterator<T>(T element, int count)
    {
        for (int i = 0; i < count; i++)
            yield return element;
    }

    // ---- Filtering and projecting ----

    public static IEnumerable<T> Where<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        return WhereIterator(source, predicate);
    }

    private static IEnumerable<T> WhereIterator<T>(IEnumerable<T> source, Func<T, bool> predicate)
    {
        foreach (T item in source)
            if (predicate(item))
                yield return item;
    }

    public static IEnumerable<T> Where<T>(this IEnumerable<T> source, Func<T, int, bool> predicate)
    {
        Check(source, predicate);
        return WhereIterator(source, predicate);
    }

    private static IEnumerable<T> WhereIterator<T>(IEnumerable<T> source, Func<T, int, bool> predicate)
    {
        int index = 0;
        foreach (T item in source)
            if (predicate(item, index++))
                yield return item;
    }

    public static IEnumerable<TResult> Select<T, TResult>(this IEnumerable<T> source, Func<T, TResult> selector)
    {
        Check(source, selector);
        return SelectIterator(source, selector);
    }

    private static IEnumerable<TResult> SelectIterator<T, TResult>(IEnumerable<T> source, Func<T, TResult> selector)
    {
        foreach (T item in source)
            yield return selector(item);
    }

    public static IEnumerable<TResult> Select<T, TResult>(this IEnumerable<T> source, Func<T, int, TResult> selector)
    {
        Check(source, selector);
        return SelectIterator(source, selector);
    }

    private static IEnumerable<TResult> SelectIterator<T, TResult>(IEnumerable<T> source, Func<T, int, TResult> selector)
    {
        int index = 0;
        foreach (T item in source)
            yield return selector(item, index++);
    }

    public static IEnumerable<TResult> SelectMany<T, TResult>(this IEnumerable<T> source, Func<T, IEnumerable<TResult>> selector)
    {
        Check(source, selector);
        return SelectManyIterator(source, selector);
    }

    private static IEnumerable<TResult> SelectManyIterator<T, TResult>(IEnumerable<T> source, Func<T, IEnumerable<TResult>> selector)
    {
        foreach (T item in source)
            foreach (TResult inner in selector(item))
                yield return inner;
    }

    /// <summary>Each element converted to <typeparamref name="TResult"/> (an InvalidCastException where one is not).</summary>
    public static IEnumerable<TResult> Cast<TResult>(this System.Collections.IEnumerable source)
    {
        Check(source);
        return CastIterator<TResult>(source);
    }

    private static IEnumerable<TResult> CastIterator<TResult>(System.Collections.IEnumerable source)
    {
        foreach (object item in source)
            yield return (TResult)item;
    }

    public static IEnumerable<TResult> OfType<TResult>(this System.Collections.IEnumerable source)
    {
        Check(source);
        return OfTypeIterator<TResult>(source);
    }

    private static IEnumerable<TResult> OfTypeIterator<TResult>(System.Collections.IEnumerable source)
    {
        foreach (object item in source)
            if (item is TResult result)
                yield return result;
    }

    // ---- Partitioning ----

    public static IEnumerable<T> Take<T>(this IEnumerable<T> source, int count)
    {
        Check(source);
        return TakeIterator(source, count);
    }

    private static IEnumerable<T> TakeIterator<T>(IEnumerable<T> source, int count)
    {
        if (count <= 0)
            yield break;
        foreach (T item in source)
        {
            yield return item;
            if (--count == 0)
                yield break;
        }
    }

    public static IEnumerable<T> Skip<T>(this IEnumerable<T> source, int count)
    {
        Check(source);
        return SkipIterator(source, count);
    }

    private static IEnumerable<T> SkipIterator<T>(IEnumerable<T> source, int count)
    {
        foreach (T item in source)
        {
            if (count > 0)
                count--;
            else
                yield return item;
        }
    }

    public static IEnumerable<T> TakeWhile<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        return TakeWhileIterator(source, predicate);
    }

    private static IEnumerable<T> TakeWhileIterator<T>(IEnumerable<T> source, Func<T, bool> predicate)
    {
        foreach (T item in source)
        {
            if (!predicate(item))
                yield break;
            yield return item;
        }
    }

    public static IEnumerable<T> SkipWhile<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        return SkipWhileIterator(source, predicate);
    }

    private static IEnumerable<T> SkipWhileIterator<T>(IEnumerable<T> source, Func<T, bool> predicate)
    {
        bool skipping = true;
        foreach (T item in source)
        {
            if (skipping && predicate(item))
                continue;
            skipping = false;
            yield return item;
        }
    }

    /// <summary>The sequence in slices of at most <paramref name="size"/> elements.</summary>
    public static IEnumerable<T[]> Chunk<T>(this IEnumerable<T> source, int size)
    {
        Check(source);
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size));
        return ChunkIterator(source, size);
    }

    private static IEnumerable<T[]> ChunkIterator<T>(IEnumerable<T> source, int size)
    {
        var chunk = new List<T>(size);
        foreach (T item in source)
        {
            chunk.Add(item);
            if (chunk.Count == size)
            {
                yield return chunk.ToArray();
                chunk.Clear();
            }
        }
        if (chunk.Count > 0)
            yield return chunk.ToArray();
    }

    // ---- Joining sequences ----

    public static IEnumerable<T> Concat<T>(this IEnumerable<T> first, IEnumerable<T> second)
    {
        Check(first);
        Check(second, nameof(second));
        return ConcatIterator(first, second);
    }

    private static IEnumerable<T> ConcatIterator<T>(IEnumerable<T> first, IEnumerable<T> second)
    {
        foreach (T item in first)
            yield return item;
        foreach (T item in second)
            yield return item;
    }

    public static IEnumerable<T> Append<T>(this IEnumerable<T> source, T element)
    {
        Check(source);
        return ConcatIterator(source, new[] { element });
    }

    public static IEnumerable<T> Prepend<T>(this IEnumerable<T> source, T element)
    {
        Check(source);
        return ConcatIterator(new[] { element }, source);
    }

    public static IEnumerable<TResult> Zip<TFirst, TSecond, TResult>(this IEnumerable<TFirst> first, IEnumerable<TSecond> second, Func<TFirst, TSecond, TResult> resultSelector)
    {
        Check(first, nameof(first));
        Check(second, nameof(second));
        Check(resultSelector, nameof(resultSelector));
        return ZipIterator(first, second, resultSelector);
    }

    public static IEnumerable<(TFirst First, TSecond Second)> Zip<TFirst, TSecond>(this IEnumerable<TFirst> first, IEnumerable<TSecond> second) =>
        Zip(first, second, (a, b) => (a, b));

    private static IEnumerable<TResult> ZipIterator<TFirst, TSecond, TResult>(IEnumerable<TFirst> first, IEnumerable<TSecond> second, Func<TFirst, TSecond, TResult> resultSelector)
    {
        using IEnumerator<TFirst> a = first.GetEnumerator();
        using IEnumerator<TSecond> b = second.GetEnumerator();
        while (a.MoveNext() && b.MoveNext())
            yield return resultSelector(a.Current, b.Current);
    }

    public static IEnumerable<T> DefaultIfEmpty<T>(this IEnumerable<T> source) => DefaultIfEmpty(source, default);

    public static IEnumerable<T> DefaultIfEmpty<T>(this IEnumerable<T> source, T defaultValue)
    {
        Check(source);
        return DefaultIfEmptyIterator(source, defaultValue);
    }

    private static IEnumerable<T> DefaultIfEmptyIterator<T>(IEnumerable<T> source, T defaultValue)
    {
        bool any = false;
        foreach (T item in source)
        {
            any = true;
            yield return item;
        }
        if (!any)
            yield return defaultValue;
    }

    public static IEnumerable<T> Reverse<T>(this IEnumerable<T> source)
    {
        Check(source);
        return ReverseIterator(source);
    }

    private static IEnumerable<T> ReverseIterator<T>(IEnumerable<T> source)
    {
        T[] items = ToArray(source);
        for (int i = items.Length - 1; i >= 0; i--)
            yield return items[i];
    }

    // ---- Sets ----

    public static IEnumerable<T> Distinct<T>(this IEnumerable<T> source) => Distinct(source, null);

    public static IEnumerable<T> Distinct<T>(this IEnumerable<T> source, IEqualityComparer<T> comparer)
    {
        Check(source);
        return DistinctByIterator(source, item => item, comparer);
    }

    public static IEnumerable<T> DistinctBy<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector)
    {
        Check(source, keySelector, nameof(keySelector));
        return DistinctByIterator(source, keySelector, null);
    }

    private static IEnumerable<T> DistinctByIterator<T, TKey>(IEnumerable<T> source, Func<T, TKey> keySelector, IEqualityComparer<TKey> comparer)
    {
        var seen = new HashSet<TKey>(comparer);
        foreach (T item in source)
            if (seen.Add(keySelector(item)))
                yield return item;
    }

    public static IEnumerable<T> Union<T>(this IEnumerable<T> first, IEnumerable<T> second)
    {
        Check(first, nameof(first));
        Check(second, nameof(second));
        return DistinctByIterator(ConcatIterator(first, second), item => item, null);
    }

    public static IEnumerable<T> Intersect<T>(this IEnumerable<T> first, IEnumerable<T> second)
    {
        Check(first, nameof(first));
        Check(second, nameof(second));
        return IntersectIterator(first, second, keep: true);
    }

    public static IEnumerable<T> Except<T>(this IEnumerable<T> first, IEnumerable<T> second)
    {
        Check(first, nameof(first));
        Check(second, nameof(second));
        return IntersectIterator(first, second, keep: false);
    }

    // The elements of first that are (keep) or are not in second, each once, in first's order.
    private static IEnumerable<T> IntersectIterator<T>(IEnumerable<T> first, IEnumerable<T> second, bool keep)
    {
        var other = new HashSet<T>(second);
        var given = new HashSet<T>();
        foreach (T item in first)
            if (other.Contains(item) == keep && given.Add(item))
                yield return item;
    }

    // ---- Quantifiers and counts ----

    public static bool Any<T>(this IEnumerable<T> source)
    {
        Check(source);
        if (source is IReadOnlyCollection<T> collection)
            return collection.Count != 0;
        using IEnumerator<T> items = source.GetEnumerator();
        return items.MoveNext();
    }

    public static bool Any<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        foreach (T item in source)
            if (predicate(item))
                return true;
        return false;
    }

    public static bool All<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        foreach (T item in source)
            if (!predicate(item))
                return false;
        return true;
    }

    public static bool Contains<T>(this IEnumerable<T> source, T value) => Contains(source, value, null);

    public static bool Contains<T>(this IEnumerable<T> source, T value, IEqualityComparer<T> comparer)
    {
        Check(source);
        comparer ??= EqualityComparer<T>.Default;
        foreach (T item in source)
            if (comparer.Equals(item, value))
                return true;
        return false;
    }

    public static int Count<T>(this IEnumerable<T> source)
    {
        Check(source);
        if (source is IReadOnlyCollection<T> collection)
            return collection.Count;
        int count = 0;
        foreach (T _ in source)
            count = checked(count + 1);
        return count;
    }

    public static int Count<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        int count = 0;
        foreach (T item in source)
            if (predicate(item))
                count = checked(count + 1);
        return count;
    }

    public static long LongCount<T>(this IEnumerable<T> source)
    {
        Check(source);
        long count = 0;
        foreach (T _ in source)
            count++;
        return count;
    }

    public static bool SequenceEqual<T>(this IEnumerable<T> first, IEnumerable<T> second)
    {
        Check(first, nameof(first));
        Check(second, nameof(second));
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        using IEnumerator<T> a = first.GetEnumerator();
        using IEnumerator<T> b = second.GetEnumerator();
        while (a.MoveNext())
            if (!b.MoveNext() || !comparer.Equals(a.Current, b.Current))
                return false;
        return !b.MoveNext();
    }

    // ---- Elements ----

    public static T First<T>(this IEnumerable<T> source)
    {
        Check(source);
        foreach (T item in source)
            return item;
        throw new InvalidOperationException(NoElements);
    }

    public static T First<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        foreach (T item in source)
            if (predicate(item))
                return item;
        throw new InvalidOperationException(NoMatch);
    }

    public static T FirstOrDefault<T>(this IEnumerable<T> source) => FirstOrDefault(source, default(T));

    public static T FirstOrDefault<T>(this IEnumerable<T> source, T defaultValue)
    {
        Check(source);
        foreach (T item in source)
            return item;
        return defaultValue;
    }

    public static T FirstOrDefault<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        foreach (T item in source)
            if (predicate(item))
                return item;
        return default;
    }

    public static T Last<T>(this IEnumerable<T> source)
    {
        Check(source);
        if (!TryLast(source, _ => true, out T last))
            throw new InvalidOperationException(NoElements);
        return last;
    }

    public static T Last<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        if (!TryLast(source, predicate, out T last))
            throw new InvalidOperationException(NoMatch);
        return last;
    }

    public static T LastOrDefault<T>(this IEnumerable<T> source)
    {
        Check(source);
        TryLast(source, _ => true, out T last);
        return last;
    }

    public static T LastOrDefault<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        TryLast(source, predicate, out T last);
        return last;
    }

    private static bool TryLast<T>(IEnumerable<T> source, Func<T, bool> predicate, out T last)
    {
        if (source is IReadOnlyList<T> list)
        {
            for (int i = list.Count - 1; i >= 0; i--)
                if (predicate(list[i]))
                {
                    last = list[i];
                    return true;
                }
            last = default;
            return false;
        }
        bool found = false;
        last = default;
        foreach (T item in source)
            if (predicate(item))
            {
                last = item;
                found = true;
            }
        return found;
    }

    public static T Single<T>(this IEnumerable<T> source)
    {
        Check(source);
        return TryOnly(source, out T single) ? single : throw new InvalidOperationException(NoElements);
    }

    public static T Single<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        if (!TrySingle(source, predicate, out T single))
            throw new InvalidOperationException(NoMatch);
        return single;
    }

    public static T SingleOrDefault<T>(this IEnumerable<T> source)
    {
        Check(source);
        TryOnly(source, out T single);
        return single;
    }

    // The one element: false when there is none; more than one is an error.
    private static bool TryOnly<T>(IEnumerable<T> source, out T single)
    {
        using IEnumerator<T> items = source.GetEnumerator();
        single = default;
        if (!items.MoveNext())
            return false;
        single = items.Current;
        if (items.MoveNext())
            throw new InvalidOperationException(MoreThanOne);
        return true;
    }

    public static T SingleOrDefault<T>(this IEnumerable<T> source, Func<T, bool> predicate)
    {
        Check(source, predicate);
        TrySingle(source, predicate, out T single);
        return single;
    }

    private static bool TrySingle<T>(IEnumerable<T> source, Func<T, bool> predicate, out T single)
    {
        bool found = false;
        single = default;
        foreach (T item in source)
        {
            if (!predicate(item))
                continue;
            if (found)
                throw new InvalidOperationException(MoreThanOneMatch);
            single = item;
            found = true;
        }
        return found;
    }

    public static T ElementAt<T>(this IEnumerable<T> source, int index)
    {
        Check(source);
        if (index >= 0)
        {
            if (source is IReadOnlyList<T> list)
            {
                if (index < list.Count)
                    return list[index];
            }
            else
            {
                foreach (T item in source)
                    if (index-- == 0)
                        return item;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    public static T ElementAtOrDefault<T>(this IEnumerable<T> source, int index)
    {
        Check(source);
        if (index >= 0)
            foreach (T item in source)
                if (index-- == 0)
                    return item;
        return default;
    }

    // ---- Argument checks ----

    private static void Check(object source, string name = "source")
    {
        if (source is null)
            throw new ArgumentNullException(name);
    }

    private static void Check(object source, object function, string name = "predicate")
    {
        Check(source);
        Check(function, name);
    }
}
