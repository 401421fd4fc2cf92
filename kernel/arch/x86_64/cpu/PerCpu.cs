namespace Ocean.Arch.X86_64.Cpu;

/// <summary>
/// The per-CPU area GS points at in kernel mode. SyscallEntry.asm reads KernelStackTop and uses
/// UserRspScratch at fixed offsets (CPU_KERNEL_STACK = 8, CPU_USER_RSP = 16): keep them in place.
/// </summary>
public struct PerCpu
{
    public ulong Self;
    public ulong KernelStackTop;
    public ulong UserRspScratch;
    public uint Index;
    public uint LapicId;
}

/// <summary>Installs the per-CPU area and tracks the kernel stack the CPU enters on from ring 3.</summary>
public static unsafe class CpuLocal
{
    private const uint GsBaseMsr = 0xC0000101, KernelGsBaseMsr = 0xC0000102;

    private static PerCpu _bsp;
    private static Gdt* _gdt;

    public static PerCpu* Current
    {
        get
        {
            fixed (PerCpu* p = &_bsp)
                return p;
        }
    }

    /// <summary>Points GS at this CPU's area (kernel mode); the user's GS base starts at zero.</summary>
    public static void Initialize(Gdt* gdt, uint lapicId)
    {
        _gdt = gdt;
        PerCpu* cpu = Current;
        cpu->Self = (ulong)cpu;
        cpu->LapicId = lapicId;
        Cpu.WriteMsr(GsBaseMsr, (ulong)cpu);
        Cpu.WriteMsr(KernelGsBaseMsr, 0);
    }

    /// <summary>The stack a switch to ring 0 lands on: for SYSCALL (through GS) and for interrupts (TSS.Rsp0).</summary>
    public static void SetKernelStack(ulong top)
    {
        Current->KernelStackTop = top;
        if (_gdt != null)
            _gdt->Tss.Rsp0 = top;
    }
}
