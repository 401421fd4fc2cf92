#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Libc;

/// <summary>libc's decimal parsing and formatting (lib/libc/Numbers.cs).</summary>
public unsafe class NumbersTests
{
    private static (bool Ok, long Value) Parse(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text + "\0");
        fixed (byte* p = bytes)
        {
            bool ok = Numbers.TryParse(p, out long value);
            return (ok, value);
        }
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void ParsesDecimal(string text, long expected) => Assert.Equal((true, expected), Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("12a")]
    [InlineData(" 1")]
    [InlineData("+1")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999")]
    public void RefusesAnythingElse(string text) => Assert.False(Parse(text).Ok);

    [Theory]
    [InlineData(0L)]
    [InlineData(5L)]
    [InlineData(-12345L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void FormatsWhatItParses(long value)
    {
        byte* buffer = stackalloc byte[Numbers.MaxDecimalDigits];
        int length = Numbers.FormatDecimal(value, buffer);
        string text = Encoding.ASCII.GetString(buffer, length);
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Equal((true, value), Parse(text));
    }
}
