namespace Ocean.Libc;

/// <summary>
/// Text assembled in a caller's byte buffer, without allocation. What does not fit is dropped and
/// <see cref="Overflowed"/> says so; the bytes written are always a prefix of the full text.
/// Appending is done by the methods of <see cref="TextBuilderAppends"/>, which chain:
/// <c>text.Append("pid ").Append(pid, 6).AppendLine();</c> (keep the builder in a variable).
/// </summary>
public unsafe struct TextBuilder
{
    private readonly byte* _buffer;
    private readonly int _capacity;
    private int _length;
    private bool _overflowed;

    public TextBuilder(byte* buffer, int capacity)
    {
        _buffer = buffer;
        _capacity = capacity < 0 ? 0 : capacity;
        _length = 0;
        _overflowed = false;
    }

    public readonly byte* Buffer => _buffer;

    public readonly int Capacity => _capacity;

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _length;

    /// <summary>Whether some text did not fit.</summary>
    public readonly bool Overflowed => _overflowed;

    /// <summary>Forgets the text (and the overflow) to start again in the same buffer.</summary>
    public void Clear()
    {
        _length = 0;
        _overflowed = false;
    }

    /// <summary>Adds one byte, or records the overflow.</summary>
    public void Put(byte value)
    {
        if (_length < _capacity)
            _buffer[_length++] = value;
        else
            _overflowed = true;
    }
}
