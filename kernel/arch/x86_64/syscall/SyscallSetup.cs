namespace Ocean.Kernel.Arch.X86_64.Syscall;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>Enables SYSCALL/SYSRET on this CPU and points it at SyscallEntry.asm.</summary>
public static class SyscallSetup
{
    private const uint EferMsr = 0xC0000080, StarMsr = 0xC0000081, LstarMsr = 0xC0000082, FmaskMsr = 0xC0000084;
    private const ulong EferSyscallEnable = 1;
    // RFLAGS bits cleared on entry: interrupts (the kernel runs them masked), direction, trap, alignment check.
    private const ulong MaskedFlags = (1 << 9) | (1 << 10) | (1 << 8) | (1 << 18);
    /// <summary>SYSRET loads CS = base + 16 and SS = base + 8 (RPL 3): user code 0x23, user data 0x1B.</summary>
    private const ulong SysretBase = Gdt.KernelData;

    [RuntimeImport("*", "SyscallEntryAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong SyscallEntryAddress();

    public static void Initialize()
    {
        Cpu.WriteMsr(EferMsr, Cpu.ReadMsr(EferMsr) | EferSyscallEnable);
        Cpu.WriteMsr(StarMsr, (SysretBase << 48) | ((ulong)Gdt.KernelCode << 32));
        Cpu.WriteMsr(LstarMsr, SyscallEntryAddress());
        Cpu.WriteMsr(FmaskMsr, MaskedFlags);
    }
}
