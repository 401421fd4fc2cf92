namespace System;

/// <summary>
/// Doubles and floats as text and back, exactly as .NET writes and reads them in the invariant
/// culture. A finite value is f × 2^e; every conversion here is done in exact integers
/// (<see cref="BigNumber"/>), so a value written without a precision is the shortest text that reads
/// back to the same value (Burger and Dybvig's free-format digits), and one written with a precision
/// ("F2", "E3", "G5") is the exact value rounded half to even at that digit, as .NET rounds it.
/// </summary>
internal static unsafe class FloatingPointText
{
    /// <summary>The layout of one binary floating-point type.</summary>
    internal readonly struct Layout(int mantissaBits, int exponentBits, int roundTripDigits)
    {
        public readonly int MantissaBits = mantissaBits;          // without the hidden bit
        public readonly int ExponentBits = exponentBits;
        public readonly int RoundTripDigits = roundTripDigits;    // .NET's "R" width, where G turns scientific

        public int Bias => (1 << (ExponentBits - 1)) - 1;

        public int MinExponent => 1 - Bias - MantissaBits;        // e of the subnormals
    }

    internal static readonly Layout DoubleLayout = new(52, 11, 17);
    internal static readonly Layout SingleLayout = new(23, 8, 9);

    private const int DefaultDecimals = 2;
    private const int DefaultExponentialDigits = 6;
    private const double Log10Of2 = 0.30102999566398119521;

    // ---- Writing ----

    public static string Format(double value, string format) => Format(*(ulong*)&value, DoubleLayout, format);

    public static string Format(float value, string format) => Format(*(uint*)&value, SingleLayout, format);

    private static string Format(ulong bits, Layout layout, string format)
    {
        bool negative = (bits >> (layout.MantissaBits + layout.ExponentBits)) != 0;
        int biased = (int)((bits >> layout.MantissaBits) & ((1UL << layout.ExponentBits) - 1));
        ulong fraction = bits & ((1UL << layout.MantissaBits) - 1);
        (char kind, int precision) = ParseFormat(format);
        if (biased == (1 << layout.ExponentBits) - 1)
            return fraction != 0 ? "NaN" : negative ? "-Infinity" : "Infinity";
        ulong f = biased == 0 ? fraction : fraction | (1UL << layout.MantissaBits);
        int e = biased == 0 ? layout.MinExponent : biased - layout.Bias - layout.MantissaBits;
        string sign = negative ? "-" : "";

        switch (kind)
        {
            case 'R' or 'r' or 'G' or 'g' when precision <= 0:
            {
                (string digits, int scale) = f == 0 ? ("", 0) : Shortest(f, e, layout);
                return sign + General(digits, scale, digits.Length > layout.RoundTripDigits ? digits.Length : layout.RoundTripDigits, kind == 'g' || kind == 'r' ? 'e' : 'E');
            }
            case 'G' or 'g':
            {
                (string digits, int scale) = Significant(f, e, precision);
                return sign + General(digits.TrimEnd('0'), scale, precision, kind == 'g' ? 'e' : 'E');
            }
            case 'E' or 'e':
            {
                int count = (precision < 0 ? DefaultExponentialDigits : precision) + 1;
                (string digits, int scale) = Significant(f, e, count);
                string mantissa = count == 1 ? digits : digits.Substring(0, 1) + "." + digits.Substring(1);
                return sign + mantissa + Exponent(f == 0 ? 0 : scale - 1, kind, 3);
            }
            case 'F' or 'f' or 'N' or 'n' or 'P' or 'p':
            {
                int decimals = precision < 0 ? DefaultDecimals : precision;
                bool percent = kind is 'P' or 'p';
                (string digits, int scale) = Fixed(f, e, decimals, percent ? 2 : 0);
                string whole = scale > 0 ? digits.Substring(0, scale) : "0";
                if (kind is not ('F' or 'f'))
                    whole = Grouped(whole);
                string text = decimals == 0 ? whole : whole + "." + (scale > 0 ? digits.Substring(scale) : digits);
                return sign + text + (percent ? " %" : "");
            }
            default:
                throw new FormatException("format string not understood: " + format);
        }
    }

