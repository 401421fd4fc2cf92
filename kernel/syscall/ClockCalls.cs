namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>clock_gettime: the monotonic clock (TSC-based, nanoseconds since boot) is the only one.</summary>
public static unsafe class ClockCalls
{
    private const ulong ClockMonotonic = 0;
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static long GetTime(ulong clock, ulong address)
    {
        if (clock != ClockMonotonic)
            return -Errno.EINVAL;
        ulong now = Timer.MonotonicNanoseconds;
        var time = new Timespec { Seconds = (long)(now / NanosecondsPerSecond), Nanoseconds = (long)(now % NanosecondsPerSecond) };
        return UserMemory.CopyTo(address, &time, (ulong)sizeof(Timespec));
    }
}
