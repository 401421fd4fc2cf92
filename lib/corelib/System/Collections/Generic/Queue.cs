namespace System.Collections.Generic;

/// <summary>First in, first out: a ring over an array that doubles when full.</summary>
public class Queue<T> : IReadOnlyCollection<T>
{
    private const int FirstCapacity = 4;

    private T[] _items = [];
    private int _head;    // the oldest element
    private int _count;
    private int _version;

    public Queue()
    {
    }

    public Queue(IEnumerable<T> items)
    {
        foreach (T item in items)
            Enqueue(item);
    }

    public int Count => _count;

    public void Enqueue(T item)
    {
        if (_count == _items.Length)
            Grow();
        _items[(_head + _count) % _items.Length] = item;
        _count++;
        _version++;
    }

    public T Dequeue()
    {
        if (!TryDequeue(out T item))
            throw new InvalidOperationException("the queue is empty");
        return item;
    }

    public bool TryDequeue(out T item)
    {
        if (_count == 0)
        {
            item = default;
            return false;
        }
        item = _items[_head];
        _items[_head] = default;   // no stale reference keeps an object alive
        _head = (_head + 1) % _items.Length;
        _count--;
        _version++;
        return true;
    }

    public T Peek()
    {
        if (_count == 0)
            throw new InvalidOperationException("the queue is empty");
        return _items[_head];
    }

    public bool Contains(T item)
    {
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _count; i++)
            if (comparer.Equals(_items[(_head + i) % _items.Length], item))
                return true;
        return false;
    }

    public void Clear()
    {
        while (_count > 0)
            TryDequeue(out _);
        _head = 0;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => new Enumerator(this);

    private void Grow()
    {
        var larger = new T[_items.Length == 0 ? FirstCapacity : 2 * _items.Length];
        for (int i = 0; i < _count; i++)
            larger[i] = _items[(_head + i) % _items.Length];
        _items = larger;
        _head = 0;
    }

    /// <summary>Walks from the oldest element to the newest; throws if the queue changes meanwhile.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly Queue<T> _queue;
        private readonly int _version;
        private int _index;
        private T _current;

        internal Enumerator(Queue<T> queue)
        {
            _queue = queue;
            _version = queue._version;
            _index = 0;
            _current = default;
        }

        public readonly T Current => _current;

        readonly object IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_version != _queue._version)
                throw new InvalidOperationException("the queue changed during the enumeration");
            if (_index >= _queue._count)
            {
                _current = default;
                return false;
            }
            _current = _queue._items[(_queue._head + _index++) % _queue._items.Length];
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
