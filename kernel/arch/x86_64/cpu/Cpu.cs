namespace Ocean.Kernel.Arch.X86_64.Cpu;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>The CPU instructions C# cannot express, implemented in CpuPrimitives.asm and DescriptorTables.asm.</summary>
public static unsafe class Cpu
{
    [RuntimeImport("*", "PortOut8")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Out8(ushort port, byte value);

    [RuntimeImport("*", "PortIn8")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern byte In8(ushort port);

    [RuntimeImport("*", "PortOut16")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Out16(ushort port, ushort value);

    [RuntimeImport("*", "PortOut32")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Out32(ushort port, uint value);

    /// <summary>Stops this CPU for good: interrupts off, <c>hlt</c> in a loop.</summary>
    [RuntimeImport("*", "HaltForever")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void HaltForever();

    [RuntimeImport("*", "Pause")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Pause();

    [RuntimeImport("*", "ReadCr0")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadCr0();

    [RuntimeImport("*", "ReadCr2")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadCr2();

    [RuntimeImport("*", "ReadCr3")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadCr3();

    [RuntimeImport("*", "ReadCr4")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadCr4();

    [RuntimeImport("*", "WriteCr0")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void WriteCr0(ulong value);

    [RuntimeImport("*", "WriteCr3")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void WriteCr3(ulong value);

    [RuntimeImport("*", "WriteCr4")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void WriteCr4(ulong value);

    [RuntimeImport("*", "ReadMsr")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadMsr(uint msr);

    [RuntimeImport("*", "WriteMsr")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void WriteMsr(uint msr, ulong value);

    /// <summary>Executes CPUID; <paramref name="registers"/> receives eax, ebx, ecx, edx.</summary>
    [RuntimeImport("*", "Cpuid")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Cpuid(uint leaf, uint subleaf, uint* registers);

    [RuntimeImport("*", "InvalidatePage")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void InvalidatePage(ulong virtualAddress);

    [RuntimeImport("*", "EnableInterrupts")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void EnableInterrupts();

    [RuntimeImport("*", "DisableInterrupts")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void DisableInterrupts();

    /// <summary>Enables interrupts and halts until the next one (sti; hlt: no wake-up is lost).</summary>
    [RuntimeImport("*", "WaitForInterrupt")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void WaitForInterrupt();

    [RuntimeImport("*", "ReadFlags")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadFlags();

    [RuntimeImport("*", "ReadTimestamp")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadTimestamp();

    /// <summary>The caller's RBP: where a backtrace starts.</summary>
    [RuntimeImport("*", "ReadFramePointer")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong ReadFramePointer();

    [RuntimeImport("*", "Breakpoint")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Breakpoint();

    /// <summary>Continues on another stack by calling <paramref name="continuation"/>; never returns.</summary>
    [RuntimeImport("*", "SwitchStack")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void SwitchStack(ulong stackTop, delegate*<void> continuation);

    /// <summary>Reads 8 bytes; false instead of a page fault when the address is not mapped.</summary>
    [RuntimeImport("*", "SafeRead64")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern bool SafeRead64(ulong address, ulong* value);

    [RuntimeImport("*", "SafeReadAccessAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong SafeReadAccessAddress();

    [RuntimeImport("*", "SafeReadFaultAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong SafeReadFaultAddress();

    /// <summary>Loads a GDT and reloads CS and the data segment registers.</summary>
    [RuntimeImport("*", "LoadGdt")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void LoadGdt(void* gdtr, ushort codeSelector, ushort dataSelector);

    [RuntimeImport("*", "LoadTaskRegister")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void LoadTaskRegister(ushort selector);

    [RuntimeImport("*", "LoadIdt")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void LoadIdt(void* idtr);

    /// <summary>The entry stub of an interrupt vector (InterruptStubs.asm).</summary>
    [RuntimeImport("*", "InterruptStubAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ulong InterruptStubAddress(int vector);
}
