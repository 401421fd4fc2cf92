#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Libc;

/// <summary>libc's TextBuilder and its appends (lib/libc/TextBuilder.cs, TextBuilderAppends.cs).</summary>
public unsafe class TextBuilderTests
{
    private const int Capacity = 128;

    /// <summary>Runs <paramref name="build"/> on a builder over a buffer of <paramref name="capacity"/> bytes and returns the text.</summary>
    private static (string Text, bool Overflowed) Build(Action<IntPtr> build, int capacity = Capacity)
    {
        byte* buffer = stackalloc byte[capacity + 1];
        buffer[capacity] = 0xEE;   // a guard byte just past the end
        var builder = new TextBuilder(buffer, capacity);
        build((IntPtr)(&builder));
        Assert.Equal(0xEE, buffer[capacity]);
        return (Encoding.Latin1.GetString(buffer, builder.Length), builder.Overflowed);
    }

    private static string Text(Action<IntPtr> build) => Build(build).Text;

    private static ref TextBuilder B(IntPtr builder) => ref *(TextBuilder*)builder;

    [Fact]
    public void AppendsStringsCharsAndLines() =>
        Assert.Equal("ab\ncd!\n", Text(b => B(b).Append("ab").AppendLine().Append("cd").Append('!').AppendLine()));

    [Fact]
    public void ChainingUpdatesTheCallersBuilder()
    {
        byte* buffer = stackalloc byte[16];
        var builder = new TextBuilder(buffer, 16);
        builder.Append("x");
        builder.Append(12).Append('y');
        Assert.Equal(4, builder.Length);
        Assert.Equal("x12y", Encoding.ASCII.GetString(buffer, builder.Length));
    }

    [Fact]
    public void AppendsNulTerminatedBytesAndNothingForNull()
    {
        byte[] word = Encoding.ASCII.GetBytes("argv\0ignored");
        fixed (byte* p = word)
        {
            byte* copy = p;
            Assert.Equal("[argv]", Text(b => B(b).Append('[').Append(copy).Append((byte*)null).Append((string?)null!).Append(']')));
        }
    }

    [Theory]
    [InlineData(0L, 0, "0")]
    [InlineData(42L, 0, "42")]
    [InlineData(-42L, 0, "-42")]
    [InlineData(long.MaxValue, 0, "9223372036854775807")]
    [InlineData(long.MinValue, 0, "-9223372036854775808")]
    [InlineData(42L, 5, "   42")]
    [InlineData(-42L, 5, "  -42")]
    [InlineData(42L, -5, "42   ")]
    [InlineData(-42L, -5, "-42  ")]
    [InlineData(12345L, 3, "12345")]
    [InlineData(12345L, -3, "12345")]
    public void AppendsSignedNumbersWithWidth(long value, int width, string expected) =>
        Assert.Equal($"<{expected}>", Text(b => B(b).Append('<').Append(value, width).Append('>')));

    [Theory]
    [InlineData(0UL, 0, "0")]
    [InlineData(ulong.MaxValue, 0, "18446744073709551615")]
    [InlineData(7UL, 4, "   7")]
    [InlineData(7UL, -4, "7   ")]
    public void AppendsUnsignedNumbersWithWidth(ulong value, int width, string expected) =>
        Assert.Equal(expected, Text(b => B(b).AppendUnsigned(value, width)));

    [Theory]
    [InlineData(0UL, 0, false, "0")]
    [InlineData(0xBEEFUL, 0, false, "beef")]
    [InlineData(0xBEEFUL, 0, true, "BEEF")]
    [InlineData(0xBEEFUL, 8, false, "0000beef")]
    [InlineData(0xBEEFUL, 2, false, "beef")]
    [InlineData(0UL, 4, false, "0000")]
    [InlineData(ulong.MaxValue, 0, true, "FFFFFFFFFFFFFFFF")]
    [InlineData(0x1UL, 20, false, "0000000000000001")]
    [InlineData(0xFFFFFFFF80000000UL, 0, false, "ffffffff80000000")]
    public void AppendsHex(ulong value, int digits, bool upper, string expected) =>
        Assert.Equal(expected, Text(b => B(b).AppendHex(value, digits, upper)));

    [Theory]
    [InlineData("ab", 5, "   ab")]
    [InlineData("ab", -5, "ab   ")]
    [InlineData("abcdef", 3, "abcdef")]
    [InlineData("abcdef", -3, "abcdef")]
    [InlineData("", 2, "  ")]
    [InlineData("ab", 0, "ab")]
    public void AppendsPaddedStrings(string text, int width, string expected) =>
        Assert.Equal($"|{expected}|", Text(b => B(b).Append('|').AppendPadded(text, width).Append('|')));

    [Fact]
    public void BuildsATableRow() =>
        Assert.Equal("  pid name    size\n   12 sh      0x01f0\n",
            Text(b => B(b).Append("  pid").Append(' ').AppendPadded("name", -7).Append(' ').Append("size").AppendLine()
                          .Append(12, 5).Append(' ').AppendPadded("sh", -7).Append(' ').Append("0x").AppendHex(0x1F0, 4).AppendLine()));

    [Fact]
    public void CharactersBeyondLatin1BecomeQuestionMarks() =>
        Assert.Equal("a?\u00e9?", Text(b => B(b).Append('a').Append('\u20ac').Append("\u00e9\u4e2d")));

    [Fact]
    public void TruncatesAtCapacityAndRecordsOverflow()
    {
        var (text, overflowed) = Build(b => B(b).Append("hello").Append(123456, 0), capacity: 8);
        Assert.Equal("hello123", text);
        Assert.True(overflowed);
        (text, overflowed) = Build(b => B(b).Append("exactly8"), capacity: 8);
        Assert.Equal("exactly8", text);
        Assert.False(overflowed);
        (text, overflowed) = Build(b => B(b).Append(-5, 10), capacity: 4);
        Assert.Equal("    ", text);
        Assert.True(overflowed);
        (text, overflowed) = Build(b => B(b).AppendHex(0xABCDEF), capacity: 0);
        Assert.Equal("", text);
        Assert.True(overflowed);
    }

    [Fact]
    public void ClearStartsOver()
    {
        byte* buffer = stackalloc byte[4];
        var builder = new TextBuilder(buffer, 4);
        builder.Append("too long");
        Assert.True(builder.Overflowed);
        builder.Clear();
        Assert.False(builder.Overflowed);
        Assert.Equal(0, builder.Length);
        builder.Append("ok");
        Assert.Equal("ok", Encoding.ASCII.GetString(buffer, builder.Length));
        Assert.Equal(4, builder.Capacity);
        Assert.True(builder.Buffer == buffer);
    }

    [Fact]
    public void NegativeCapacityHoldsNothing()
    {
        byte* buffer = stackalloc byte[4];
        var builder = new TextBuilder(buffer, -1);
        builder.Append('x');
        Assert.Equal(0, builder.Length);
        Assert.True(builder.Overflowed);
    }
}
