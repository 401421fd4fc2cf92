#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Libc;

/// <summary>
/// libc's string operations (lib/libc/Strings.cs). Called as static methods: on the host, .NET's own
/// instance methods of the same names would win over the extension methods.
/// </summary>
public unsafe class StringsTests
{
    [Theory]
    [InlineData("a", "a", 0)]
    [InlineData("", "", 0)]
    [InlineData("a", "b", -1)]
    [InlineData("b", "a", 1)]
    [InlineData("ab", "abc", -1)]
    [InlineData("abc", "ab", 1)]
    [InlineData("", "a", -1)]
    [InlineData("B", "a", -1)]     // ordinal: upper case sorts first
    [InlineData(null, "a", -1)]
    [InlineData("a", null, 1)]
    [InlineData(null, null, 0)]
    public void ComparesOrdinally(string? a, string? b, int expectedSign)
    {
        Assert.Equal(expectedSign, Math.Sign(Strings.Compare(a!, b!)));
        Assert.Equal(Math.Sign(string.CompareOrdinal(a, b)), Math.Sign(Strings.Compare(a!, b!)));
    }

    [Theory]
    [InlineData("hello", 'l', 2)]
    [InlineData("hello", 'h', 0)]
    [InlineData("hello", 'o', 4)]
    [InlineData("hello", 'z', -1)]
    [InlineData("", 'a', -1)]
    public void FindsCharacters(string text, char value, int expected)
    {
        Assert.Equal(expected, Strings.IndexOf(text, value));
        Assert.Equal(expected >= 0, Strings.Contains(text, value));
    }

    [Theory]
    [InlineData("hello world", "world", 6)]
    [InlineData("hello world", "o", 4)]
    [InlineData("hello", "hello", 0)]
    [InlineData("hello", "hello!", -1)]
    [InlineData("hello", "", 0)]
    [InlineData("", "", 0)]
    [InlineData("", "a", -1)]
    [InlineData("aaab", "aab", 1)]
    [InlineData("abc", "bd", -1)]
    public void FindsStrings(string text, string value, int expected)
    {
        Assert.Equal(expected, Strings.IndexOf(text, value));
        Assert.Equal(expected >= 0, Strings.Contains(text, value));
        Assert.Equal(text.IndexOf(value, StringComparison.Ordinal), Strings.IndexOf(text, value));
    }

    [Theory]
    [InlineData("hello", "he", true, false)]
    [InlineData("hello", "lo", false, true)]
    [InlineData("hello", "hello", true, true)]
    [InlineData("hello", "", true, true)]
    [InlineData("", "", true, true)]
    [InlineData("lo", "hello", false, false)]
    [InlineData("hello", "H", false, false)]
    public void ChecksPrefixesAndSuffixes(string text, string value, bool starts, bool ends)
    {
        Assert.Equal(starts, Strings.StartsWith(text, value));
        Assert.Equal(ends, Strings.EndsWith(text, value));
    }

    [Theory]
    [InlineData("  a b  ", "a b", "a b  ", "  a b")]
    [InlineData("\t\r\n x\v\f", "x", "x\v\f", "\t\r\n x")]
    [InlineData("", "", "", "")]
    [InlineData("   ", "", "", "")]
    [InlineData("x", "x", "x", "x")]
    public void TrimsWhiteSpace(string text, string both, string start, string end)
    {
        Assert.Equal(both, Strings.Trim(text));
        Assert.Equal(start, Strings.TrimStart(text));
        Assert.Equal(end, Strings.TrimEnd(text));
    }

    [Fact]
    public void TrimReturnsTheSameStringWhenNothingChanges()
    {
        string text = "no blanks";
        Assert.Same(text, Strings.Trim(text));
        Assert.Same(text, Strings.TrimStart(text));
        Assert.Same(text, Strings.TrimEnd(text));
    }

    [Fact]
    public void TakesSubstrings()
    {
        Assert.Equal("llo", Strings.Substring("hello", 2, 3));
        Assert.Equal("llo", Strings.Substring("hello", 2));
        Assert.Equal("", Strings.Substring("hello", 5, 0));
        Assert.Equal("", Strings.Substring("hello", 5));
        Assert.Equal("h", Strings.Substring("hello", 0, 1));
        string text = "whole";
        Assert.Same(text, Strings.Substring(text, 0, 5));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 6)]
    [InlineData(5, 1)]
    [InlineData(6, 0)]
    [InlineData(2, -1)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void SubstringOutsideTheStringIsAnError(int start, int length) =>
        Assert.ThrowsAny<Exception>(() => Strings.Substring("hello", start, length));

    [Theory]
    [InlineData("a b c", ' ', new[] { "a", "b", "c" })]
    [InlineData("a,,b", ',', new[] { "a", "", "b" })]
    [InlineData(",a,", ',', new[] { "", "a", "" })]
    [InlineData("", ',', new[] { "" })]
    [InlineData(",", ',', new[] { "", "" })]
    [InlineData("abc", ',', new[] { "abc" })]
    [InlineData("PATH=/bin:/sbin", '=', new[] { "PATH", "/bin:/sbin" })]
    public void SplitsKeepingEmptyEntries(string text, char separator, string[] expected)
    {
        Assert.Equal(expected, Strings.Split(text, separator));
        Assert.Equal(text.Split(separator), Strings.Split(text, separator));
    }

    [Theory]
    [InlineData(" ", new[] { "echo", "a", "b" }, "echo a b")]
    [InlineData(", ", new[] { "x" }, "x")]
    [InlineData(",", new string[0], "")]
    [InlineData(",", new[] { "", "" }, ",")]
    [InlineData("", new[] { "a", "b" }, "ab")]
    [InlineData("-", new[] { "a", null, "c" }, "a--c")]
    public void JoinsParts(string separator, string?[] parts, string expected)
    {
        Assert.Equal(expected, Strings.Join(separator, parts!));
        Assert.Equal(string.Join(separator, parts), Strings.Join(separator, parts!));
    }

    [Fact]
    public void JoinUndoesSplit()
    {
        const string line = "one  two three ";
        Assert.Equal(line, Strings.Join(" ", Strings.Split(line, ' ')));
    }

    [Theory]
    [InlineData("ab", "cd", "abcd")]
    [InlineData("", "cd", "cd")]
    [InlineData("ab", "", "ab")]
    [InlineData("", "", "")]
    [InlineData(null, "cd", "cd")]
    [InlineData("ab", null, "ab")]
    [InlineData(null, null, "")]
    public void Concatenates(string? a, string? b, string expected) => Assert.Equal(expected, Strings.Concat(a!, b!));

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

    [Theory]
    [InlineData(' ', true)]
    [InlineData('\t', true)]
    [InlineData('\n', true)]
    [InlineData('\r', true)]
    [InlineData('x', false)]
    [InlineData('\0', false)]
    [InlineData('\u00a0', false)]
    public void KnowsAsciiWhiteSpace(char value, bool expected) => Assert.Equal(expected, Strings.IsWhiteSpace(value));
}
