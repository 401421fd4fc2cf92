namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// Where every interrupt and exception arrives from InterruptStubs.asm: exceptions go to
/// <see cref="Exceptions"/>, device and timer interrupts to the handler registered for the vector.
/// </summary>
public static unsafe class Interrupts
{
    private struct HandlerTable
    {
        public fixed ulong Handlers[Idt.VectorCount];   // delegate*<InterruptFrame*, void>, 0 = none
        public fixed ulong Counts[Idt.VectorCount];
    }

    private static HandlerTable _table;

    /// <summary>
    /// Runs after every device interrupt and exception that returns, with the frame the CPU will
    /// resume (the scheduler switches threads here on the way back to user mode).
    /// </summary>
    public static delegate*<InterruptFrame*, void> AfterInterrupt;

    /// <summary>Around every dispatch: the kernel takes its lock here (see Ocean.Kernel.Sched.BigKernelLock).</summary>
    public static delegate*<void> EnterKernel, LeaveKernel;

    /// <summary>
    /// Offered each page fault from ring 3 before <see cref="EnterKernel"/>: true when it handled the
    /// fault whole, taking what locks it needs itself (Ocean.Kernel.Proc.PageFaultFastPath; such
    /// faults are not counted). Set by the process manager.
    /// </summary>
    public static delegate*<InterruptFrame*, bool> UserPageFaultFastPath;

    public static void Register(int vector, delegate*<InterruptFrame*, void> handler)
    {
        fixed (HandlerTable* t = &_table)
            t->Handlers[vector] = (ulong)handler;
    }

    /// <summary>How many times <paramref name="vector"/> has arrived.</summary>
    public static ulong Count(int vector)
    {
        fixed (HandlerTable* t = &_table)
            return t->Counts[vector];
    }

    [UnmanagedCallersOnly(EntryPoint = "InterruptDispatch")]
    private static void Dispatch(InterruptFrame* frame)
    {
        if (frame->Vector == ExceptionNames.PageFault && frame->FromUserMode && UserPageFaultFastPath != null && UserPageFaultFastPath(frame))
            return;
        if (EnterKernel != null)
            EnterKernel();
        Handle(frame);
        if (LeaveKernel != null)
            LeaveKernel();
    }

    private static void Handle(InterruptFrame* frame)
    {
        int vector = (int)frame->Vector;
        ulong handler;
        fixed (HandlerTable* t = &_table)
        {
            t->Counts[vector]++;
            handler = t->Handlers[vector];
        }
        if (vector < ExceptionNames.Count)
            Exceptions.Handle(frame);
        else if (vector == InterruptVectors.Spurious || (vector >= InterruptVectors.LegacyPicBase && vector < InterruptVectors.LegacyPicBase + 16))
            return;   // spurious: no handler, no end-of-interrupt
        else
        {
            if (handler != 0)
                ((delegate*<InterruptFrame*, void>)handler)(frame);
            Lapic.EndOfInterrupt();
        }
        if (AfterInterrupt != null)
            AfterInterrupt(frame);
    }
}
