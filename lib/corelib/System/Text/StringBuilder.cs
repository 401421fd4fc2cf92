namespace System.Text;

/// <summary>
/// A string built piece by piece in a growable character buffer (doubled when full), so appending n
/// characters costs O(n) in all, not O(n²) as repeated concatenation does. Behaves as .NET's for the
/// members it has (host tests compare the two).
/// </summary>
public sealed class StringBuilder
{
    private const int FirstCapacity = 16;

    private char[] _characters;
    private int _length;

    public StringBuilder() : this(FirstCapacity)
    {
    }

    public StringBuilder(int capacity)
    {
        if (capacity < 0)
            throw new ArgumentOutOfRangeException(nameof(capacity));
        _characters = new char[capacity];
    }

    public StringBuilder(string value) : this(value is null || value.Length < FirstCapacity ? FirstCapacity : value.Length) => Append(value);

    public int Length
    {
        get => _length;
        set
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(value));
            EnsureRoom(value - _length);
            new Span<char>(_characters, _length < value ? _length : value, _length < value ? value - _length : 0).Clear();
            _length = value;
        }
    }

    public int Capacity => _characters.Length;

    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length)
                throw new IndexOutOfRangeException("index outside the builder's text");
            return _characters[index];
        }
        set
        {
            if ((uint)index >= (uint)_length)
                throw new IndexOutOfRangeException("index outside the builder's text");
            _characters[index] = value;
        }
    }

    public StringBuilder Append(char value)
    {
        EnsureRoom(1);
        _characters[_length++] = value;
        return this;
    }

    public StringBuilder Append(char value, int repeatCount)
    {
        if (repeatCount < 0)
            throw new ArgumentOutOfRangeException(nameof(repeatCount));
        EnsureRoom(repeatCount);
        new Span<char>(_characters, _length, repeatCount).Fill(value);
        _length += repeatCount;
        return this;
    }

    public StringBuilder Append(string value)
    {
        if (value is null)
            return this;
        EnsureRoom(value.Length);
        for (int i = 0; i < value.Length; i++)
            _characters[_length + i] = value[i];
        _length += value.Length;
        return this;
    }

    public StringBuilder Append(string value, int startIndex, int count)
    {
        if (value is null)
            return count == 0 ? this : throw new ArgumentNullException(nameof(value));
        return Append(value.Substring(startIndex, count));
    }

    public StringBuilder Append(ReadOnlySpan<char> value)
    {
        EnsureRoom(value.Length);
        value.CopyTo(new Span<char>(_characters, _length, value.Length));
        _length += value.Length;
        return this;
    }

    public StringBuilder Append(bool value) => Append(value.ToString());

    public StringBuilder Append(int value) => Append(value.ToString());

    public StringBuilder Append(long value) => Append(value.ToString());

    public StringBuilder Append(uint value) => Append(value.ToString());

    public StringBuilder Append(ulong value) => Append(value.ToString());

    public StringBuilder Append(object value) => value is null ? this : Append(value.ToString());

    public StringBuilder AppendLine() => Append('\n');

    public StringBuilder AppendLine(string value) => Append(value).Append('\n');

    public StringBuilder AppendJoin(string separator, params string[] values) => Append(string.Join(separator, values));

    public StringBuilder Insert(int index, string value)
    {
        if ((uint)index > (uint)_length)
            throw new ArgumentOutOfRangeException(nameof(index));
        if (value is null || value.Length == 0)
            return this;
        EnsureRoom(value.Length);
        new Span<char>(_characters, index, _length - index).CopyTo(new Span<char>(_characters, index + value.Length, _length - index));
        for (int i = 0; i < value.Length; i++)
            _characters[index + i] = value[i];
        _length += value.Length;
        return this;
    }

    public StringBuilder Remove(int startIndex, int length)
    {
        if (startIndex < 0 || length < 0 || startIndex > _length - length)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        new Span<char>(_characters, startIndex + length, _length - startIndex - length).CopyTo(new Span<char>(_characters, startIndex, _length - startIndex - length));
        _length -= length;
        return this;
    }

    public StringBuilder Replace(char oldChar, char newChar)
    {
        for (int i = 0; i < _length; i++)
            if (_characters[i] == oldChar)
                _characters[i] = newChar;
        return this;
    }

    public StringBuilder Replace(string oldValue, string newValue)
    {
        string replaced = ToString().Replace(oldValue, newValue);
        _length = 0;
        return Append(replaced);
    }

    public StringBuilder Clear()
    {
        _length = 0;
        return this;
    }

    public override string ToString() => new string(_characters, 0, _length);

    public string ToString(int startIndex, int length)
    {
        if (startIndex < 0 || length < 0 || startIndex > _length - length)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        return new string(_characters, startIndex, length);
    }

    private void EnsureRoom(int more)
    {
        if (more <= _characters.Length - _length)
            return;
        int capacity = _characters.Length == 0 ? FirstCapacity : 2 * _characters.Length;
        if (capacity < _length + more)
            capacity = _length + more;
        var larger = new char[capacity];
        new Span<char>(_characters, 0, _length).CopyTo(larger);
        _characters = larger;
    }
}
