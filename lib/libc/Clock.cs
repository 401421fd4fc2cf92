namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>The monotonic clock, for measuring intervals (time since boot), and the time of day.</summary>
public static unsafe class Clock
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Nanoseconds since boot.</summary>
    public static long Now()
    {
        Timespec time;
        Syscall.ClockGetTime(ClockId.Monotonic, &time);
        return time.Seconds * NanosecondsPerSecond + time.Nanoseconds;
    }

    /// <summary>Seconds since 1970-01-01 00:00:00 UTC.</summary>
    public static long SecondsSinceEpoch()
    {
        Timespec time;
        Syscall.ClockGetTime(ClockId.Realtime, &time);
        return time.Seconds;
    }
}
