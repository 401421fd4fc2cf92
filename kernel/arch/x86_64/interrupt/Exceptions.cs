namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;

/// <summary>
/// What happens on a CPU exception. Kernel-mode faults are fatal: the full report, then a panic.
/// Two are expected and recovered: a page fault inside <see cref="Cpu.SafeRead64"/> (it returns
/// false), and breakpoints a self-test announced. User-mode faults are told apart already; with no
/// processes yet they are reported and stop the machine.
/// </summary>
public static unsafe class Exceptions
{
    /// <summary>Interrupt stack table slots for the exceptions that need a known-good stack.</summary>
    public const int DoubleFaultStack = 1, NonMaskableStack = 2, MachineCheckStack = 3;

    /// <summary>
    /// Handles an exception raised in ring 3 (copy-on-write, or killing the faulting process); true
    /// when it was dealt with. Set by the process manager.
    /// </summary>
    public static delegate*<InterruptFrame*, bool> UserFault;

    private static int _expectedBreakpoints;
    private static ulong _caughtBreakpoints;

    /// <summary>Announces that the next <paramref name="count"/> breakpoints are deliberate (self-tests).</summary>
    public static void ExpectBreakpoints(int count) => _expectedBreakpoints = count;

    public static ulong CaughtBreakpoints => _caughtBreakpoints;

    public static void Handle(InterruptFrame* frame)
    {
        if (frame->Vector == ExceptionNames.PageFault && !frame->FromUserMode && frame->Rip == Cpu.SafeReadAccessAddress())
        {
            frame->Rip = Cpu.SafeReadFaultAddress();
            return;
        }
        if (frame->Vector == ExceptionNames.Breakpoint && _expectedBreakpoints > 0)
        {
            _expectedBreakpoints--;
            _caughtBreakpoints++;
            Console.Write("(expected) ");
            ExceptionReport.Print(frame);
            return;   // a trap: RIP already points past the int3
        }

        if (frame->FromUserMode && UserFault != null && UserFault(frame))
            return;

        ExceptionReport.Print(frame);
        if (frame->Vector == ExceptionNames.PageFault || frame->Vector == ExceptionNames.DoubleFault)
            KernelStacks.ReportIfGuardPage(Cpu.ReadCr2());
        if (frame->FromUserMode)
            Panic.Halt("user-mode exception with no process to stop");
        Panic.Halt("unhandled exception in kernel mode");
    }
}
