namespace Ocean.Kernel.Arch.X86_64.Cpu;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>Installs each CPU's area and tracks the kernel stack it enters on from ring 3.</summary>
public static unsafe class CpuLocal
{
    public const int MaxCpus = 16;
    private const uint GsBaseMsr = 0xC0000101, KernelGsBaseMsr = 0xC0000102;

    private struct Areas
    {
        public fixed ulong Pointers[MaxCpus];
    }

    private static Areas _areas;

    public static int Count { get; private set; }

    [RuntimeImport("*", "CurrentPerCpu")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern PerCpu* ReadCurrent();

    /// <summary>This CPU's area (GS must already point at it).</summary>
    public static PerCpu* Current => ReadCurrent();

    public static PerCpu* Get(int index)
    {
        fixed (Areas* a = &_areas)
            return (PerCpu*)a->Pointers[index];
    }

    /// <summary>Registers the area of the next CPU (the BSP first); returns its index.</summary>
    public static int Register(PerCpu* cpu, Gdt* gdt, uint lapicId)
    {
        int index = Count++;
        *cpu = default;
        cpu->Self = (ulong)cpu;
        cpu->Index = index;
        cpu->LapicId = lapicId;
        cpu->Gdt = gdt;
        fixed (Areas* a = &_areas)
            a->Pointers[index] = (ulong)cpu;
        return index;
    }

    /// <summary>Points this CPU's GS at <paramref name="cpu"/> (kernel mode); the user's GS base starts at zero.</summary>
    public static void Install(PerCpu* cpu)
    {
        Cpu.WriteMsr(GsBaseMsr, (ulong)cpu);
        Cpu.WriteMsr(KernelGsBaseMsr, 0);
    }

    /// <summary>The stack a switch to ring 0 lands on: for SYSCALL (through GS) and for interrupts (TSS.Rsp0).</summary>
    public static void SetKernelStack(ulong top) => SetKernelStack(Current, top);

    /// <summary><see cref="SetKernelStack(ulong)"/> for a caller that has this CPU's area at hand (the thread switch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetKernelStack(PerCpu* cpu, ulong top)
    {
        cpu->KernelStackTop = top;
        if (cpu->Gdt != null)
            cpu->Gdt->Tss.Rsp0 = top;
    }
}
