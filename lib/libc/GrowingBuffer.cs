namespace Ocean.Libc;

using System;

/// <summary>
/// Bytes read in chunks from a source of unknown length (a file, a boot module): <see cref="Room"/>
/// is where the next chunk goes (doubling the buffer when it is full), <see cref="Advance"/> counts
/// what a read put there, and <see cref="ToArray"/> gives exactly what was read.
/// </summary>
public sealed class GrowingBuffer
{
    private byte[] _data;

    public GrowingBuffer(int capacity) => _data = new byte[capacity > 0 ? capacity : 1];

    /// <summary>How many bytes have been read into it.</summary>
    public int Length { get; private set; }

    /// <summary>The free space after what has been read (never empty).</summary>
    public Span<byte> Room()
    {
        if (Length == _data.Length)
        {
            var larger = new byte[2 * _data.Length];
            new Span<byte>(_data).CopyTo(larger);
            _data = larger;
        }
        return new Span<byte>(_data, Length, _data.Length - Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>What was read (the buffer itself when it is exactly full).</summary>
    public byte[] ToArray() => Length == _data.Length ? _data : new Span<byte>(_data, 0, Length).ToArray();
}
