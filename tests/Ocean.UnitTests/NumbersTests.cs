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
            bool stringOk = Numbers.TryParse(text, out long stringValue);
            Assert.Equal((ok, value), (stringOk, stringValue));   // the string overload (utilities) agrees with the pointer one
            bool spanOk = Numbers.TryParse(Encoding.ASCII.GetBytes(text).AsSpan(), out long spanValue);
            Assert.Equal((ok, value), (spanOk, spanValue));       // and so does the span one (sh)
            return (ok, value);
        }
    }

    [Fact]
    public void TheStringOverloadRefusesOtherDigitsAndNull()
    {
        Assert.False(Numbers.TryParse("1\u0661", out _));   // an Arabic-Indic one: not a decimal digit here
        Assert.False(Numbers.TryParse("\uFF11", out _));     // a fullwidth one
        Assert.False(Numbers.TryParse((string?)null, out _));
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
        byte[] span = new byte[Numbers.MaxDecimalDigits];
        Assert.Equal(text, Encoding.ASCII.GetString(span, 0, Numbers.FormatDecimal(value, span.AsSpan())));
        Assert.Equal(-1, Numbers.FormatDecimal(value, new byte[length - 1].AsSpan()));   // one byte short: refused, not cut
        Assert.Equal((true, value), Parse(text));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(9UL)]
    [InlineData(10UL)]
    [InlineData(9223372036854775808UL)]
    [InlineData(ulong.MaxValue)]
    public void FormatsUnsigned(ulong value)
    {
        byte* buffer = stackalloc byte[Numbers.MaxDecimalDigits];
        int length = Numbers.FormatUnsigned(value, buffer);
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, length));
    }

    [Theory]
    [InlineData(0UL, 1, false, "0")]
    [InlineData(0UL, 0, false, "0")]
    [InlineData(0xA5UL, 1, false, "a5")]
    [InlineData(0xA5UL, 1, true, "A5")]
    [InlineData(0xA5UL, 4, false, "00a5")]
    [InlineData(0xA5UL, 99, false, "00000000000000a5")]
    [InlineData(0x123456789ABCDEF0UL, 1, true, "123456789ABCDEF0")]
    [InlineData(0x8000000000000000UL, 1, false, "8000000000000000")]
    public void FormatsHex(ulong value, int minimumDigits, bool upperCase, string expected)
    {
        byte* buffer = stackalloc byte[Numbers.MaxHexDigits];
        int length = Numbers.FormatHex(value, buffer, minimumDigits, upperCase);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, length));
    }
}
