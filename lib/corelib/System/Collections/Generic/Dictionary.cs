namespace System.Collections.Generic;

/// <summary>
/// A hash table from keys to values. Entries live in one array in the order they were added (a
/// removed entry's place is reused first); each bucket heads a chain of entries through that array,
/// so a lookup hashes once and compares along one short chain. The buckets double when the table
/// is full. Behaves as .NET's <c>Dictionary&lt;TKey, TValue&gt;</c> for the members it has (host
/// tests compare the two, enumeration order included).
/// </summary>
public class Dictionary<TKey, TValue> : IReadOnlyCollection<KeyValuePair<TKey, TValue>>
{
    private const int FirstCapacity = 4;
    private const int EndOfChain = -1;
    // A free entry's Next is FreeListEncoding - (the next free entry), which is never a chain link (>= -1).
    private const int FreeListEncoding = -3;

    private struct Entry
    {
        public int HashCode;
        public int Next;   // the next entry in the chain, or in the free list (encoded)
        public TKey Key;
        public TValue Value;
    }

    private readonly IEqualityComparer<TKey> _comparer;
    private int[] _buckets;   // the first entry of each chain, plus one (0: empty)
    private Entry[] _entries;
    private int _used;        // entries ever taken, free ones included
    private int _freeList = EndOfChain;
    private int _freeCount;
    private int _version;

    public Dictionary() : this(0, null)
    {
    }

    public Dictionary(IEqualityComparer<TKey> comparer) : this(0, comparer)
    {
    }

    public Dictionary(int capacity) : this(capacity, null)
    {
    }

    public Dictionary(int capacity, IEqualityComparer<TKey> comparer)
    {
        if (capacity < 0)
            throw new ArgumentOutOfRangeException(nameof(capacity));
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        Allocate(capacity < FirstCapacity ? FirstCapacity : capacity);
    }

    public int Count => _used - _freeCount;

    public TValue this[TKey key]
    {
        get
        {
            int index = Find(key);
            if (index < 0)
                throw new KeyNotFoundException();
            return _entries[index].Value;
        }
        set => Insert(key, value, overwrite: true);
    }

    /// <summary>Adds an entry; an existing key is an <see cref="ArgumentException"/>.</summary>
    public void Add(TKey key, TValue value) => Insert(key, value, overwrite: false);

