namespace Ocean.Arch.X86_64.Cpu;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// The per-CPU area GS points at in kernel mode. SyscallEntry.asm reads KernelStackTop and uses
/// UserRspScratch at fixed offsets (CPU_KERNEL_STACK = 8, CPU_USER_RSP = 16), CurrentPerCpu reads
/// Self at offset 0, CurrentThread and CurrentRunQueue read offsets 24 and 32: keep those five first.
/// </summary>
public unsafe struct PerCpu
{
    public ulong Self;
    public ulong KernelStackTop;
    public ulong UserRspScratch;
    /// <summary>The address of the thread this CPU runs (see Ocean.Sched.Scheduler.Current).</summary>
    public ulong CurrentThread;
    /// <summary>The address of this CPU's run queue (see Ocean.Sched.Scheduler).</summary>
    public ulong RunQueue;
    public int Index;
    public uint LapicId;
    public Gdt* Gdt;
    /// <summary>The kernel-mapping generation this CPU's TLB reflects (see <see cref="Ocean.Sched.BigKernelLock"/>).</summary>
    public long TlbGeneration;
    /// <summary>1 while this CPU spins for the kernel lock: it flushes its TLB on getting it, so a shootdown need not wait for it.</summary>
    public int WaitingForLock;
    /// <summary>The stamp of the I/O bitmap in force (0: none) and of the one in the TSS (see <see cref="IoPermissionBitmap"/>).</summary>
    public ulong IoBitmapInEffect;
    public ulong IoBitmapLoaded;
}

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
    public static void SetKernelStack(ulong top)
    {
        PerCpu* cpu = Current;
        cpu->KernelStackTop = top;
        if (cpu->Gdt != null)
            cpu->Gdt->Tss.Rsp0 = top;
    }
}
