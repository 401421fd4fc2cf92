namespace Ocean.Kernel.Proc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Syscall;

/// <summary>
/// Faults a program takes as exceptions (fault_handler): a divide error, or a page fault in the null
/// area, goes back to the faulting thread at the program's fault entry with a <see cref="FaultRecord"/>
/// on its own stack, as a signal handler is entered on Unix. What the fault means (libc throws
/// DivideByZeroException or NullReferenceException there) is the program's; the kernel only moves the
/// thread. Every other fault, or a record that does not fit on the stack (an overflow), ends the
/// process as before.
/// </summary>
public static unsafe class FaultDelivery
{
    /// <summary>fault_handler: the entry, or 0 for none.</summary>
    public static long SetEntry(ulong entry)
    {
        if (entry >= UserLayout.UserEnd)
            return -Errno.EFAULT;
        Processes.Current.FaultEntry = entry;
        return 0;
    }

    /// <summary>Whether the fault went to the program's entry (the frame now resumes there).</summary>
    public static bool TryDeliver(Process process, InterruptFrame* frame, ulong address)
    {
        if (process.FaultEntry == 0 || !Delivered(frame->Vector, address))
            return false;
        FaultRecord record = default;
        record.Vector = frame->Vector;
        record.ErrorCode = frame->ErrorCode;
        record.Address = address;
        record.Rip = frame->Rip;
        record.Rsp = frame->Rsp;
        record.Rflags = frame->Rflags;
        record.Rax = frame->Rax;
        record.Rbx = frame->Rbx;
        record.Rcx = frame->Rcx;
        record.Rdx = frame->Rdx;
        record.Rsi = frame->Rsi;
        record.Rdi = frame->Rdi;
        record.Rbp = frame->Rbp;
        record.R8 = frame->R8;
        record.R9 = frame->R9;
        record.R10 = frame->R10;
        record.R11 = frame->R11;
        record.R12 = frame->R12;
        record.R13 = frame->R13;
        record.R14 = frame->R14;
        record.R15 = frame->R15;
        // Below the red zone, 16-byte aligned, then a return address of 0, as if the entry had been
        // called from nowhere: the entry's frame is where a walk of the stack ends.
        ulong at = (frame->Rsp - FaultRecord.RedZoneBytes - (ulong)sizeof(FaultRecord)) & ~15UL;
        ulong returnAddress = 0;
        if (frame->Rsp < UserLayout.LowestAddress + FaultRecord.RedZoneBytes + (ulong)sizeof(FaultRecord) + 16 ||
            UserMemory.CopyTo(at, &record, (ulong)sizeof(FaultRecord)) != 0 ||
            UserMemory.CopyTo(at - 8, &returnAddress, 8) != 0)
            return false;
        frame->Rip = process.FaultEntry;
        frame->Rsp = at - 8;
        frame->Rdi = at;
        frame->Rflags &= ~DirectionFlag;   // the ABI's promise at a call
        return true;
    }

    private const ulong DirectionFlag = 1UL << 10;

    private static bool Delivered(ulong vector, ulong address) =>
        vector == ExceptionNames.DivideError || (vector == ExceptionNames.PageFault && address < FaultRecord.NullAreaEnd);
}
