namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>The monotonic clock, for measuring intervals (time since boot).</summary>
public static unsafe class Clock
{
    private const ulong Monotonic = 0;
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Nanoseconds since boot.</summary>
    public static long Now()
    {
        Timespec time;
        Syscall.ClockGetTime(Monotonic, &time);
        return time.Seconds * NanosecondsPerSecond + time.Nanoseconds;
    }
}