    /// <summary>Adds an entry unless the key is there already (false then, and nothing changes).</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (Find(key) >= 0)
            return false;
        Insert(key, value, overwrite: false);
        return true;
    }

    public bool ContainsKey(TKey key) => Find(key) >= 0;

    public bool ContainsValue(TValue value)
    {
        EqualityComparer<TValue> comparer = EqualityComparer<TValue>.Default;
        for (int i = 0; i < _used; i++)
            if (_entries[i].Next >= EndOfChain && comparer.Equals(_entries[i].Value, value))
                return true;
        return false;
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        int index = Find(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    public bool Remove(TKey key) => Remove(key, out _);

    public bool Remove(TKey key, out TValue value)
    {
        if (key == null)
            throw new ArgumentNullException(nameof(key));
        int hashCode = HashOf(key);
        ref int bucket = ref _buckets[BucketOf(hashCode)];
        int previous = EndOfChain;
        for (int i = bucket - 1; i >= 0; previous = i, i = _entries[i].Next)
        {
            ref Entry entry = ref _entries[i];
            if (entry.HashCode != hashCode || !_comparer.Equals(entry.Key, key))
                continue;
            if (previous == EndOfChain)
                bucket = entry.Next + 1;
            else
                _entries[previous].Next = entry.Next;
            value = entry.Value;
            entry.Key = default;   // no stale reference keeps an object alive
            entry.Value = default;
            entry.Next = FreeListEncoding - _freeList;
            _freeList = i;
            _freeCount++;
            return true;   // as in .NET, an enumeration may go on past a removal
        }
        value = default;
        return false;
    }

    public void Clear()
    {
        if (_used == 0)
            return;
        new Span<int>(_buckets).Clear();
        new Span<Entry>(_entries, 0, _used).Clear();
        _used = 0;
        _freeList = EndOfChain;
        _freeCount = 0;
        _version++;
    }

    public KeyCollection Keys => new(this);

    public ValueCollection Values => new(this);

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => new Enumerator(this);

    // The hash with the sign bit cleared, so it indexes a bucket as it is.
    private int HashOf(TKey key) => _comparer.GetHashCode(key) & int.MaxValue;

    private int BucketOf(int hashCode) => hashCode % _buckets.Length;

    private int Find(TKey key)
    {
        if (key == null)
            throw new ArgumentNullException(nameof(key));
        int hashCode = HashOf(key);
        for (int i = _buckets[BucketOf(hashCode)] - 1; i >= 0; i = _entries[i].Next)
            if (_entries[i].HashCode == hashCode && _comparer.Equals(_entries[i].Key, key))
                return i;
        return -1;
    }

    private void Insert(TKey key, TValue value, bool overwrite)
    {
        int existing = Find(key);
        if (existing >= 0)
        {
            if (!overwrite)
                throw new ArgumentException("an entry with the same key is already in the dictionary");
            _entries[existing].Value = value;   // as in .NET, not a change an enumeration must notice
            return;
        }
        int index;
        if (_freeCount > 0)
        {
            index = _freeList;
            _freeList = FreeListEncoding - _entries[index].Next;
            _freeCount--;
        }
        else
        {
            if (_used == _entries.Length)
                Resize(2 * _entries.Length);
            index = _used++;
        }
        int hashCode = HashOf(key);
        ref int bucket = ref _buckets[BucketOf(hashCode)];
        _entries[index] = new Entry { HashCode = hashCode, Next = bucket - 1, Key = key, Value = value };
        bucket = index + 1;
        _version++;
    }

    private void Allocate(int capacity)
    {
        _buckets = new int[capacity];
        _entries = new Entry[capacity];
    }

    // Entries keep their places (only a table without free entries grows); the chains are rebuilt.
    private void Resize(int capacity)
    {
        Entry[] entries = _entries;
        Allocate(capacity);
        new Span<Entry>(entries, 0, _used).CopyTo(_entries);
        for (int i = 0; i < _used; i++)
        {
            ref int bucket = ref _buckets[BucketOf(_entries[i].HashCode)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    /// <summary>Walks the entries in the order they were added (a removed entry's place is reused first).</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        private readonly Dictionary<TKey, TValue> _dictionary;
        private readonly int _version;
        private int _index;
        private KeyValuePair<TKey, TValue> _current;

        internal Enumerator(Dictionary<TKey, TValue> dictionary)
        {
            _dictionary = dictionary;
            _version = dictionary._version;
            _index = 0;
            _current = default;
        }

        public readonly KeyValuePair<TKey, TValue> Current => _current;

        readonly object IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_version != _dictionary._version)
                throw new InvalidOperationException("the dictionary changed during the enumeration");
            while (_index < _dictionary._used)
            {
                ref Entry entry = ref _dictionary._entries[_index++];
                if (entry.Next >= EndOfChain)
                {
                    _current = new KeyValuePair<TKey, TValue>(entry.Key, entry.Value);
                    return true;
                }
            }
            _current = default;
            return false;
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

    /// <summary>The keys, in the dictionary's order.</summary>
    public readonly struct KeyCollection(Dictionary<TKey, TValue> dictionary) : IReadOnlyCollection<TKey>
    {
        public int Count => dictionary.Count;

        public KeyEnumerator GetEnumerator() => new(dictionary);

        IEnumerator<TKey> IEnumerable<TKey>.GetEnumerator() => new KeyEnumerator(dictionary);

        IEnumerator IEnumerable.GetEnumerator() => new KeyEnumerator(dictionary);
    }

    /// <summary>The values, in the dictionary's order.</summary>
    public readonly struct ValueCollection(Dictionary<TKey, TValue> dictionary) : IReadOnlyCollection<TValue>
    {
        public int Count => dictionary.Count;

        public ValueEnumerator GetEnumerator() => new(dictionary);

        IEnumerator<TValue> IEnumerable<TValue>.GetEnumerator() => new ValueEnumerator(dictionary);

        IEnumerator IEnumerable.GetEnumerator() => new ValueEnumerator(dictionary);
    }

    public struct KeyEnumerator(Dictionary<TKey, TValue> dictionary) : IEnumerator<TKey>
    {
        private Enumerator _entries = new(dictionary);

        public readonly TKey Current => _entries.Current.Key;

        readonly object IEnumerator.Current => _entries.Current.Key;

        public bool MoveNext() => _entries.MoveNext();

        public void Reset() => _entries.Reset();

        public readonly void Dispose()
        {
        }
    }

    public struct ValueEnumerator(Dictionary<TKey, TValue> dictionary) : IEnumerator<TValue>
    {
        private Enumerator _entries = new(dictionary);

        public readonly TValue Current => _entries.Current.Value;

        readonly object IEnumerator.Current => _entries.Current.Value;

        public bool MoveNext() => _entries.MoveNext();

        public void Reset() => _entries.Reset();

        public readonly void Dispose()
        {
        }
    }
}
