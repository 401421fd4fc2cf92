namespace Ocean.Libc.Unwind;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// The calls that led to where a program is, from its own unwind tables (<see cref="EhFrame"/>,
/// <see cref="CallFrameRules"/>): written after a fatal error as return addresses with the method
/// each lies in (<see cref="SymbolTable"/>), which <c>addr2line -e program.elf</c> turns into a file
/// and line. Allocates nothing, since the heap may be what failed.
/// </summary>
public static unsafe class StackTrace
{
    private const int MaxFrames = 32;

    [RuntimeImport("*", "OceanCaptureRegisters")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CaptureRegisters(FrameRegisters* registers);

    [RuntimeImport("*", "OceanSymbolTable")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern byte* SymbolTableStart(byte** end);

    [RuntimeImport("*", "OceanUnwindTable")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern byte* UnwindTable(byte** end);

    /// <summary>The program's unwind table (user.ld's .eh_frame).</summary>
    public static EhFrame Table()
    {
        byte* end;
        byte* start = UnwindTable(&end);
        return new EhFrame(start, end);
    }

    /// <summary>The program's table of method and type names (.ocean_symbols).</summary>
    public static SymbolTable Symbols()
    {
        byte* end;
        byte* start = SymbolTableStart(&end);
        return new SymbolTable(start, end);
    }

    /// <summary>Writes "  at 0x…" for each caller of the method that calls this, innermost first; how many it wrote.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int WriteCallers()
    {
        FrameRegisters registers;
        CaptureRegisters(&registers);   // registers.Rip: an instruction of this method
        EhFrame table = Table();
        // To the caller, then to the caller's caller.
        return StepOut(table, ref registers) && StepOut(table, ref registers) ? Write(registers) : 0;
    }

    /// <summary>Writes "  at 0x… Method+0x…" for the frame <paramref name="registers"/> describe and each of its callers.</summary>
    public static int Write(FrameRegisters registers)
    {
        EhFrame table = Table();
        SymbolTable symbols = Symbols();
        int written = 0;
        for (int frame = 0; frame < MaxFrames && registers.Rip != 0; frame++)
        {
            Stdio.Write("  at 0x");
            Stdio.WriteHex(registers.Rip, 16);
            // Named by the call (one byte back), which lies in the caller even when the call is its last instruction.
            if (symbols.TryFind(registers.Rip - 1, out byte* name, out int length, out ulong offset))
            {
                Stdio.Write(' ');
                Stdio.Write(name, length);
                Stdio.Write("+0x");
                Stdio.WriteHex(offset + 1);
            }
            Stdio.Write('\n');
            written++;
            if (!StepOut(table, ref registers))
                break;
        }
        return written;
    }

    /// <summary>
    /// From the frame <paramref name="registers"/> describe (at a return address) to its caller's;
    /// false, the registers unchanged, when the walk cannot go on (no FDE: an assembly routine, the end).
    /// </summary>
    public static bool StepOut(EhFrame table, ref FrameRegisters registers)
    {
        // A return address is just past its call: the call itself (one byte back) is in the caller's range.
        ulong location = registers.Rip - 1;
        return table.TryFind(location, out FrameDescription description) && CallFrameRules.Step(in description, location, ref registers);
    }
}
