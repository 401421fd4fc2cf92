namespace Ocean.UnitTests;

using Ocean.Libc;

/// <summary>libc's buffer for reads of unknown length (lib/libc/GrowingBuffer.cs), as File.ReadAllBytes and BootModules use it.</summary>
public class GrowingBufferTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(4, 5)]
    [InlineData(3, 1000)]
    [InlineData(0, 7)]
    public void KeepsEveryByteReadInChunks(int capacity, int total)
    {
        var source = new byte[total];
        new Random(total).NextBytes(source);
        var buffer = new GrowingBuffer(capacity);
        int at = 0;
        while (at < total)
        {
            Span<byte> room = buffer.Room();
            Assert.False(room.IsEmpty);
            int chunk = Math.Min(Math.Min(room.Length, 3), total - at);   // reads shorter than the room, as a pipe gives them
            source.AsSpan(at, chunk).CopyTo(room);
            buffer.Advance(chunk);
            at += chunk;
        }
        Assert.Equal(total, buffer.Length);
        Assert.Equal(source, buffer.ToArray());
    }
}
