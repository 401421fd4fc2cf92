namespace System;

/// <summary>Integer arithmetic helpers (Ocean's programs use no floating point yet).</summary>
public static partial class Math
{
    public static int Abs(int value) => value >= 0 ? value : value != int.MinValue ? -value : throw new OverflowException("the absolute value of int.MinValue does not fit");

    public static long Abs(long value) => value >= 0 ? value : value != long.MinValue ? -value : throw new OverflowException("the absolute value of long.MinValue does not fit");

    public static int Min(int a, int b) => a <= b ? a : b;

    public static long Min(long a, long b) => a <= b ? a : b;

    public static uint Min(uint a, uint b) => a <= b ? a : b;

    public static ulong Min(ulong a, ulong b) => a <= b ? a : b;

    public static int Max(int a, int b) => a >= b ? a : b;

    public static long Max(long a, long b) => a >= b ? a : b;

    public static uint Max(uint a, uint b) => a >= b ? a : b;

    public static ulong Max(ulong a, ulong b) => a >= b ? a : b;

    public static int Sign(int value) => value > 0 ? 1 : value < 0 ? -1 : 0;

    public static int Sign(long value) => value > 0 ? 1 : value < 0 ? -1 : 0;

    public static int Clamp(int value, int min, int max)
    {
        if (min > max)
            throw new ArgumentException("min is greater than max");
        return value < min ? min : value > max ? max : value;
    }

    public static long Clamp(long value, long min, long max)
    {
        if (min > max)
            throw new ArgumentException("min is greater than max");
        return value < min ? min : value > max ? max : value;
    }

    /// <summary>The quotient, and the remainder through <paramref name="remainder"/>.</summary>
    public static long DivRem(long a, long b, out long remainder)
    {
        remainder = a % b;
        return a / b;
    }
}
