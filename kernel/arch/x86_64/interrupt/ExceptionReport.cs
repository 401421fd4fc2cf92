namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Lib;

/// <summary>
/// Prints everything known about an exception: what it was, where, the control registers that
/// matter, every general register, and a frame-pointer backtrace with symbol names.
/// </summary>
public static unsafe class ExceptionReport
{
    private const int MaxFrames = 16;

    public static void Print(InterruptFrame* frame)
    {
        ulong vector = frame->Vector;
        Console.Write("*** EXCEPTION ");
        Console.Write(ExceptionNames.Mnemonic(vector));
        Console.Write(' ');
        Console.Write(ExceptionNames.Name(vector));
        Console.Write(" (vector ");
        Console.WriteUnsigned(vector);
        Console.Write("), error code ");
        Console.WriteHex(frame->ErrorCode, 4);
        Console.WriteLine(frame->FromUserMode ? " in user mode" : " in kernel mode");

        Console.Write("  RIP ");
        WriteSymbolized(frame->Rip);
        Console.WriteLine();
        Field("CS", frame->Cs, 4);
        Field("RFLAGS", frame->Rflags, 8);
        Field("RSP", frame->Rsp, 16);
        Field("SS", frame->Ss, 4);
        Console.WriteLine();
        if (vector == ExceptionNames.PageFault)
        {
            Field("CR2", Cpu.ReadCr2(), 16);
            Console.Write(" (");
            Console.Write((frame->ErrorCode & PageFaultError.Present) != 0 ? "protection violation" : "page not present");
            Console.Write((frame->ErrorCode & PageFaultError.InstructionFetch) != 0 ? ", instruction fetch" : (frame->ErrorCode & PageFaultError.Write) != 0 ? ", write" : ", read");
            Console.Write((frame->ErrorCode & PageFaultError.User) != 0 ? ", from user mode" : ", from kernel mode");
            Console.WriteLine(")");
        }
        Field("CR3", Cpu.ReadCr3(), 16);
        Console.WriteLine();

        Field("RAX", frame->Rax, 16); Field("RBX", frame->Rbx, 16); Field("RCX", frame->Rcx, 16); Console.WriteLine();
        Field("RDX", frame->Rdx, 16); Field("RSI", frame->Rsi, 16); Field("RDI", frame->Rdi, 16); Console.WriteLine();
        Field("RBP", frame->Rbp, 16); Field("R8", frame->R8, 16); Field("R9", frame->R9, 16); Console.WriteLine();
        Field("R10", frame->R10, 16); Field("R11", frame->R11, 16); Field("R12", frame->R12, 16); Console.WriteLine();
        Field("R13", frame->R13, 16); Field("R14", frame->R14, 16); Field("R15", frame->R15, 16); Console.WriteLine();

        Console.WriteLine("  Backtrace:");
        Console.Write("    #0  ");
        WriteSymbolized(frame->Rip);
        Console.WriteLine();
        if (frame->FromUserMode)
            return;
        // A leaf function may not have saved RBP: its caller's return address is then on top of the stack.
        int next = 1;
        ulong top;
        if (Cpu.SafeRead64(frame->Rsp, &top) && KernelAddressSpace.IsKernelText(top))
        {
            Console.Write("    #1  ");
            WriteSymbolized(top);
            Console.WriteLine(" (top of stack)");
            next = 2;
        }
        Backtrace(frame->Rbp, next);
    }

    /// <summary>Walks saved frame pointers: [rbp] is the caller's rbp, [rbp+8] the return address.</summary>
    public static void Backtrace(ulong rbp, int firstIndex)
    {
        for (int i = firstIndex; i < MaxFrames && rbp != 0 && (rbp & 7) == 0; i++)
        {
            ulong next, returnAddress;
            if (!Cpu.SafeRead64(rbp, &next) || !Cpu.SafeRead64(rbp + 8, &returnAddress) || returnAddress == 0)
                return;
            Console.Write("    #");
            Console.WriteUnsigned((ulong)i, -3);
            WriteSymbolized(returnAddress);
            Console.WriteLine();
            if (next <= rbp)
                return;   // frames grow upward; anything else is not a frame chain
            rbp = next;
        }
    }

    private static void WriteSymbolized(ulong address)
    {
        Console.WriteHex(address, 16);
        if (KernelSymbols.Lookup(address, out byte* name, out ulong offset))
        {
            Console.Write(' ');
            Console.WriteAscii(name);
            Console.Write("+");
            Console.WriteHex(offset);
        }
    }

    private static void Field(string name, ulong value, int digits)
    {
        Console.Write("  ");
        Console.Write(name);
        Console.Write(' ');
        Console.WriteHex(value, digits);
    }
}
