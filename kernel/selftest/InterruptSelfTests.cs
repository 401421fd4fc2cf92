namespace Ocean.Kernel.SelfTest;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Lib;

/// <summary>Exceptions and the timer on the running machine.</summary>
public static class InterruptSelfTests
{
    private const uint MeasuredIntervalMs = 200;

    public static void Run()
    {
        ulong caught = Exceptions.CaughtBreakpoints;
        Exceptions.ExpectBreakpoints(1);
        Cpu.Breakpoint();
        SelfTestRunner.Check(Exceptions.CaughtBreakpoints == caught + 1, "interrupts: a deliberate breakpoint is caught, reported, and execution resumes");

        // The interval is measured by the PIT, independently of the LAPIC timer under test.
        ulong ticks = Timer.Ticks;
        ulong startNs = Timer.MonotonicNanoseconds;
        Timer.PitDelay(MeasuredIntervalMs);
        ulong advanced = Timer.Ticks - ticks;
        ulong clockMs = (Timer.MonotonicNanoseconds - startNs) / 1_000_000;
        ulong expected = Timer.Hz * MeasuredIntervalMs / 1000;
        Console.Write("selftest: timer ticks advanced by ");
        Console.WriteUnsigned(advanced);
        Console.Write(" in 200 ms at ");
        Console.WriteUnsigned(Timer.Hz);
        Console.Write(" Hz (PIT-measured); the monotonic clock (TSC) advanced ");
        Console.WriteUnsigned(clockMs);
        Console.WriteLine(" ms");
        // Within 10% of the PIT. (Under QEMU, run with -icount for this: otherwise a busy host skews
        // the emulated PIT against the other clocks.)
        SelfTestRunner.Check(advanced * 10 >= expected * 9 && advanced * 10 <= expected * 11, "interrupts: the timer ticks at its rate");
        SelfTestRunner.Check(clockMs * 10 >= MeasuredIntervalMs * 9 && clockMs * 10 <= MeasuredIntervalMs * 11, "clock: nanoseconds advance with real time");
        SelfTestRunner.Check(Interrupts.Count(InterruptVectors.LapicTimer) >= advanced, "interrupts: timer interrupts are counted");
        SelfTestRunner.Check(Timer.Refined, "clock: the first calibration estimate was refined against a longer PIT interval");

        ulong t0 = Timer.MonotonicNanoseconds, t1 = Timer.MonotonicNanoseconds;
        SelfTestRunner.Check(t1 >= t0, "clock: monotonic nanoseconds never go backwards");
    }
}
