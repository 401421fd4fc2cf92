#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Libc;

/// <summary>
/// libc's conversions between strings and the byte strings of the system boundary (lib/libc/Strings.cs).
/// (What a program does with strings is string's own: tests/Shared/BaseLibraryCases.cs compares it with .NET.)
/// </summary>
public unsafe class StringsTests
{
    [Fact]
    public void ConvertsFromNulTerminatedBytes()
    {
        byte[] bytes = { (byte)'s', (byte)'h', 0xE9, 0xFF, 0, (byte)'x' };
        fixed (byte* p = bytes)
            Assert.Equal("sh\u00e9\u00ff", Strings.FromAscii(p));
        byte empty = 0;
        Assert.Equal("", Strings.FromAscii(&empty));
        Assert.Null(Strings.FromAscii(null));
    }

    [Fact]
    public void ConvertsToNulTerminatedBytes()
    {
        byte* buffer = stackalloc byte[8];
        Assert.Equal(5, Strings.ToAscii("hello", buffer, 8));
        Assert.Equal("hello\0", Encoding.ASCII.GetString(buffer, 6));
        Assert.Equal(7, Strings.ToAscii("exactly", buffer, 8));
        Assert.Equal(0, buffer[7]);
        Assert.Equal(3, Strings.ToAscii("\u00e9\u20ac!", buffer, 8));
        Assert.Equal(new byte[] { 0xE9, (byte)'?', (byte)'!', 0 }, new Span<byte>(buffer, 4).ToArray());
        Assert.Equal(0, Strings.ToAscii("", buffer, 1));
        Assert.Equal(0, buffer[0]);
    }

    [Fact]
    public void ToAsciiReportsWhatDoesNotFit()
    {
        byte* buffer = stackalloc byte[8];
        Assert.Equal(-1, Strings.ToAscii("too long!", buffer, 8));
        Assert.Equal("too lon\0", Encoding.ASCII.GetString(buffer, 8));
        Assert.Equal(-1, Strings.ToAscii("x", buffer, 1));
        Assert.Equal(0, buffer[0]);
        buffer[0] = 0x55;
        Assert.Equal(-1, Strings.ToAscii("x", buffer, 0));
        Assert.Equal(0x55, buffer[0]);
    }

    [Fact]
    public void BytesRoundTrip()
    {
        byte* all = stackalloc byte[256];
        for (int i = 1; i < 256; i++)
            all[i - 1] = (byte)i;
        all[255] = 0;
        string text = Strings.FromAscii(all);
        byte* back = stackalloc byte[256];
        Assert.Equal(255, Strings.ToAscii(text, back, 256));
        for (int i = 0; i < 256; i++)
            Assert.Equal(all[i], back[i]);
    }
}
