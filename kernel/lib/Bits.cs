namespace Ocean.Kernel.Lib;

using System.Runtime.CompilerServices;

/// <summary>Bit arithmetic for the scheduler's masks (compiled into the host tests too).</summary>
public static class Bits
{
    private const int DoubleMantissaBits = 52, DoubleExponentBias = 1023;

    /// <summary>
    /// The index of the highest set bit of a non-zero <paramref name="mask"/>: the exponent of the
    /// mask as a double, which holds every 32-bit value exactly (53 significant bits), read from its
    /// bits. A conversion and a shift instead of a five-step search (the compiler offers no bsr here).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe int HighestSet(uint mask)
    {
        double value = mask;
        return (int)(*(ulong*)&value >> DoubleMantissaBits) - DoubleExponentBias;
    }
}
