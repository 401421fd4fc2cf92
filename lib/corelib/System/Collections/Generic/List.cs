namespace System.Collections.Generic;

/// <summary>
/// A growable array: elements in order, read and written by index, appended in amortized constant
/// time (the store doubles when full). Behaves as .NET's <c>List&lt;T&gt;</c> for the members it has
/// (host tests compare the two); changing the list during a <c>foreach</c> over it throws.
/// </summary>
public class List<T> : IReadOnlyList<T>
{
    private const int FirstCapacity = 4;

    private T[] _items;
    private int _count;
    private int _version;   // changes with every change, so an enumerator notices one

    public List() => _items = [];

    public List(int capacity)
    {
        if (capacity < 0)
            throw new ArgumentOutOfRangeException(nameof(capacity));
        _items = new T[capacity];
    }

    public List(IEnumerable<T> items) : this()
    {
        foreach (T item in items)
            Add(item);
    }

    public int Count => _count;

    public int Capacity => _items.Length;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
                throw new ArgumentOutOfRangeException(nameof(index));
            return _items[index];
        }
        set
        {
            if ((uint)index >= (uint)_count)
                throw new ArgumentOutOfRangeException(nameof(index));
            _items[index] = value;
            _version++;
        }
    }

    public void Add(T item)
    {
        if (_count == _items.Length)
            Grow(_count + 1);
        _items[_count++] = item;
        _version++;
    }

    public void AddRange(IEnumerable<T> items)
    {
        foreach (T item in items)
            Add(item);
    }

    public void Insert(int index, T item)
    {
        if ((uint)index > (uint)_count)
            throw new ArgumentOutOfRangeException(nameof(index));
        if (_count == _items.Length)
            Grow(_count + 1);
        new Span<T>(_items, index, _count - index).CopyTo(new Span<T>(_items, index + 1, _count - index));
        _items[index] = item;
        _count++;
        _version++;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
            throw new ArgumentOutOfRangeException(nameof(index));
        _count--;
        new Span<T>(_items, index + 1, _count - index).CopyTo(new Span<T>(_items, index, _count - index));
        _items[_count] = default;   // no stale reference keeps an object alive
        _version++;
    }

    public void RemoveRange(int index, int count)
    {
        if (index < 0 || count < 0)
            throw new ArgumentOutOfRangeException(index < 0 ? nameof(index) : nameof(count));
        if (_count - index < count)
            throw new ArgumentException("the range runs past the end of the list");
        if (count == 0)
            return;
        _count -= count;
        new Span<T>(_items, index + count, _count - index).CopyTo(new Span<T>(_items, index, _count - index));
        new Span<T>(_items, _count, count).Clear();
        _version++;
    }

    /// <summary>Removes the first element equal to <paramref name="item"/>; false if there is none.</summary>
    public bool Remove(T item)
    {
        int index = IndexOf(item);
        if (index < 0)
            return false;
        RemoveAt(index);
        return true;
    }

    public void Clear()
    {
        new Span<T>(_items, 0, _count).Clear();
        _count = 0;
        _version++;
    }

    public int IndexOf(T item)
    {
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _count; i++)
            if (comparer.Equals(_items[i], item))
                return i;
        return -1;
    }

    public int LastIndexOf(T item)
    {
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = _count - 1; i >= 0; i--)
            if (comparer.Equals(_items[i], item))
                return i;
        return -1;
    }

    public bool Contains(T item) => IndexOf(item) >= 0;

    public void Reverse()
    {
        for (int i = 0, j = _count - 1; i < j; i++, j--)
        {
            T item = _items[i];
            _items[i] = _items[j];
            _items[j] = item;
        }
        _version++;
    }

    /// <summary>Sorts in place by the elements' own order.</summary>
    public void Sort() => Sort((IComparer<T>)null);

    /// <summary>
    /// Sorts in place by <paramref name="comparer"/> (the elements' own order if null). A stable merge
    /// sort: equal elements keep their order (.NET's sort does not promise that; for a total order
    /// the results are the same).
    /// </summary>
    public void Sort(IComparer<T> comparer)
    {
        comparer ??= Comparer<T>.Default;
        if (_count > 1)
            MergeSort(_items, new T[_count], 0, _count, comparer);
        _version++;
    }

    private static void MergeSort(T[] items, T[] scratch, int start, int end, IComparer<T> comparer)
    {
        if (end - start < 2)
            return;
        int middle = start + (end - start) / 2;
        MergeSort(items, scratch, start, middle, comparer);
        MergeSort(items, scratch, middle, end, comparer);
        if (comparer.Compare(items[middle - 1], items[middle]) <= 0)
            return;   // already in order
        int left = start, right = middle, to = start;
        while (left < middle && right < end)
            scratch[to++] = comparer.Compare(items[right], items[left]) < 0 ? items[right++] : items[left++];
        while (left < middle)
            scratch[to++] = items[left++];
        while (right < end)
            scratch[to++] = items[right++];
        new Span<T>(scratch, start, end - start).CopyTo(new Span<T>(items, start, end - start));
    }

    /// <summary>Sorts in place by <paramref name="comparison"/>, stably (see <see cref="Sort(IComparer{T})"/>).</summary>
    public void Sort(Comparison<T> comparison)
    {
        if (comparison is null)
            throw new ArgumentNullException(nameof(comparison));
        Sort(Comparer<T>.Create(comparison));
    }

    /// <summary>The first element <paramref name="match"/> accepts, or the default value.</summary>
    public T Find(Predicate<T> match)
    {
        int index = FindIndex(match);
        return index >= 0 ? _items[index] : default;
    }

    public T FindLast(Predicate<T> match)
    {
        CheckMatch(match);
        for (int i = _count - 1; i >= 0; i--)
            if (match(_items[i]))
                return _items[i];
        return default;
    }

    public int FindIndex(Predicate<T> match)
    {
        CheckMatch(match);
        for (int i = 0; i < _count; i++)
            if (match(_items[i]))
                return i;
        return -1;
    }

    public List<T> FindAll(Predicate<T> match)
    {
        CheckMatch(match);
        var found = new List<T>();
        for (int i = 0; i < _count; i++)
            if (match(_items[i]))
                found.Add(_items[i]);
        return found;
    }

    public bool Exists(Predicate<T> match) => FindIndex(match) >= 0;

    public bool TrueForAll(Predicate<T> match)
    {
        CheckMatch(match);
        for (int i = 0; i < _count; i++)
            if (!match(_items[i]))
                return false;
        return true;
    }

    /// <summary>Removes every element <paramref name="match"/> accepts; how many went.</summary>
    public int RemoveAll(Predicate<T> match)
    {
        CheckMatch(match);
        int kept = 0;
        for (int i = 0; i < _count; i++)
            if (!match(_items[i]))
                _items[kept++] = _items[i];
        int removed = _count - kept;
        new Span<T>(_items, kept, removed).Clear();
        _count = kept;
        if (removed > 0)
            _version++;
        return removed;
    }

    /// <summary>Calls <paramref name="action"/> on each element in order; the list must not change meanwhile.</summary>
    public void ForEach(Action<T> action)
    {
        if (action is null)
            throw new ArgumentNullException(nameof(action));
        int version = _version;
        for (int i = 0; i < _count && version == _version; i++)
            action(_items[i]);
        if (version != _version)
            throw new InvalidOperationException("the list changed during ForEach");
    }

    public List<TOutput> ConvertAll<TOutput>(Converter<T, TOutput> converter)
    {
        if (converter is null)
            throw new ArgumentNullException(nameof(converter));
        var converted = new List<TOutput>(_count);
        for (int i = 0; i < _count; i++)
            converted.Add(converter(_items[i]));
        return converted;
    }

    private static void CheckMatch(Predicate<T> match)
    {
        if (match is null)
            throw new ArgumentNullException(nameof(match));
    }

    public T[] ToArray() => new Span<T>(_items, 0, _count).ToArray();

    /// <summary>A new list of the <paramref name="count"/> items from <paramref name="index"/>.</summary>
    public List<T> GetRange(int index, int count)
    {
        if (index < 0 || count < 0)
            throw new ArgumentOutOfRangeException(index < 0 ? nameof(index) : nameof(count));
        if (_count - index < count)
            throw new ArgumentException("the range runs past the end of the list");
        var range = new List<T>(count);
        for (int i = 0; i < count; i++)
            range.Add(_items[index + i]);
        return range;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => new Enumerator(this);

    private void Grow(int needed)
    {
        int capacity = _items.Length == 0 ? FirstCapacity : 2 * _items.Length;
        if (capacity < needed)
            capacity = needed;
        var larger = new T[capacity];
        new Span<T>(_items, 0, _count).CopyTo(larger);
        _items = larger;
    }

    /// <summary>Walks the list in order; throws if the list changes meanwhile.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly List<T> _list;
        private readonly int _version;
        private int _index;
        private T _current;

        internal Enumerator(List<T> list)
        {
            _list = list;
            _version = list._version;
            _index = 0;
            _current = default;
        }

        public readonly T Current => _current;

        readonly object IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_version != _list._version)
                throw new InvalidOperationException("the list changed during the enumeration");
            if (_index >= _list._count)
            {
                _current = default;
                return false;
            }
            _current = _list._items[_index++];
            return true;
        }

        public void Reset()
        {
            _index = 0;
            _current = default;
        }

        public readonly void Dispose()
        {
        }
    }
}
