namespace Ocean.Servers.Proc;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// What the process server says of a process it ends for a fault, and which signal the end reports:
/// the lines the kernel used to print, word for word (tests and people read them).
/// </summary>
public static unsafe class FaultLines
{
    /// <summary>The signal a fault of <paramref name="vector"/> ends its process with, as Unix would send it.</summary>
    public static int SignalFor(ulong vector) => vector switch
    {
        (ulong)ExceptionNames.InvalidOpcode => Signal.IllegalInstruction,
        (ulong)ExceptionNames.DivideError or (ulong)ExceptionNames.X87Floating or (ulong)ExceptionNames.SimdFloating => Signal.ArithmeticError,
        _ => Signal.SegmentationFault,
    };

    /// <summary>
    /// "ocean: pid N (name) killed: WHAT at ADDRESS, rip RIP", and for a page fault "ocean: pid N:
    /// error 0xE, entry flags 0xF, cpu C" (what the CPU reported and what the page table said, so a
    /// fault that should not have killed can be told from one that should).
    /// </summary>
    public static void Write(FaultReport* fault, ProcessInfo* info)
    {
        Stdio.Write("ocean: pid ");
        Stdio.Write(fault->Pid);
        Stdio.Write(" (");
        if (info != null)
            Stdio.Write(info->Name);
        Stdio.Write(") killed: ");
        Stdio.Write(fault->StackOverflow != 0 ? "page fault (stack overflow)" : ExceptionNames.Name(fault->Vector));
        Stdio.Write(" at 0x");
        Stdio.WriteHex(fault->Address, AddressDigits);
        Stdio.Write(", rip 0x");
        Stdio.WriteHex(fault->Rip, AddressDigits);
        Stdio.WriteLine("");
        if (fault->Vector != ExceptionNames.PageFault)
            return;
        Stdio.Write("ocean: pid ");
        Stdio.Write(fault->Pid);
        Stdio.Write(": error 0x");
        Stdio.WriteHex(fault->ErrorCode);
        Stdio.Write(", entry flags 0x");
        Stdio.WriteHex(fault->EntryFlags);
        Stdio.Write(", cpu ");
        Stdio.Write(fault->Cpu);
        Stdio.WriteLine("");
    }

    private const int AddressDigits = 16;
}
