namespace Ocean.Kernel.Lib;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// The time of day (CLOCK_REALTIME): the CMOS clock read once at boot, carried on by the monotonic
/// clock, as Linux keeps it between NTP adjustments. Nothing sets it yet; without a CMOS reading it
/// starts at the epoch.
/// </summary>
public static class WallClock
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private static long _bootSeconds;
    private static ulong _readAt;

    /// <summary>At boot, once the monotonic clock runs.</summary>
    public static void Initialize()
    {
        if (CmosClock.TryRead(out int year, out int month, out int day, out int hour, out int minute, out int second))
            _bootSeconds = Calendar.SecondsSinceEpoch(year, month, day, hour, minute, second);
        _readAt = Timer.MonotonicNanoseconds;
    }

    /// <summary>Nanoseconds since 1970-01-01 00:00:00 UTC.</summary>
    public static long Nanoseconds => _bootSeconds * NanosecondsPerSecond + (long)(Timer.MonotonicNanoseconds - _readAt);
}
