namespace Ocean.Libc;

using System;
/// <summary>
/// A line of text for programs without pointers: <see cref="TextBuilder"/>'s appends over a buffer of
/// its own in the heap, kept for the program's life (allocate one and reuse it with
/// <see cref="Clear"/>). What does not fit is dropped.
/// <c>line.Clear().Append("pid ").Append(pid, 6).AppendLine().Write();</c>
/// </summary>
public sealed unsafe class TextLine
{
    private TextBuilder _builder;

    public TextLine(int capacity)
    {
        if (capacity < 1)
            capacity = 1;
        var buffer = (byte*)Heap.Allocate((nuint)capacity);
        _builder = new TextBuilder(buffer, buffer == null ? 0 : capacity);   // out of memory: every append overflows
    }

    public int Length => _builder.Length;

    /// <summary>Whether some text did not fit.</summary>
    public bool Overflowed => _builder.Overflowed;

    public TextLine Clear()
    {
        _builder.Clear();
        return this;
    }

    public TextLine Append(string text) => Done(ref _builder.Append(text));

    public TextLine Append(char value) => Done(ref _builder.Append(value));

    /// <summary>In decimal, padded with blanks to <paramref name="width"/> (negative: left-aligned).</summary>
    public TextLine Append(long value, int width = 0) => Done(ref _builder.Append(value, width));

    public TextLine AppendUnsigned(ulong value, int width = 0) => Done(ref _builder.AppendUnsigned(value, width));

    /// <summary>In hexadecimal, no prefix, zero-padded to at least <paramref name="digits"/> digits.</summary>
    public TextLine AppendHex(ulong value, int digits = 0) => Done(ref _builder.AppendHex(value, digits));

    /// <summary>Padded with blanks to <paramref name="width"/> (negative: left-aligned).</summary>
    public TextLine AppendPadded(string text, int width) => Done(ref _builder.AppendPadded(text, width));

    /// <summary>The bytes as they are.</summary>
    public TextLine Append(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
            _builder.Append(start, bytes.Length);
        return this;
    }

    /// <summary>The bytes, padded with blanks to <paramref name="width"/> (negative: left-aligned).</summary>
    public TextLine AppendPadded(ReadOnlySpan<byte> bytes, int width)
    {
        fixed (byte* start = bytes)
            _builder.AppendPadded(start, bytes.Length, width);
        return this;
    }

    public TextLine AppendLine() => Done(ref _builder.AppendLine());

    /// <summary>Writes the text to standard output (through <see cref="Stdio"/>'s buffer).</summary>
    public void Write() => Stdio.Write(in _builder);

    // The appends change the builder in place: the reference they return is only what chains them.
    private TextLine Done(ref TextBuilder unused) => this;
}
