namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Lib;

/// <summary>clock_gettime: the monotonic clock (TSC-based, nanoseconds since boot) and the time of day (<see cref="WallClock"/>).</summary>
public static unsafe class ClockCalls
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static long GetTime(ulong clock, ulong address)
    {
        if (clock != ClockId.Monotonic && clock != ClockId.Realtime)
            return -Errno.EINVAL;
        ulong now = clock == ClockId.Monotonic ? Timer.MonotonicNanoseconds : (ulong)WallClock.Nanoseconds;
        var time = new Timespec { Seconds = (long)(now / NanosecondsPerSecond), Nanoseconds = (long)(now % NanosecondsPerSecond) };
        return UserMemory.CopyTo(address, &time, (ulong)sizeof(Timespec));
    }
}
