namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// What ContextSwitch.asm keeps on a switched-out thread's kernel stack, lowest address first: the
/// SSE and x87 control words (callee-saved in the SysV ABI), the callee-saved registers in the
/// order it pops them, and the address its <c>ret</c> goes to. A new thread gets one made up, so that
/// its first switch "returns" into its start routine.
/// </summary>
public struct SwitchFrame
{
    /// <summary>MXCSR with every exception masked, as the SysV ABI and a reset leave it.</summary>
    public const uint DefaultMxcsr = 0x1F80;
    /// <summary>The x87 control word with every exception masked, extended precision.</summary>
    public const ushort DefaultFpuControl = 0x037F;

    public uint Mxcsr;
    public uint FpuControl;
    public ulong R15, R14, R13, R12, Rbx, Rbp;
    public ulong ReturnAddress;

    /// <summary>
    /// Writes a frame just below <paramref name="top"/> that starts at <paramref name="entry"/> with
    /// R12 and R13 set (arguments to the start routine) and the default control words; returns the
    /// stack pointer ContextSwitch should switch to.
    /// </summary>
    public static unsafe ulong Push(ulong top, ulong entry, ulong r12 = 0, ulong r13 = 0)
    {
        var frame = (SwitchFrame*)(top - (ulong)sizeof(SwitchFrame));
        *frame = default;
        frame->Mxcsr = DefaultMxcsr;
        frame->FpuControl = DefaultFpuControl;
        frame->R12 = r12;
        frame->R13 = r13;
        frame->ReturnAddress = entry;
        return (ulong)frame;
    }
}
