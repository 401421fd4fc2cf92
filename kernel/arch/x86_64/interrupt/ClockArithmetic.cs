namespace Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>The monotonic clock's arithmetic, apart from the hardware, so host tests can check it.</summary>
public static class ClockArithmetic
{
    public const ulong NanosecondsPerSecond = 1_000_000_000;

    /// <summary>
    /// The clock at time-stamp count <paramref name="tsc"/>, for a clock that read
    /// <paramref name="baseNanoseconds"/> at count <paramref name="start"/> and counts
    /// <paramref name="hz"/> a second (0: not started, 0 ns). A count before the start (a reading
    /// taken just before the clock was rebased at a new rate, or another CPU's TSC a little behind)
    /// is no time at all: as an unsigned difference it would be 2^64 counts, centuries ahead.
    /// </summary>
    public static ulong Nanoseconds(ulong tsc, ulong start, ulong hz, ulong baseNanoseconds)
    {
        if (hz == 0)
            return 0;
        ulong delta = (long)(tsc - start) < 0 ? 0 : tsc - start;
        // Split so the multiplication cannot overflow: whole seconds, then the remainder.
        return baseNanoseconds + delta / hz * NanosecondsPerSecond + delta % hz * NanosecondsPerSecond / hz;
    }
}