    // "" or null is "G"; a letter may be followed by a precision of up to nine digits.
    private static (char Kind, int Precision) ParseFormat(string format)
    {
        if (string.IsNullOrEmpty(format))
            return ('G', -1);
        int precision = -1;
        if (format.Length > 1)
        {
            if (format.Length > 10)
                throw new FormatException("format string not understood: " + format);
            precision = 0;
            for (int i = 1; i < format.Length; i++)
            {
                if (format[i] < '0' || format[i] > '9')
                    throw new FormatException("format string not understood: " + format);
                precision = precision * 10 + (format[i] - '0');
            }
        }
        return (format[0], precision);
    }

    // .NET's general form: plain while the point falls within maxDigits and no more than three zeros
    // follow it, otherwise d.dddE+dd.
    private static string General(string digits, int scale, int maxDigits, char exponentChar)
    {
        if (digits.Length == 0)
            return "0";
        bool scientific = scale > maxDigits || scale < -3;
        int point = scientific ? 1 : scale;
        var text = new Text.StringBuilder();
        if (point > 0)
        {
            text.Append(digits.Substring(0, point < digits.Length ? point : digits.Length));
            if (point > digits.Length)
                text.Append('0', point - digits.Length);
        }
        else
        {
            text.Append('0');
        }
        if (point < digits.Length)
        {
            text.Append('.');
            if (point < 0)
                text.Append('0', -point);
            text.Append(digits.Substring(point > 0 ? point : 0));
        }
        if (scientific)
            text.Append(Exponent(scale - 1, exponentChar, 2));
        return text.ToString();
    }

    private static string Exponent(int exponent, char exponentChar, int minDigits)
    {
        string digits = (exponent < 0 ? -exponent : exponent).ToString();
        return (exponentChar is 'e' or 'g' or 'r' ? "e" : "E") + (exponent < 0 ? "-" : "+") + (digits.Length < minDigits ? new string('0', minDigits - digits.Length) + digits : digits);
    }

    private static string Grouped(string whole)
    {
        var text = new Text.StringBuilder();
        for (int i = 0; i < whole.Length; i++)
        {
            if (i > 0 && (whole.Length - i) % 3 == 0)
                text.Append(',');
            text.Append(whole[i]);
        }
        return text.ToString();
    }

    // ---- Reading ----

    private const int MaxSignificantDigits = 800;   // more than a tie between two doubles can need (767)
    private const int ExponentLimit = 100_000;      // far past where every value is 0 or infinite

    public static bool TryParse(string text, out double value)
    {
        bool ok = TryParse(text, DoubleLayout, out ulong bits);
        value = *(double*)&bits;
        return ok;
    }

    public static bool TryParse(string text, out float value)
    {
        bool ok = TryParse(text, SingleLayout, out ulong bits);
        uint narrow = (uint)bits;
        value = *(float*)&narrow;
        return ok;
    }

