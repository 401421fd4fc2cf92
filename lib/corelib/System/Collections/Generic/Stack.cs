namespace System.Collections.Generic;

/// <summary>Last in, first out, over an array that doubles when full; enumerates from the top down, as .NET's does.</summary>
public class Stack<T> : IReadOnlyCollection<T>
{
    private const int FirstCapacity = 4;

    private T[] _items = [];
    private int _count;
    private int _version;

    public Stack()
    {
    }

    /// <summary>Pushes the items in order: the last is on top.</summary>
    public Stack(IEnumerable<T> items)
    {
        foreach (T item in items)
            Push(item);
    }

    public int Count => _count;

    public void Push(T item)
    {
        if (_count == _items.Length)
        {
            var larger = new T[_items.Length == 0 ? FirstCapacity : 2 * _items.Length];
            new Span<T>(_items, 0, _count).CopyTo(larger);
            _items = larger;
        }
        _items[_count++] = item;
        _version++;
    }

    public T Pop()
    {
        if (!TryPop(out T item))
            throw new InvalidOperationException("the stack is empty");
        return item;
    }

    public bool TryPop(out T item)
    {
        if (_count == 0)
        {
            item = default;
            return false;
        }
        item = _items[--_count];
        _items[_count] = default;   // no stale reference keeps an object alive
        _version++;
        return true;
    }

    public T Peek()
    {
        if (_count == 0)
            throw new InvalidOperationException("the stack is empty");
        return _items[_count - 1];
    }

    public bool Contains(T item)
    {
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _count; i++)
            if (comparer.Equals(_items[i], item))
                return true;
        return false;
    }

    public void Clear()
    {
        new Span<T>(_items, 0, _count).Clear();
        _count = 0;
        _version++;
    }

    /// <summary>The elements from the top down.</summary>
    public T[] ToArray()
    {
        var array = new T[_count];
        for (int i = 0; i < _count; i++)
            array[i] = _items[_count - 1 - i];
        return array;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => new Enumerator(this);

    /// <summary>Walks from the top down; throws if the stack changes meanwhile.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly Stack<T> _stack;
        private readonly int _version;
        private int _index;   // how many have been handed out
        private T _current;

        internal Enumerator(Stack<T> stack)
        {
            _stack = stack;
            _version = stack._version;
            _index = 0;
            _current = default;
        }

        public readonly T Current => _current;

        readonly object IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_version != _stack._version)
                throw new InvalidOperationException("the stack changed during the enumeration");
            if (_index >= _stack._count)
            {
                _current = default;
                return false;
            }
            _current = _stack._items[_stack._count - 1 - _index++];
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
