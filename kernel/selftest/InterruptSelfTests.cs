namespace Ocean.SelfTest;

using Ocean.Arch.X86_64.Cpu;
using Ocean.Arch.X86_64.Interrupt;
using Ocean.Lib;

/// <summary>Exceptions and the timer on the running machine.</summary>
public static class InterruptSelfTests
{
    private const ulong MeasuredIntervalNs = 200_000_000;

    public static void Run()
    {
        ulong caught = Exceptions.CaughtBreakpoints;
        Exceptions.ExpectBreakpoints(1);
        Cpu.Breakpoint();
        SelfTestRunner.Check(Exceptions.CaughtBreakpoints == caught + 1, "interrupts: a deliberate breakpoint is caught, reported, and execution resumes");

        ulong ticks = Timer.Ticks;
        ulong start = Timer.MonotonicNanoseconds;
        while (Timer.MonotonicNanoseconds - start < MeasuredIntervalNs)
            Cpu.WaitForInterrupt();
        ulong advanced = Timer.Ticks - ticks;
        ulong expected = Timer.Hz * MeasuredIntervalNs / 1_000_000_000;
        Console.Write("selftest: timer ticks advanced by ");
        Console.WriteUnsigned(advanced);
        Console.Write(" in 200 ms at ");
        Console.WriteUnsigned(Timer.Hz);
        Console.WriteLine(" Hz");
        SelfTestRunner.Check(advanced + 1 >= expected && advanced <= expected + 1, "interrupts: the timer ticks at its rate");
        SelfTestRunner.Check(Interrupts.Count(InterruptVectors.LapicTimer) >= advanced, "interrupts: timer interrupts are counted");

        ulong t0 = Timer.MonotonicNanoseconds, t1 = Timer.MonotonicNanoseconds;
        SelfTestRunner.Check(t1 >= t0, "clock: monotonic nanoseconds never go backwards");
    }
}
