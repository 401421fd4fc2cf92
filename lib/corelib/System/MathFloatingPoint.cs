namespace System;

/// <summary>Math on doubles: what programs reach for first. Rounding is to even at .5, as .NET's Math.Round.</summary>
public static partial class Math
{
    public const double PI = 3.14159265358979323846;
    public const double E = 2.7182818284590452354;

    private const double TwoToThe52 = 4503599627370496.0;   // from here on every double is an integer

    public static unsafe double Abs(double value)
    {
        ulong bits = *(ulong*)&value & ~(1UL << 63);
        return *(double*)&bits;
    }

    /// <summary>The greater; NaN if either is, and 0.0 over -0.0.</summary>
    public static double Max(double a, double b) =>
        double.IsNaN(a) ? a : double.IsNaN(b) ? b : a == b ? (double.IsNegative(a) ? b : a) : a > b ? a : b;

    /// <summary>The lesser; NaN if either is, and -0.0 under 0.0.</summary>
    public static double Min(double a, double b) =>
        double.IsNaN(a) ? a : double.IsNaN(b) ? b : a == b ? (double.IsNegative(a) ? a : b) : a < b ? a : b;

    public static int Sign(double value) =>
        value > 0 ? 1 : value < 0 ? -1 : value == 0 ? 0 : throw new ArithmeticException("the sign of NaN");

    /// <summary>The integer part (toward zero), keeping the sign of a zero.</summary>
    public static double Truncate(double value)
    {
        if (!(Abs(value) < TwoToThe52))
            return value;   // already whole, infinite or NaN
        return WithSignOf((long)value, value);
    }

    public static double Floor(double value)
    {
        double whole = Truncate(value);
        return whole > value ? whole - 1 : whole;
    }

    public static double Ceiling(double value)
    {
        double whole = Truncate(value);
        return whole < value ? WithSignOf(whole + 1, value) : whole;
    }

    /// <summary>The nearest integer; halves go to the even one (2.5 → 2, 3.5 → 4).</summary>
    public static double Round(double value)
    {
        if (!(Abs(value) < TwoToThe52))
            return value;
        double floor = Floor(value), rest = value - floor;
        double rounded = rest > 0.5 || (rest == 0.5 && Truncate(floor / 2) * 2 != floor) ? floor + 1 : floor;
        return WithSignOf(rounded, value);
    }

    // A zero takes the sign of the value it came from (-0.4 rounds to -0.0, as in .NET).
    private static double WithSignOf(double result, double value) => result == 0 && double.IsNegative(value) ? -0.0 : result;
}
