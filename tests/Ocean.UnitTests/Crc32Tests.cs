namespace Ocean.UnitTests;

using System.Text;
using Ocean.Libc;

/// <summary>libc's CRC-32 (lib/libc/Crc32.cs), as cksum uses it: whole buffers and chunks agree, on pointers and arrays.</summary>
public unsafe class Crc32Tests
{
    // IEEE 802.3 CRC-32 of "123456789", the standard check value.
    private const uint CheckValue = 0xCBF43926;

    [Fact]
    public void TheStandardCheckValue()
    {
        byte[] text = Encoding.ASCII.GetBytes("123456789");
        fixed (byte* bytes = text)
            Assert.Equal(CheckValue, Crc32.Compute(bytes, text.Length));
        Assert.Equal(CheckValue, Crc32.Finish(Crc32.Update(Crc32.Begin(), text, text.Length)));
    }

    [Fact]
    public void ChunksOfAnArrayGiveTheSameCrcAsTheWhole()
    {
        byte[] text = Encoding.ASCII.GetBytes("123456789");
        byte[] chunk = new byte[4];
        uint crc = Crc32.Begin();
        for (int at = 0; at < text.Length; at += chunk.Length)
        {
            int count = Math.Min(chunk.Length, text.Length - at);
            Array.Copy(text, at, chunk, 0, count);
            crc = Crc32.Update(crc, chunk, count);
        }
        Assert.Equal(CheckValue, Crc32.Finish(crc));
    }

    [Fact]
    public void ACountBeyondTheArrayStopsAtItsEnd()
    {
        byte[] text = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(CheckValue, Crc32.Finish(Crc32.Update(Crc32.Begin(), text, 1000)));
    }
}
