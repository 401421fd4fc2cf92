namespace Ocean.Abi;

/// <summary>
/// What the kernel hands a program's fault entry (fault_handler) for a fault the program takes as an
/// exception: a divide error, or a page fault in the null area below <see cref="NullAreaEnd"/> (a
/// field or element of a null reference). The record lies on the faulting thread's own stack, below
/// the faulting frame and its red zone; the entry starts with RDI pointing at it, RSP 16-byte aligned
/// less 8 (as after a call), and every other register as at the fault. It never returns there.
/// </summary>
public struct FaultRecord
{
    /// <summary>Nothing is ever mapped below this address, so a fault there is a null reference's.</summary>
    public const ulong NullAreaEnd = 0x10000;
    /// <summary>The bytes below the faulting stack pointer that code may use without moving it (SysV's red zone).</summary>
    public const ulong RedZoneBytes = 128;

    /// <summary>The exception (<see cref="ExceptionNames"/>).</summary>
    public ulong Vector;
    public ulong ErrorCode;
    /// <summary>The address it concerned (CR2 for a page fault, else the instruction's).</summary>
    public ulong Address;
    /// <summary>The faulting instruction (not the one after it).</summary>
    public ulong Rip;
    public ulong Rsp;
    public ulong Rflags;
    public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp;
    public ulong R8, R9, R10, R11, R12, R13, R14, R15;
}
