namespace System.Linq;

using System.Collections.Generic;

/// <summary>LINQ's aggregates (sums, extremes, averages, folds) and conversions to collections.</summary>
public static partial class Enumerable
{
    // ---- Sums and averages: int and long sums are checked, as .NET's are ----

    public static int Sum(this IEnumerable<int> source)
    {
        Check(source);
        int sum = 0;
        foreach (int item in source)
            sum = checked(sum + item);
        return sum;
    }

    public static long Sum(this IEnumerable<long> source)
    {
        Check(source);
        long sum = 0;
        foreach (long item in source)
            sum = checked(sum + item);
        return sum;
    }

    public static double Sum(this IEnumerable<double> source)
    {
        Check(source);
        double sum = 0;
        foreach (double item in source)
            sum += item;
        return sum;
    }

    public static int Sum<T>(this IEnumerable<T> source, Func<T, int> selector) => Sum(Select(source, selector));

    public static long Sum<T>(this IEnumerable<T> source, Func<T, long> selector) => Sum(Select(source, selector));

    public static double Sum<T>(this IEnumerable<T> source, Func<T, double> selector) => Sum(Select(source, selector));

    public static double Average(this IEnumerable<int> source)
    {
        Check(source);
        long sum = 0, count = 0;
        foreach (int item in source)
        {
            sum += item;
            count++;
        }
        return count == 0 ? throw new InvalidOperationException(NoElements) : (double)sum / count;
    }

    public static double Average(this IEnumerable<long> source)
    {
        Check(source);
        long sum = 0, count = 0;
        foreach (long item in source)
        {
            sum = checked(sum + item);
            count++;
        }
        return count == 0 ? throw new InvalidOperationException(NoElements) : (double)sum / count;
    }

    public static double Average(this IEnumerable<double> source)
    {
        Check(source);
        double sum = 0;
        long count = 0;
        foreach (double item in source)
        {
            sum += item;
            count++;
        }
        return count == 0 ? throw new InvalidOperationException(NoElements) : sum / count;
    }

    public static double Average<T>(this IEnumerable<T> source, Func<T, int> selector) => Average(Select(source, selector));

    public static double Average<T>(this IEnumerable<T> source, Func<T, double> selector) => Average(Select(source, selector));

    // ---- Extremes: the first of equal extremes; an empty sequence of values is an error,
    // of references or nullables null (as in .NET) ----

    public static int Min(this IEnumerable<int> source) => Extreme(source, null, -1);

    public static int Max(this IEnumerable<int> source) => Extreme(source, null, 1);

    public static long Min(this IEnumerable<long> source) => Extreme(source, null, -1);

    public static long Max(this IEnumerable<long> source) => Extreme(source, null, 1);

    public static T Min<T>(this IEnumerable<T> source) => Extreme(source, null, -1);

    public static T Max<T>(this IEnumerable<T> source) => Extreme(source, null, 1);

    public static T Min<T>(this IEnumerable<T> source, IComparer<T> comparer) => Extreme(source, comparer, -1);

    public static T Max<T>(this IEnumerable<T> source, IComparer<T> comparer) => Extreme(source, comparer, 1);

    public static TResult Min<T, TResult>(this IEnumerable<T> source, Func<T, TResult> selector) => Extreme(Select(source, selector), null, -1);

    public static TResult Max<T, TResult>(this IEnumerable<T> source, Func<T, TResult> selector) => Extreme(Select(source, selector), null, 1);

    public static T MinBy<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector) => ExtremeBy(source, keySelector, -1);

    public static T MaxBy<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector) => ExtremeBy(source, keySelector, 1);

    // sign -1: the least; 1: the greatest. Nulls are skipped, as .NET skips them.
    private static T Extreme<T>(IEnumerable<T> source, IComparer<T> comparer, int sign)
    {
        Check(source);
        comparer ??= Comparer<T>.Default;
        bool found = false;
        T best = default;
        foreach (T item in source)
        {
            if (item == null)
                continue;
            if (!found || comparer.Compare(item, best) * sign > 0)
                best = item;
            found = true;
        }
        if (!found && default(T) != null)
            throw new InvalidOperationException(NoElements);
        return best;
    }

    private static T ExtremeBy<T, TKey>(IEnumerable<T> source, Func<T, TKey> keySelector, int sign)
    {
        Check(source, keySelector, nameof(keySelector));
        Comparer<TKey> comparer = Comparer<TKey>.Default;
        bool found = false;
        T best = default;
        TKey bestKey = default;
        foreach (T item in source)
        {
            TKey key = keySelector(item);
            if (key == null)
                continue;
            if (!found || comparer.Compare(key, bestKey) * sign > 0)
            {
                best = item;
                bestKey = key;
            }
            found = true;
        }
        if (!found && default(T) != null)
            throw new InvalidOperationException(NoElements);
        return best;
    }

    // ---- Folds ----

    public static T Aggregate<T>(this IEnumerable<T> source, Func<T, T, T> func)
    {
        Check(source, func, nameof(func));
        using IEnumerator<T> items = source.GetEnumerator();
        if (!items.MoveNext())
            throw new InvalidOperationException(NoElements);
        T result = items.Current;
        while (items.MoveNext())
            result = func(result, items.Current);
        return result;
    }

    public static TAccumulate Aggregate<T, TAccumulate>(this IEnumerable<T> source, TAccumulate seed, Func<TAccumulate, T, TAccumulate> func)
    {
        Check(source, func, nameof(func));
        TAccumulate result = seed;
        foreach (T item in source)
            result = func(result, item);
        return result;
    }

    public static TResult Aggregate<T, TAccumulate, TResult>(this IEnumerable<T> source, TAccumulate seed, Func<TAccumulate, T, TAccumulate> func, Func<TAccumulate, TResult> resultSelector)
    {
        Check(resultSelector, nameof(resultSelector));
        return resultSelector(Aggregate(source, seed, func));
    }

    // ---- Conversions ----

    public static List<T> ToList<T>(this IEnumerable<T> source)
    {
        Check(source);
        return new List<T>(source);
    }

    public static T[] ToArray<T>(this IEnumerable<T> source)
    {
        Check(source);
        return new List<T>(source).ToArray();
    }

    public static HashSet<T> ToHashSet<T>(this IEnumerable<T> source)
    {
        Check(source);
        return new HashSet<T>(source);
    }

    public static Dictionary<TKey, T> ToDictionary<T, TKey>(this IEnumerable<T> source, Func<T, TKey> keySelector) =>
        ToDictionary(source, keySelector, item => item);

    /// <summary>A dictionary of the elements' keys and values; a repeated key is an ArgumentException, as in .NET.</summary>
    public static Dictionary<TKey, TValue> ToDictionary<T, TKey, TValue>(this IEnumerable<T> source, Func<T, TKey> keySelector, Func<T, TValue> elementSelector)
    {
        Check(source, keySelector, nameof(keySelector));
        Check(elementSelector, nameof(elementSelector));
        var dictionary = new Dictionary<TKey, TValue>();
        foreach (T item in source)
            dictionary.Add(keySelector(item), elementSelector(item));
        return dictionary;
    }
}
