namespace Ocean.Kernel.Proc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;

/// <summary>
/// Exceptions from ring 3: a spurious fault is retried, a write to a copy-on-write page copies it, the
/// first touch of a stack page maps it (memory running out there kills the process), a divide error or
/// a null reference goes to the program's fault entry if it has one (<see cref="FaultDelivery"/>). Anything else
/// stops the thread and goes to the process server, which says what happened and ends the process;
/// before the server is there, or for the servers the kernel started, the kernel does that itself.
/// Never the kernel's end.
/// </summary>
public static unsafe class UserFaults
{
    // Whether a user access with this page-fault error code would succeed through this leaf entry
    // (the tables above a user leaf are always present, user and writable).
    private static bool AllowedNow(ulong entry, ulong errorCode)
    {
        if ((entry & (PageTable.Present | PageTable.User)) != (PageTable.Present | PageTable.User) || (errorCode & PageFaultError.ReservedBit) != 0)
            return false;
        if ((errorCode & PageFaultError.Write) != 0 && (entry & PageTable.Writable) == 0)
            return false;
        return (errorCode & PageFaultError.InstructionFetch) == 0 || (entry & PageTable.NoExecute) == 0;
    }

    /// <summary>Exceptions from ring 3: copy-on-write faults are resolved; anything else kills the process.</summary>
    public static bool Handle(InterruptFrame* frame)
    {
        Process process = Processes.Current;
        if (process == null)
            return false;
        ulong address = frame->Vector == ExceptionNames.PageFault ? Cpu.ReadCr2() : frame->Rip;
        ulong page = address & ~(UserLayout.PageSize - 1);
        ulong entry = Processes.SpaceOf(process)->LeafEntry(page);
        // A fault that lost a race: another thread of the process got the kernel first and already
        // fixed the page (both wrote one copy-on-write page at once), or this CPU still held the
        // translation from before a page was taken back in place. The access is allowed now: retry it.
        if (frame->Vector == ExceptionNames.PageFault && AllowedNow(entry, frame->ErrorCode))
        {
            Cpu.InvalidatePage(page);
            return true;
        }
        // The first touch of a stack page maps a zeroed one (UserStack); no memory for it: only this process pays.
        if (frame->Vector == ExceptionNames.PageFault && (frame->ErrorCode & PageFaultError.Present) == 0 && UserStack.Contains(page))
        {
            if (UserStack.MapOnFirstTouch(Processes.SpaceOf(process), page))
                return true;
            WriteKilled(process, "out of memory (stack page)", address, frame->Rip);
            Processes.ExitCurrent(WaitStatus.Killed(Signal.Kill));
            return true;
        }
        bool copyOnWrite = frame->Vector == ExceptionNames.PageFault &&
            (frame->ErrorCode & (PageFaultError.Present | PageFaultError.Write)) == (PageFaultError.Present | PageFaultError.Write) &&
            (entry & PageTable.CopyOnWrite) != 0;
        if (copyOnWrite && CopyOnWrite.Break(process, page))
            return true;
        // A copy-on-write page that could not be copied: memory ran out, only this process pays.
        if (copyOnWrite)
        {
            WriteKilled(process, "out of memory (copy-on-write page)", address, frame->Rip);
            Processes.ExitCurrent(WaitStatus.Killed(Signal.Kill));
            return true;
        }

        // A divide error or a null reference the program takes as an exception (fault_handler).
        if (FaultDelivery.TryDeliver(process, frame, address))
            return true;

        int signal = frame->Vector switch
        {
            (ulong)ExceptionNames.InvalidOpcode => Signal.IllegalInstruction,
            (ulong)ExceptionNames.DivideError or (ulong)ExceptionNames.X87Floating or (ulong)ExceptionNames.SimdFloating => Signal.ArithmeticError,
            _ => Signal.SegmentationFault,
        };
        bool stackOverflow = frame->Vector == ExceptionNames.PageFault &&
            address >= UserLayout.StackBottom - 16 * UserLayout.PageSize && address < UserLayout.StackBottom;
        if (Processes.FaultsGoToServer(process))
        {
            Thread self = Ocean.Kernel.Sched.Scheduler.Current;
            self.Fault = new FaultReport
            {
                Pid = process.Pid, Thread = self.Id, Vector = frame->Vector, Address = address, Rip = frame->Rip,
                ErrorCode = frame->ErrorCode, EntryFlags = entry & (PageTable.FlagMask | PageTable.Present),
                Cpu = CpuLocal.Current->Index, StackOverflow = stackOverflow ? 1 : 0,
            };
            Processes.StopForServer(self);   // until the server ends the process
            Processes.ExitCurrent(WaitStatus.Killed(signal));
            return true;
        }
        WriteKilled(process, stackOverflow ? null : ExceptionNames.Name(frame->Vector), address, frame->Rip);
        if (frame->Vector == ExceptionNames.PageFault)
            WriteFaultDetail(process, frame->ErrorCode, entry);
        Processes.ExitCurrent(WaitStatus.Killed(signal));
        return true;
    }

    // "ocean: pid N (name) killed: WHAT at ADDRESS, rip RIP" (WHAT null: a stack overflow's page fault).
    private static void WriteKilled(Process process, string what, ulong address, ulong rip)
    {
        Console.Write("ocean: pid ");
        Console.WriteDecimal(process.Pid);
        Console.Write(" (");
        Processes.WriteName(process.Name);
        Console.Write(") killed: ");
        Console.Write(what ?? "page fault (stack overflow)");
        Console.Write(" at ");
        Console.WriteHex(address, 16);
        Console.Write(", rip ");
        Console.WriteHex(rip, 16);
        Console.WriteLine();
    }

    // "ocean: pid N: error 0xE, entry flags 0xF, cpu C": what the CPU reported and what the page
    // table says now, so a fault that should not have killed can be told from one that should.
    private static void WriteFaultDetail(Process process, ulong errorCode, ulong entry)
    {
        Console.Write("ocean: pid ");
        Console.WriteDecimal(process.Pid);
        Console.Write(": error ");
        Console.WriteHex(errorCode, 1);
        Console.Write(", entry flags ");
        Console.WriteHex(entry & (PageTable.FlagMask | PageTable.Present), 1);
        Console.Write(", cpu ");
        Console.WriteDecimal(CpuLocal.Current->Index);
        Console.WriteLine();
    }
}
