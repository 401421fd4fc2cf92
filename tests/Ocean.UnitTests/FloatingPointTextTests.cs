extern alias ocean;

namespace Ocean.UnitTests;

using System.Globalization;
using OceanMath = ocean::System.Math;
using Text = ocean::System.FloatingPointText;

/// <summary>
/// The core library's floating-point text (lib/corelib/System/FloatingPointText.cs) and double Math,
/// compiled for .NET and checked against .NET's invariant culture: every value written must be the
/// same text, every text read must be the same bits.
/// </summary>
public class FloatingPointTextTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const NumberStyles ParseStyle = NumberStyles.Float | NumberStyles.AllowThousands;

    [Fact]
    public void DoublesAreWrittenAsDotNetWritesThem()
    {
        var random = new Random(754);
        string[] formats = { null, "", "R", "G", "g", "G1", "G3", "G15", "G17", "g5", "E", "e3", "E0", "E16", "F", "F0", "F3", "f1", "N", "N0", "n3", "P", "P0", "p3" };
        for (int i = 0; i < 40_000; i++)
        {
            double value = RandomDouble(random);
            foreach (string format in formats)
            {
                if (format is ['F' or 'f' or 'N' or 'n' or 'P' or 'p', ..] && Math.Abs(value) > 1e30)
                    continue;   // hundreds of digits: right, but slow to compare this often
                Assert.True(Format(value, format) == value.ToString(format, Invariant), $"{value:R} as \"{format}\": {Format(value, format)} against {value.ToString(format, Invariant)}");
            }
        }
    }

    [Fact]
    public void FloatsAreWrittenAsDotNetWritesThem()
    {
        var random = new Random(32);
        for (int i = 0; i < 100_000; i++)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            foreach (string format in new[] { null, "R", "G3", "E2", "F2" })
            {
                if (format == "F2" && Math.Abs(value) > 1e20f)
                    continue;
                Assert.True(Format(value, format) == value.ToString(format, Invariant), $"{value:R}f as \"{format}\": {Format(value, format)} against {value.ToString(format, Invariant)}");
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(0.1)]
    [InlineData(1e15)]
    [InlineData(1e16)]
    [InlineData(1e17)]
    [InlineData(1e23)]
    [InlineData(0.0001)]
    [InlineData(0.00001)]
    [InlineData(0.125)]
    [InlineData(2.5)]
    [InlineData(9.5)]
    [InlineData(99.95)]
    [InlineData(-0.001)]
    [InlineData(9007199254740992.0)]
    [InlineData(123456789012345678.0)]
    public void EdgesAreWrittenAsDotNetWritesThem(double value)
    {
        WrittenAsDotNetWritesIt(value);
    }

    // xUnit takes -0.0 for a duplicate of 0.0 in InlineData, so it has a test of its own.
    [Fact]
    public void NegativeZeroIsWrittenAsDotNetWritesIt() => WrittenAsDotNetWritesIt(-0.0);

    private static void WrittenAsDotNetWritesIt(double value)
    {
        foreach (string format in new[] { null, "R", "G2", "E", "e0", "F0", "F1", "F2", "N1", "P0", "G17" })
            Assert.Equal(value.ToString(format, Invariant), Format(value, format));
    }

    [Fact]
    public void FormatsDotNetDoesNotKnowAreRefused()
    {
        Assert.Throws<FormatException>(() => Format(1.5, "Q"));
        Assert.Throws<FormatException>(() => Format(1.5, "F-1"));
    }

    [Fact]
    public void EveryDoubleWrittenReadsBackAsItself()
    {
        var random = new Random(17);
        for (int i = 0; i < 50_000; i++)
        {
            double value = RandomDouble(random);
            if (double.IsNaN(value))
                continue;
            Assert.True(Text.TryParse(value.ToString("R", Invariant), out double back));
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
            Assert.True(Text.TryParse(value.ToString("E25", Invariant), out back));
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
        }
    }

    [Fact]
    public void DecimalTextIsReadAsDotNetReadsIt()
    {
        var random = new Random(10);
        for (int i = 0; i < 30_000; i++)
        {
            int length = random.Next(1, random.Next(2) == 0 ? 20 : 40);
            var digits = new char[length];
            for (int d = 0; d < length; d++)
                digits[d] = (char)('0' + random.Next(10));
            string text = new string(digits);
            int point = random.Next(-1, length + 1);
            if (point >= 0)
                text = text.Insert(point, ".");
            if (random.Next(2) == 0)
                text += (random.Next(2) == 0 ? "e" : "E-") + random.Next(0, 340);
            if (random.Next(4) == 0)
                text = "-" + text;
            SameAsDotNet(text);
            float single = 0;
            Assert.Equal(float.TryParse(text, ParseStyle, Invariant, out float expected), Text.TryParse(text, out single));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(single));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData(" 1.5 ")]
    [InlineData("\t+2\n")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1e5")]
    [InlineData("1E+05")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1,234.5")]
    [InlineData("1,2,3")]
    [InlineData(",1")]
    [InlineData("1.5,0")]
    [InlineData("1 000")]
    [InlineData("0x10")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e-400")]
    [InlineData("1e99999999999999")]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("-NaN")]
    [InlineData("+NaN")]
    [InlineData("Infinity")]
    [InlineData("-infinity")]
    [InlineData("+Infinity")]
    [InlineData("∞")]
    [InlineData("-∞")]
    [InlineData("9007199254740993")]
    [InlineData("9007199254740995")]
    [InlineData("2.4703282292062327e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("1.7976931348623158e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("4.9406564584124654e-324")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("0.000000000000000000000000000000000000000000001e45")]
    public void EdgeTextIsReadAsDotNetReadsIt(string text) => SameAsDotNet(text);

    [Fact]
    public void LongDigitStringsRoundOnTheDigitsPastTheEightHundredth()
    {
        // Exactly halfway between 1 and the next double, then a 1 far past the kept digits: up.
        string half = (1.0 + Math.Pow(2, -53)).ToString("F60", Invariant).TrimEnd('0');
        SameAsDotNet(half);
        SameAsDotNet(half + new string('0', 900) + "1");
        SameAsDotNet(new string('9', 1000));
        SameAsDotNet("0." + new string('0', 300) + new string('7', 900));
    }

    [Fact]
    public void RoundingFunctionsMatchDotNet()
    {
        var random = new Random(5);
        var values = new List<double> { 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, -0.4, 0.4, -0.0, 0.0, 4503599627370495.5, 4503599627370497, -4503599627370495.5, 1e300, -1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon };
        for (int i = 0; i < 20_000; i++)
            values.Add(random.Next(3) == 0 ? random.Next(-40, 40) / 4.0 : RandomDouble(random));
        foreach (double value in values)
        {
            Same(Math.Floor(value), OceanMath.Floor(value));
            Same(Math.Ceiling(value), OceanMath.Ceiling(value));
            Same(Math.Truncate(value), OceanMath.Truncate(value));
            Same(Math.Round(value), OceanMath.Round(value));
            Same(Math.Abs(value), OceanMath.Abs(value));
            double other = values[random.Next(values.Count)];
            Same(Math.Max(value, other), OceanMath.Max(value, other));
            Same(Math.Min(value, other), OceanMath.Min(value, other));
        }
    }

    private static void SameAsDotNet(string text)
    {
        bool expected = double.TryParse(text, ParseStyle, Invariant, out double theirs);
        bool actual = Text.TryParse(text, out double ours);
        Assert.True(expected == actual, $"\"{text}\": read {actual}, .NET {expected}");
        Assert.True(BitConverter.DoubleToInt64Bits(theirs) == BitConverter.DoubleToInt64Bits(ours) || (double.IsNaN(theirs) && double.IsNaN(ours)),
            $"\"{text}\": {ours:R} against .NET's {theirs:R}");
    }

    private static void Same(double expected, double actual) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)), $"{actual:R} against {expected:R}");

    private static string Format(double value, string format) => Text.Format(value, format);

    private static string Format(float value, string format) => Text.Format(value, format);

    // Random bits half the time (every exponent, subnormals, NaNs), a value of a few digits otherwise.
    private static double RandomDouble(Random random) => random.Next(3) switch
    {
        0 => BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63)),
        1 => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-8, 12)), random.Next(0, 6)) * (random.Next(2) == 0 ? 1 : -1),
        _ => random.Next(-1000, 1000) / (double)(1 << random.Next(0, 12)),
    };
}