    /// <summary>
    /// Reads what .NET's Parse reads in the invariant culture (NumberStyles.Float | AllowThousands):
    /// blanks around, a sign, digits with ',' between those before the point, a point, an exponent;
    /// or NaN and Infinity with a sign, in any case. Out of range is an infinity or a zero, as in .NET.
    /// </summary>
    private static bool TryParse(string text, Layout layout, out ulong bits)
    {
        bits = 0;
        if (text is null)
            return false;
        int start = 0, end = text.Length;
        while (start < end && IsBlank(text[start]))
            start++;
        while (end > start && IsBlank(text[end - 1]))
            end--;
        int at = start;
        bool negative = false;
        if (at < end && (text[at] == '+' || text[at] == '-'))
            negative = text[at++] == '-';
        ulong signBit = negative ? 1UL << (layout.MantissaBits + layout.ExponentBits) : 0;
        ulong infinity = ((1UL << layout.ExponentBits) - 1) << layout.MantissaBits;
        string word = text.Substring(at, end - at);
        if (IsWord(word, "Infinity"))
        {
            bits = signBit | infinity;
            return true;
        }
        if (IsWord(word, "NaN"))
        {
            bits = infinity | (1UL << (layout.MantissaBits - 1)) | (1UL << (layout.MantissaBits + layout.ExponentBits));
            return true;
        }

        var digits = new Text.StringBuilder();
        int pointShift = 0;          // value = digits × 10^(exponent + pointShift)
        bool anyDigit = false, point = false, beyond = false;
        for (; at < end; at++)
        {
            char c = text[at];
            if (c >= '0' && c <= '9')
            {
                anyDigit = true;
                if (digits.Length < MaxSignificantDigits)
                {
                    if (digits.Length > 0 || c != '0')   // leading zeros only move the point
                        digits.Append(c);
                    if (point)
                        pointShift--;
                }
                else
                {
                    beyond |= c != '0';
                    if (!point)
                        pointShift++;
                }
            }
            else if (c == '.' && !point)
                point = true;
            else if (c == ',' && anyDigit && !point)
                continue;
            else
                break;
        }
        if (!anyDigit)
            return false;
        if (beyond)
            digits.Append('1');   // below the last kept place: only breaks what would be a tie
        if (at < end && (text[at] == 'e' || text[at] == 'E'))
        {
            int mark = at++;
            bool negativeExponent = false;
            if (at < end && (text[at] == '+' || text[at] == '-'))
                negativeExponent = text[at++] == '-';
            int exponent = 0;
            bool exponentDigit = false;
            for (; at < end && text[at] >= '0' && text[at] <= '9'; at++)
            {
                exponentDigit = true;
                if (exponent < ExponentLimit)
                    exponent = exponent * 10 + (text[at] - '0');
            }
            if (!exponentDigit)
                at = mark;   // an 'e' without digits is not an exponent, so not a number
            else
                pointShift += negativeExponent ? -exponent : exponent;
        }
        if (at != end)
            return false;
        if (beyond)
            pointShift--;
        bits = signBit | Nearest(digits.ToString(), pointShift, layout);
        return true;
    }

    private static bool IsBlank(char c) => c == ' ' || (c >= '\t' && c <= '\r');

    private static bool IsWord(string text, string word)
    {
        if (text.Length != word.Length)
            return false;
        for (int i = 0; i < word.Length; i++)
            if ((text[i] | 0x20) != (word[i] | 0x20))
                return false;
        return true;
    }

    /// <summary>The bits (no sign) of the value nearest digits × 10^exponent, ties to even.</summary>
    private static ulong Nearest(string digits, int exponent, Layout layout)
    {
        int precision = layout.MantissaBits + 1;
        ulong infinity = ((1UL << layout.ExponentBits) - 1) << layout.MantissaBits;
        if (digits.Length == 0 || digits.Length + exponent < -400)
            return 0;
        if (digits.Length + exponent > 310)
            return infinity;
        var whole = new BigNumber(0);
        for (int i = 0; i < digits.Length; i++)
        {
            whole.MultiplySmall(10);
            whole.Add(new BigNumber((ulong)(digits[i] - '0')));
        }
        BigNumber numerator = whole, denominator = new(1);
        if (exponent >= 0)
            numerator.MultiplyPowerOfTen(exponent);
        else
            denominator.MultiplyPowerOfTen(-exponent);

        // value = numerator / denominator; find q × 2^e with q of `precision` bits (fewer only at the least e).
        int e = numerator.BitLength - denominator.BitLength - precision;
        ulong q, remainderVersusHalf;
        while (true)
        {
            if (e < layout.MinExponent)
                e = layout.MinExponent;
            BigNumber n = numerator.Clone(), d = denominator.Clone();
            if (e >= 0)
                d.ShiftLeft(e);
            else
                n.ShiftLeft(-e);
            q = Divide(n, d, precision + 1);
            if (q >> precision != 0)
            {
                e++;
                continue;
            }
            if (q >> (precision - 1) == 0 && e > layout.MinExponent)
            {
                e--;
                continue;
            }
            n.ShiftLeft(1);   // n is now twice the remainder
            remainderVersusHalf = (ulong)(BigNumber.Compare(n, d) + 1);   // 0 below half, 1 at half, 2 above
            break;
        }
        if (remainderVersusHalf == 2 || (remainderVersusHalf == 1 && (q & 1) != 0))
        {
            q++;
            if (q >> precision != 0)
            {
                q >>= 1;
                e++;
            }
        }
        if (q >> (precision - 1) == 0)
            return q;   // a subnormal (or zero): the least exponent, no hidden bit
        long biased = (long)e + layout.Bias + layout.MantissaBits;
        if (biased >= (1L << layout.ExponentBits) - 1)
            return infinity;
        return ((ulong)biased << layout.MantissaBits) | (q & ((1UL << layout.MantissaBits) - 1));
    }

