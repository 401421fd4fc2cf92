namespace System.Collections.Generic;

/// <summary>
/// A set of distinct values: a <see cref="Dictionary{TKey, TValue}"/> whose values carry nothing, so
/// it hashes, orders and enumerates exactly as the dictionary does.
/// </summary>
public class HashSet<T> : IReadOnlyCollection<T>
{
    private readonly Dictionary<T, bool> _items;

    public HashSet() => _items = new Dictionary<T, bool>();

    public HashSet(IEqualityComparer<T> comparer) => _items = new Dictionary<T, bool>(comparer);

    public HashSet(IEnumerable<T> items) : this()
    {
        foreach (T item in items)
            Add(item);
    }

    public int Count => _items.Count;

    /// <summary>Adds <paramref name="item"/>; false if it was there already.</summary>
    public bool Add(T item) => _items.TryAdd(item, true);

    public bool Remove(T item) => _items.Remove(item);

    public bool Contains(T item) => _items.ContainsKey(item);

    public void Clear() => _items.Clear();

    public void UnionWith(IEnumerable<T> other)
    {
        foreach (T item in other)
            Add(item);
    }

    public void ExceptWith(IEnumerable<T> other)
    {
        foreach (T item in other)
            Remove(item);
    }

    public Dictionary<T, bool>.KeyEnumerator GetEnumerator() => _items.Keys.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => _items.Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.Keys.GetEnumerator();
}
