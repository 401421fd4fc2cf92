extern alias ocean;

namespace Ocean.UnitTests;

using Ours = ocean::System.Linq.Enumerable;

/// <summary>
/// libc's LINQ (lib/libc/Linq, issue 19's base library) compiled for .NET and run beside .NET's own
/// over random sequences: every query's elements, order and exception type must be the same.
/// </summary>
public class LinqTests
{
    private const int Rounds = 2_000;

    [Fact]
    public void QueriesGiveWhatDotNetGives()
    {
        var random = new Random(28);
        for (int round = 0; round < Rounds; round++)
        {
            int[] items = Enumerable.Range(0, random.Next(0, 12)).Select(_ => random.Next(-5, 10)).ToArray();
            int n = random.Next(-2, 14), k = random.Next(-3, 6);
            int[] other = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(-5, 10)).ToArray();
            Func<int, bool> even = x => x % 2 == 0;
            Func<int, bool> below = x => x < k;

            Same(Enumerable.Where(items, even), Ours.Where(items, even));
            Same(Enumerable.Where(items, (x, i) => x > i), Ours.Where(items, (x, i) => x > i));
            Same(Enumerable.Select(items, x => x * 3 - 1), Ours.Select(items, x => x * 3 - 1));
            Same(Enumerable.Select(items, (x, i) => x + i), Ours.Select(items, (x, i) => x + i));
            Same(Enumerable.SelectMany(items, x => Enumerable.Repeat(x, Math.Abs(x) % 3)), Ours.SelectMany(items, x => Enumerable.Repeat(x, Math.Abs(x) % 3)));
            Same(Enumerable.Take(items, n), Ours.Take(items, n));
            Same(Enumerable.Skip(items, n), Ours.Skip(items, n));
            Same(Enumerable.TakeWhile(items, below), Ours.TakeWhile(items, below));
            Same(Enumerable.SkipWhile(items, below), Ours.SkipWhile(items, below));
            Same(() => Enumerable.Chunk(items, k).Select(c => string.Join("+", c)), () => Ours.Chunk(items, k).Select(c => string.Join("+", c)));
            Same(Enumerable.Concat(items, other), Ours.Concat(items, other));
            Same(Enumerable.Append(items, n), Ours.Append(items, n));
            Same(Enumerable.Prepend(items, n), Ours.Prepend(items, n));
            Same(Enumerable.Zip(items, other, (a, b) => a * 100 + b), Ours.Zip(items, other, (a, b) => a * 100 + b));
            Same(Enumerable.Zip(items, other).Select(p => p.First - p.Second), Ours.Zip(items, other).Select(p => p.First - p.Second));
            Same(Enumerable.DefaultIfEmpty(items, n), Ours.DefaultIfEmpty(items, n));
            Same(Enumerable.Reverse(items), Ours.Reverse(items));
            Same(Enumerable.Distinct(items), Ours.Distinct(items));
            Same(Enumerable.DistinctBy(items, x => x / 3), Ours.DistinctBy(items, x => x / 3));
            Same(Enumerable.Union(items, other), Ours.Union(items, other));
            Same(Enumerable.Intersect(items, other), Ours.Intersect(items, other));
            Same(Enumerable.Except(items, other), Ours.Except(items, other));

            Same(() => Enumerable.Any(items), () => Ours.Any(items));
            Same(() => Enumerable.Any(items, below), () => Ours.Any(items, below));
            Same(() => Enumerable.All(items, below), () => Ours.All(items, below));
            Same(() => Enumerable.Contains(items, n), () => Ours.Contains(items, n));
            Same(() => Enumerable.Count(items), () => Ours.Count(items));
            Same(() => Enumerable.Count(items.Where(even)), () => Ours.Count(items.Where(even)));
            Same(() => Enumerable.Count(items, even), () => Ours.Count(items, even));
            Same(() => Enumerable.SequenceEqual(items, other), () => Ours.SequenceEqual(items, other));
            Same(() => Enumerable.SequenceEqual(items, items.ToArray()), () => Ours.SequenceEqual(items, items.ToArray()));

            Same(() => Enumerable.First(items), () => Ours.First(items));
            Same(() => Enumerable.First(items, below), () => Ours.First(items, below));
            Same(() => Enumerable.FirstOrDefault(items), () => Ours.FirstOrDefault(items));
            Same(() => Enumerable.FirstOrDefault(items, below), () => Ours.FirstOrDefault(items, below));
            Same(() => Enumerable.Last(items), () => Ours.Last(items));
            Same(() => Enumerable.Last(items.Where(even)), () => Ours.Last(items.Where(even)));
            Same(() => Enumerable.Last(items, below), () => Ours.Last(items, below));
            Same(() => Enumerable.LastOrDefault(items, below), () => Ours.LastOrDefault(items, below));
            Same(() => Enumerable.Single(other), () => Ours.Single(other));
            Same(() => Enumerable.Single(items, x => x == n), () => Ours.Single(items, x => x == n));
            Same(() => Enumerable.SingleOrDefault(other), () => Ours.SingleOrDefault(other));
            Same(() => Enumerable.SingleOrDefault(items, x => x == n), () => Ours.SingleOrDefault(items, x => x == n));
            Same(() => Enumerable.ElementAt(items, n), () => Ours.ElementAt(items, n));
            Same(() => Enumerable.ElementAt(items.Where(even), n), () => Ours.ElementAt(items.Where(even), n));
            Same(() => Enumerable.ElementAtOrDefault(items, n), () => Ours.ElementAtOrDefault(items, n));

            Same(() => Enumerable.Sum(items), () => Ours.Sum(items));
            Same(() => Enumerable.Sum(items, x => (long)x * x), () => Ours.Sum(items, x => (long)x * x));
            Same(() => Enumerable.Average(items), () => Ours.Average(items));
            Same(() => Enumerable.Average(items, x => x / 3.0), () => Ours.Average(items, x => x / 3.0));
            Same(() => Enumerable.Sum(items, x => x * 0.1), () => Ours.Sum(items, x => x * 0.1));
            Same(() => Enumerable.Max(items.Select(x => x == 3 ? double.NaN : x / 2.0)), () => Ours.Max(items.Select(x => x == 3 ? double.NaN : x / 2.0)));
            Same(() => Enumerable.Min(items.Select(x => x == 3 ? double.NaN : x / 2.0)), () => Ours.Min(items.Select(x => x == 3 ? double.NaN : x / 2.0)));
            Same(() => Enumerable.Min(items), () => Ours.Min(items));
            Same(() => Enumerable.Max(items), () => Ours.Max(items));
            Same(() => Enumerable.Max(items, x => -x), () => Ours.Max(items, x => -x));
            Same(() => Enumerable.MinBy(items, x => Math.Abs(x - k)), () => Ours.MinBy(items, x => Math.Abs(x - k)));
            Same(() => Enumerable.MaxBy(items, x => x % 4), () => Ours.MaxBy(items, x => x % 4));
            Same(() => Enumerable.Aggregate(items, (a, b) => a * 2 - b), () => Ours.Aggregate(items, (a, b) => a * 2 - b));
            Same(() => Enumerable.Aggregate(items, n, (a, b) => a - b, a => a * 2), () => Ours.Aggregate(items, n, (a, b) => a - b, a => a * 2));

            Same(Enumerable.OrderBy(items, x => Math.Abs(x)), Ours.OrderBy(items, x => Math.Abs(x)));
            Same(Enumerable.OrderByDescending(items, x => x % 3), Ours.OrderByDescending(items, x => x % 3));
            Same(items.Select((x, i) => (x, i)).OrderBy(p => p.x % 3).ThenByDescending(p => p.i).Select(p => p.i),
                 Ours.Select(Ours.ThenByDescending(Ours.OrderBy(items.Select((x, i) => (x, i)), p => p.x % 3), p => p.i), p => p.i));
            Same(Enumerable.Order(items), Ours.Order(items));
            Same(Enumerable.OrderDescending(items), Ours.OrderDescending(items));
            Same(Enumerable.GroupBy(items, x => x % 3).Select(g => $"{g.Key}:{string.Join("+", g)}"),
                 Ours.Select(Ours.GroupBy(items, x => x % 3), g => $"{g.Key}:{string.Join("+", g)}"));
            Same(Enumerable.GroupBy(items, x => x / 2, (key, g) => key * 1000 + g.Count()), Ours.GroupBy(items, x => x / 2, (key, g) => key * 1000 + g.Count()));
            Same(Enumerable.Join(items, other, x => x % 4, y => y % 4, (x, y) => x * 100 + y), Ours.Join(items, other, x => x % 4, y => y % 4, (x, y) => x * 100 + y));

            Same(Enumerable.ToList(items), Ours.ToList(items));
            Same(Enumerable.ToArray(items.Where(even)), Ours.ToArray(items.Where(even)));
            Same(() => string.Join(",", Enumerable.ToDictionary(items, x => x).Keys), () => string.Join(",", Ours.ToDictionary(items, x => x).Keys));
            Same(() => string.Join(",", Enumerable.ToDictionary(items.Distinct(), x => x, x => x * 2).Values), () => string.Join(",", Ours.ToDictionary(items.Distinct(), x => x, x => x * 2).Values));
        }
    }

    [Fact]
    public void TheSequenceMakersAndTheNullChecksMatchDotNet()
    {
        foreach ((int start, int count) in new[] { (0, 0), (3, 4), (-2, 5), (int.MaxValue, 1), (int.MaxValue, 2), (0, -1) })
            Same(() => Enumerable.Range(start, count), () => Ours.Range(start, count));
        Same(() => Enumerable.Repeat("a", 3), () => Ours.Repeat("a", 3));
        Same(() => Enumerable.Repeat("a", -1), () => Ours.Repeat("a", -1));
        Same(Enumerable.Empty<int>(), Ours.Empty<int>());
        int[] none = null;
        Same(() => Enumerable.Where(none, x => true), () => Ours.Where(none, x => true));
        Same(() => Enumerable.Select(new[] { 1 }, (Func<int, int>)null), () => Ours.Select(new[] { 1 }, (Func<int, int>)null));
        Same(() => Enumerable.Count(none), () => Ours.Count(none));
        Same(() => Enumerable.Sum(new[] { int.MaxValue, 1 }), () => Ours.Sum(new[] { int.MaxValue, 1 }));
        Same(() => Enumerable.Max(new string[0]), () => Ours.Max(new string[0]));
        Same(() => Enumerable.Max(new[] { "b", null, "a" }), () => Ours.Max(new[] { "b", null, "a" }));
        Same(() => Enumerable.Min(new int?[0]), () => Ours.Min(new int?[0]));
        Same(() => Enumerable.OfType<string>(new object[] { "a", 1, "b", null }), () => Ours.OfType<string>(new object[] { "a", 1, "b", null }));
        Same(() => Enumerable.Cast<string>(new object[] { "a", 1 }), () => Ours.Cast<string>(new object[] { "a", 1 }));
        Same(() => Enumerable.GroupBy(new[] { "a", null, "b", null }, s => s).Select(g => g.Count()), () => Ours.GroupBy(new[] { "a", null, "b", null }, s => s).Select(g => g.Count()));
        Same(() => Enumerable.ToDictionary(new[] { 1, 1 }, x => x), () => Ours.ToDictionary(new[] { 1, 1 }, x => x));
    }

    [Fact]
    public void LazyOperatorsRunAsTheyAreWalkedAndEachWalkStartsAgain()
    {
        int calls = 0;
        IEnumerable<int> query = Ours.Select(Ours.Range(0, 5), x => { calls++; return x * x; });
        Assert.Equal(0, calls);
        Assert.Equal(new[] { 0, 1, 4, 9, 16 }, query);
        Assert.Equal(new[] { 0, 1, 4, 9, 16 }, query);
        Assert.Equal(10, calls);
        Assert.Equal(0, Ours.First(query));
        Assert.Equal(11, calls);
    }

    // Two sequences: equal elements in order, or the same exception type when walked.
    private static void Same<T>(IEnumerable<T> theirs, IEnumerable<T> ours) => Same(() => theirs, () => ours);

    private static void Same<TTheirs, TOurs>(Func<TTheirs> theirs, Func<TOurs> ours) =>
        Assert.Equal(Text(theirs), Text(ours));

    private static string Text<T>(Func<T> get)
    {
        try
        {
            object value = get();
            return value is System.Collections.IEnumerable items and not string
                ? "[" + string.Join(",", items.Cast<object>().Select(x => x?.ToString() ?? "null")) + "]"
                : value?.ToString() ?? "null";
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }
}
