namespace Ocean.Libc;

/// <summary>
/// A line of text for programs without pointers: <see cref="TextBuilder"/>'s appends over an array of
/// its own (allocate one and reuse it with <see cref="Clear"/>). What does not fit is dropped.
/// <c>line.Clear().Append("pid ").Append(pid, 6).AppendLine(); Stdio.Write(line);</c>
/// </summary>
public sealed unsafe class TextLine
{
    private readonly byte[] _bytes;
    private int _length;
    private bool _overflowed;

    public TextLine(int capacity) => _bytes = new byte[capacity < 1 ? 1 : capacity];

    public int Length => _length;

    /// <summary>Whether some text did not fit.</summary>
    public bool Overflowed => _overflowed;

    public TextLine Clear()
    {
        _length = 0;
        _overflowed = false;
        return this;
    }

    public TextLine Append(string text)
    {
        fixed (byte* bytes = _bytes)
        {
            TextBuilder builder = Resume(bytes);
            Keep(builder.Append(text));
        }
        return this;
    }

    public TextLine Append(char value)
    {
        fixed (byte* bytes = _bytes)
        {
            TextBuilder builder = Resume(bytes);
            Keep(builder.Append(value));
        }
        return this;
    }

    /// <summary>In decimal, padded with blanks to <paramref name="width"/> (negative: left-aligned).</summary>
    public TextLine Append(long value, int width = 0)
    {
        fixed (byte* bytes = _bytes)
        {
            TextBuilder builder = Resume(bytes);
            Keep(builder.Append(value, width));
        }
        return this;
    }

    public TextLine AppendUnsigned(ulong value, int width = 0)
    {
        fixed (byte* bytes = _bytes)
        {
            TextBuilder builder = Resume(bytes);
            Keep(builder.AppendUnsigned(value, width));
        }
        return this;
    }

    /// <summary>In hexadecimal, no prefix, zero-padded to at least <paramref name="digits"/> digits.</summary>
    public TextLine AppendHex(ulong value, int digits = 0)
    {
        fixed (byte* bytes = _bytes)
        {
            TextBuilder builder = Resume(bytes);
            Keep(builder.AppendHex(value, digits));
        }
        return this;
    }

    /// <summary>Padded with blanks to <paramref name="width"/> (negative: left-aligned).</summary>
    public TextLine AppendPadded(string text, int width)
    {
        fixed (byte* bytes = _bytes)
        {
            TextBuilder builder = Resume(bytes);
            Keep(builder.AppendPadded(text, width));
        }
        return this;
    }

    public TextLine AppendLine() => Append('\n');

    /// <summary>Writes the text to standard output (through <see cref="Stdio"/>'s buffer).</summary>
    public void Write()
    {
        fixed (byte* bytes = _bytes)
            Stdio.Write(bytes, _length);
    }

    private TextBuilder Resume(byte* bytes) => new(bytes, _bytes.Length, _length, _overflowed);

    private void Keep(in TextBuilder builder)
    {
        _length = builder.Length;
        _overflowed = builder.Overflowed;
    }
}