    // floor(n / d) for a quotient below 2^bits; n keeps the remainder.
    private static ulong Divide(BigNumber n, BigNumber d, int bits)
    {
        ulong q = 0;
        for (int bit = bits - 1; bit >= 0; bit--)
        {
            BigNumber shifted = d.Clone();
            shifted.ShiftLeft(bit);
            if (BigNumber.Compare(n, shifted) >= 0)
            {
                n.Subtract(shifted);
                q |= 1UL << bit;
            }
        }
        return q;
    }

    // ---- Digits ----

    /// <summary>
    /// The shortest digits that read back as f × 2^e, and where the point goes (value = 0.digits ×
    /// 10^scale). Burger and Dybvig: r / s is the value, m+ and m- the distances to the halfway points
    /// to the neighbours, all scaled by 2 (4 at a power of two, where the gap below is half the gap
    /// above). An even f owns its halfway points (reading rounds half to even).
    /// </summary>
    internal static (string Digits, int Scale) Shortest(ulong f, int e, Layout layout)
    {
        bool inclusive = (f & 1) == 0;
        bool unequalGaps = f == 1UL << layout.MantissaBits && e > layout.MinExponent;
        BigNumber r = new(f), s = new(1), high = new(1), low = new(1);
        r.ShiftLeft(unequalGaps ? 2 : 1);
        s.ShiftLeft(unequalGaps ? 2 : 1);
        if (unequalGaps)
            high.ShiftLeft(1);
        if (e >= 0)
        {
            r.ShiftLeft(e);
            high.ShiftLeft(e);
            low.ShiftLeft(e);
        }
        else
        {
            s.ShiftLeft(-e);
        }

        // The first digit's place: 10^(k-1) <= value < 10^k, estimated low from the top bit and raised once if need be.
        int k = FloorLog10OfPowerOfTwo(e + BitLength(f) - 1) + 1;
        if (k >= 0)
            s.MultiplyPowerOfTen(k);
        else
        {
            r.MultiplyPowerOfTen(-k);
            high.MultiplyPowerOfTen(-k);
            low.MultiplyPowerOfTen(-k);
        }
        int reach = BigNumber.CompareSum(r, high, s);
        if (inclusive ? reach >= 0 : reach > 0)
        {
            s.MultiplySmall(10);
            k++;
        }

        var digits = new Text.StringBuilder();
        while (true)
        {
            r.MultiplySmall(10);
            high.MultiplySmall(10);
            low.MultiplySmall(10);
            int digit = 0;
            while (BigNumber.Compare(r, s) >= 0)
            {
                r.Subtract(s);
                digit++;
            }
            int below = BigNumber.Compare(r, low);
            int above = BigNumber.CompareSum(r, high, s);
            bool lowEnough = inclusive ? below <= 0 : below < 0;
            bool highEnough = inclusive ? above >= 0 : above > 0;
            if (!lowEnough && !highEnough)
            {
                digits.Append((char)('0' + digit));
                continue;
            }
            if (lowEnough && highEnough)
            {
                // Either digit reads back: the nearer one, or the even one at a tie.
                BigNumber twice = r.Clone();
                twice.ShiftLeft(1);
                int half = BigNumber.Compare(twice, s);
                if (half > 0 || (half == 0 && (digit & 1) != 0))
                    digit++;
            }
            else if (highEnough)
            {
                digit++;
            }
            digits.Append((char)('0' + digit));
            return (digits.ToString(), k);
        }
    }

