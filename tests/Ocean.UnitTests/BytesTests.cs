#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Libc;

/// <summary>libc's byte strings in spans (lib/libc/Bytes.cs), as the shell keeps its words.</summary>
public class BytesTests
{
    private static byte[] B(string text) => Encoding.ASCII.GetBytes(text);

    [Theory]
    [InlineData("cd", "cd", true)]
    [InlineData("cd", "c", false)]
    [InlineData("", "", true)]
    [InlineData("ab", "ba", false)]
    public void ComparesWholeStrings(string left, string right, bool expected)
    {
        Assert.Equal(expected, Bytes.Equal(B(left), B(right)));
        Assert.Equal(expected, Bytes.Is(B(left), right));
    }

    [Fact]
    public void FindsAByte()
    {
        Assert.Equal(4, Bytes.IndexOf(B("HOME=/"), (byte)'='));
        Assert.Equal(-1, Bytes.IndexOf(B("HOME"), (byte)'='));
        Assert.Equal(-1, Bytes.IndexOf(default, (byte)'='));
    }

    [Fact]
    public void StopsAtTheFirstNul()
    {
        Assert.Equal("ls", Encoding.ASCII.GetString(Bytes.BeforeNul(B("ls\0-l\0"))));
        Assert.Equal("ls", Encoding.ASCII.GetString(Bytes.BeforeNul(B("ls"))));
    }

    [Fact]
    public void CopiesWithATerminatorOnlyWhenItFits()
    {
        byte[] destination = { 9, 9, 9 };
        Assert.True(Bytes.CopyTerminated(B("ab"), destination));
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', 0 }, destination);
        Assert.False(Bytes.CopyTerminated(B("abc"), destination));
        Assert.Equal((byte)'a', destination[0]);   // untouched
    }
}
