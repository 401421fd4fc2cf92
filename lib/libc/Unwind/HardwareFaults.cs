namespace Ocean.Libc.Unwind;

using System.Runtime.InteropServices;
using Ocean.Abi;

/// <summary>
/// A division by zero and a null reference are hardware faults (ilc emits no checks for them: a null
/// check is a load through the reference, a division is a bare <c>div</c>). The kernel sends them back
/// to the faulting thread here (fault_handler, <see cref="FaultRecord"/>), and they are thrown as
/// <see cref="System.DivideByZeroException"/> and <see cref="System.NullReferenceException"/> from the
/// faulting instruction, so a catch around it takes them as it takes a throw. Any other fault (a wild
/// pointer, a stack overflow) still ends the program with the kernel's line, as in .NET, where only the
/// null area's faults are exceptions.
/// </summary>
internal static unsafe class HardwareFaults
{
    /// <summary>Called once by the runtime's start, once objects can be made.</summary>
    internal static void Install() =>
        Syscall.Raw((ulong)SyscallNumber.FaultHandler, (ulong)(delegate* unmanaged<FaultRecord*, void>)&Throw, 0, 0, 0, 0);

    // Entered by the kernel as if called from nowhere, on the faulting thread's stack below the record.
    [UnmanagedCallersOnly]
    private static void Throw(FaultRecord* record)
    {
        System.Exception exception = record->Vector == ExceptionNames.DivideError
            ? new System.DivideByZeroException("division by zero")
            : new System.NullReferenceException("null reference");
        // The walk reads every frame one byte before its address, as it reads a return address: one
        // past the faulting instruction's first byte names that instruction and its frame's rules.
        var faulting = new FrameRegisters
        {
            Rip = record->Rip + 1, Rsp = record->Rsp, Rbx = record->Rbx, Rbp = record->Rbp,
            R12 = record->R12, R13 = record->R13, R14 = record->R14, R15 = record->R15,
        };
        ExceptionDispatch.ThrowFrom(exception, faulting);
    }
}
