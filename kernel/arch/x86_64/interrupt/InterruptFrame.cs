namespace Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// What InterruptStubs.asm leaves on the stack: the general registers (last pushed first), the vector
/// and error code, then what the CPU pushed. The handler may change it; iretq resumes from it.
/// </summary>
public struct InterruptFrame
{
    public ulong R15, R14, R13, R12, R11, R10, R9, R8;
    public ulong Rbp, Rdi, Rsi, Rdx, Rcx, Rbx, Rax;
    public ulong Vector;
    public ulong ErrorCode;
    public ulong Rip, Cs, Rflags, Rsp, Ss;

    private const ulong PrivilegeMask = 3;

    /// <summary>True when the CPU was running ring-3 code when the interrupt arrived.</summary>
    public bool FromUserMode => (Cs & PrivilegeMask) != 0;
}