    /// <summary>Every digit of f × 2^e (a finite decimal), and where the point goes.</summary>
    internal static (string Digits, int Scale) Exact(ulong f, int e)
    {
        var value = new BigNumber(f);
        int pointFromRight = 0;
        if (e >= 0)
        {
            value.ShiftLeft(e);
        }
        else
        {
            value.MultiplyPowerOfFive(-e);   // f × 2^e = f × 5^-e / 10^-e
            pointFromRight = -e;
        }
        string digits = value.ToDecimal();
        return digits == "0" ? ("", 0) : (digits, digits.Length - pointFromRight);
    }

    /// <summary>The value to <paramref name="count"/> significant digits (zeros pad; zero is all zeros).</summary>
    private static (string Digits, int Scale) Significant(ulong f, int e, int count)
    {
        (string digits, int scale) = Exact(f, e);
        if (digits.Length == 0)
            return (new string('0', count), 0);
        (digits, scale) = RoundAt(digits, scale, count);
        return (digits.Substring(0, count), scale);   // a carry's extra digit is a zero
    }

    /// <summary>The value's digits to <paramref name="decimals"/> places after the point, multiplied by 10^shift first.</summary>
    private static (string Digits, int Scale) Fixed(ulong f, int e, int decimals, int shift)
    {
        (string digits, int scale) = Exact(f, e);
        if (digits.Length == 0)
            return (new string('0', decimals + 1), 1);
        scale += shift;
        int keep = scale + decimals;
        if (keep < 0)
            return (new string('0', decimals + 1), 1);
        (digits, scale) = RoundAt(digits, scale, keep);
        // At least one digit before the point, and exactly the decimals after it.
        if (scale <= 0)
        {
            digits = new string('0', 1 - scale) + digits;
            scale = 1;
        }
        int wanted = scale + decimals;
        return (digits.Length < wanted ? digits + new string('0', wanted - digits.Length) : digits.Substring(0, wanted), scale);
    }

    // The first count digits, rounded half to even on the exact digits dropped; a carry out of the
    // first digit moves the point.
    private static (string Digits, int Scale) RoundAt(string digits, int scale, int count)
    {
        if (count >= digits.Length)
            return (digits + new string('0', count - digits.Length), scale);
        bool up;
        char first = digits[count];
        if (first != '5')
            up = first > '5';
        else
        {
            bool rest = false;
            for (int i = count + 1; i < digits.Length; i++)
                rest |= digits[i] != '0';
            up = rest || (count > 0 && ((digits[count - 1] - '0') & 1) != 0);
        }
        var kept = new char[count + 1];
        kept[0] = '0';
        for (int i = 0; i < count; i++)
            kept[i + 1] = digits[i];
        if (up)
        {
            int at = count;
            while (kept[at] == '9')
                kept[at--] = '0';
            kept[at]++;
        }
        // kept[0] is the carry place: a '1' there (then zeros) means one more digit before the point.
        return kept[0] == '1' ? (new string(kept, 0, count + 1), scale + 1) : (new string(kept, 1, count), scale);
    }

    private static int BitLength(ulong value)
    {
        int bits = 0;
        for (; value != 0; value >>= 1)
            bits++;
        return bits;
    }

    // floor(n × log10 2), which is never within 1e-4 of an integer for the n a double has but 0.
    private static int FloorLog10OfPowerOfTwo(int n)
    {
        double estimate = n * Log10Of2;
        int truncated = (int)estimate;
        return estimate < truncated ? truncated - 1 : truncated;
    }
}
