#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Protocols;

/// <summary>Names and versions packed into message words (lib/libocean/Protocols/MessageText.cs).</summary>
public unsafe class MessageTextTests
{
    [Theory]
    [InlineData("vfs")]
    [InlineData("")]
    [InlineData("exactly16bytes!!")]
    public void PacksAndUnpacks(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        ulong* words = stackalloc ulong[2];
        byte* back = stackalloc byte[17];
        words[0] = words[1] = ulong.MaxValue;   // leftovers must be cleared
        fixed (byte* t = bytes)
        {
            Assert.True(MessageText.Pack(t, bytes.Length, words, 2));
            Assert.Equal(bytes.Length, MessageText.Unpack(words, 2, back));
            Assert.Equal(text, Encoding.ASCII.GetString(back, bytes.Length));
            Assert.Equal(0, back[bytes.Length]);
            Assert.True(MessageText.Equals(words, 2, t, bytes.Length));
        }
    }

    [Fact]
    public void TooLongDoesNotFit()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("seventeen bytes!!");
        ulong* words = stackalloc ulong[2];
        fixed (byte* t = bytes)
            Assert.False(MessageText.Pack(t, bytes.Length, words, 2));
    }

    [Fact]
    public void EqualityNeedsTheWholeName()
    {
        byte[] vfs = Encoding.ASCII.GetBytes("vfs"), vf = Encoding.ASCII.GetBytes("vf"), vfsx = Encoding.ASCII.GetBytes("vfsx");
        ulong* words = stackalloc ulong[2];
        fixed (byte* a = vfs)
        fixed (byte* b = vf)
        fixed (byte* c = vfsx)
        {
            MessageText.Pack(a, 3, words, 2);
            Assert.False(MessageText.Equals(words, 2, b, 2));
            Assert.False(MessageText.Equals(words, 2, c, 4));
            Assert.True(MessageText.Equals(words, 2, a, 3));
        }
    }
}
