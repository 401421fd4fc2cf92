#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Lib;

public unsafe class NumberFormatTests
{
    private static string Unsigned(ulong value, uint radix, int minDigits = 1)
    {
        // Guard characters on both sides catch writes outside the reported length.
        char* buffer = stackalloc char[NumberFormat.MaxDigits + 2];
        new Span<char>(buffer, NumberFormat.MaxDigits + 2).Fill('#');
        int length = NumberFormat.FormatUnsigned(value, radix, minDigits, buffer + 1);
        Assert.Equal('#', buffer[0]);
        Assert.Equal('#', buffer[length + 1]);
        return new string(buffer + 1, 0, length);
    }

    private static string Signed(long value)
    {
        char* buffer = stackalloc char[NumberFormat.MaxDigits + 2];
        new Span<char>(buffer, NumberFormat.MaxDigits + 2).Fill('#');
        int length = NumberFormat.FormatSigned(value, buffer + 1);
        Assert.Equal('#', buffer[0]);
        Assert.Equal('#', buffer[length + 1]);
        return new string(buffer + 1, 0, length);
    }

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(7UL, "7")]
    [InlineData(10UL, "10")]
    [InlineData(1234567890UL, "1234567890")]
    [InlineData(ulong.MaxValue, "18446744073709551615")]
    public void Decimal(ulong value, string expected) => Assert.Equal(expected, Unsigned(value, 10));

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(0xABCDEFUL, "abcdef")]
    [InlineData(0xDEADBEEFUL, "deadbeef")]
    [InlineData(0xFFFFFFFF80000000UL, "ffffffff80000000")]
    [InlineData(ulong.MaxValue, "ffffffffffffffff")]
    public void HexadecimalIsLowerCase(ulong value, string expected) => Assert.Equal(expected, Unsigned(value, 16));

    [Fact]
    public void BinaryOfMaxValueHasSixtyFourDigits() => Assert.Equal(new string('1', 64), Unsigned(ulong.MaxValue, 2));

    [Theory]
    [InlineData(5UL, 2U, "101")]
    [InlineData(8UL, 8U, "10")]
    [InlineData(511UL, 8U, "777")]
    [InlineData(35UL, 3U, "1022")]
    [InlineData(255UL, 15U, "120")]
    public void OtherRadixes(ulong value, uint radix, string expected) => Assert.Equal(expected, Unsigned(value, radix));

    [Theory]
    [InlineData(0U)]
    [InlineData(1U)]
    [InlineData(17U)]
    [InlineData(36U)]
    [InlineData(uint.MaxValue)]
    public void RadixOutsideTwoToSixteenFallsBackToDecimal(uint radix) => Assert.Equal("255", Unsigned(255, radix));

    [Theory]
    [InlineData(0UL, 4, "0000")]
    [InlineData(0x2AUL, 8, "0000002a")]
    [InlineData(0x12345UL, 2, "12345")]  // never truncates
    [InlineData(0x12345UL, 5, "12345")]
    [InlineData(0x12345UL, 0, "12345")]
    [InlineData(0UL, 0, "0")]            // zero still has one digit
    [InlineData(0UL, -5, "0")]
    public void MinDigitsPadsWithLeadingZeros(ulong value, int minDigits, string expected) =>
        Assert.Equal(expected, Unsigned(value, 16, minDigits));

    [Fact]
    public void MinDigitsIsCappedSoTheResultFitsMaxDigitsWithASign()
    {
        string text = Unsigned(1, 10, 1000);
        Assert.Equal(NumberFormat.MaxDigits - 1, text.Length);
        Assert.Equal(new string('0', NumberFormat.MaxDigits - 2) + "1", text);
    }

    [Fact]
    public void ReturnedLengthMatchesDigitCount()
    {
        char* buffer = stackalloc char[NumberFormat.MaxDigits];
        Assert.Equal(1, NumberFormat.FormatUnsigned(9, 10, 1, buffer));
        Assert.Equal(2, NumberFormat.FormatUnsigned(10, 10, 1, buffer));
        Assert.Equal(16, NumberFormat.FormatUnsigned(ulong.MaxValue, 16, 1, buffer));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "1")]
    [InlineData(-1L, "-1")]
    [InlineData(42L, "42")]
    [InlineData(-42L, "-42")]
    [InlineData(-1000L, "-1000")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(long.MinValue + 1, "-9223372036854775807")]
    public void SignedDecimal(long value, string expected) => Assert.Equal(expected, Signed(value));

    [Fact]
    public void SignedAgreesWithTheRuntimeOnManyValues()
    {
        var random = new Random(1234);
        for (int i = 0; i < 1000; i++)
        {
            long value = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63);
            Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Signed(value));
        }
    }

    [Fact]
    public void UnsignedAgreesWithTheRuntimeOnManyValues()
    {
        var random = new Random(5678);
        for (int i = 0; i < 1000; i++)
        {
            ulong value = (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2);
            value >>= random.Next(0, 63);
            Assert.Equal(value.ToString("x"), Unsigned(value, 16));
            Assert.Equal(value.ToString(), Unsigned(value, 10));
            Assert.Equal(Convert.ToString((long)value, 8), Unsigned(value, 8));
            Assert.Equal(Convert.ToString((long)value, 2), Unsigned(value, 2));
        }
    }

    [Theory]
    [InlineData(3, 10, 7)]     // right aligned: pad before
    [InlineData(3, -10, 7)]    // left aligned: pad after, same amount
    [InlineData(10, 10, 0)]    // exactly fits
    [InlineData(12, 10, 0)]    // too long: no padding, never negative
    [InlineData(12, -10, 0)]
    [InlineData(5, 0, 0)]      // no width
    [InlineData(0, 0, 0)]
    [InlineData(0, 10, 10)]
    [InlineData(0, -1, 1)]
    public void PaddingFor(int length, int width, int expected) => Assert.Equal(expected, NumberFormat.PaddingFor(length, width));
}
