namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// The per-CPU area GS points at in kernel mode. SyscallEntry.asm reads KernelStackTop and uses
/// UserRspScratch at fixed offsets (CPU_KERNEL_STACK = 8, CPU_USER_RSP = 16), CurrentPerCpu reads
/// Self at offset 0, CurrentThread and CurrentRunQueue read offsets 24 and 32, and SyscallEntry.asm LeavingOnCpu at 40: keep those six first
/// (a host test, AsmFactsTests, compares the assembly's offsets with this layout).
/// </summary>
public unsafe struct PerCpu
{
    public ulong Self;
    public ulong KernelStackTop;
    public ulong UserRspScratch;
    /// <summary>The address of the thread this CPU runs (see Ocean.Kernel.Sched.Scheduler.Current).</summary>
    public ulong CurrentThread;
    /// <summary>The address of this CPU's run queue (see Ocean.Kernel.Sched.Scheduler).</summary>
    public ulong RunQueue;
    /// <summary>
    /// The OnCpu flag SyscallEntry.asm clears when a fast path has it leave by another thread's frame:
    /// the old thread's stack is in use until then (see Ocean.Kernel.Sched.Scheduler).
    /// </summary>
    public int* LeavingOnCpu;
    public int Index;
    public uint LapicId;
    public Gdt* Gdt;
    /// <summary>The kernel-mapping generation this CPU's TLB reflects (see <see cref="Ocean.Kernel.Sched.BigKernelLock"/>).</summary>
    public long TlbGeneration;
    /// <summary>1 while this CPU spins for the kernel lock: it flushes its TLB on getting it, so a shootdown need not wait for it.</summary>
    public int WaitingForLock;
    /// <summary>The stamp of the I/O bitmap in force (0: none) and of the one in the TSS (see <see cref="IoPermissionBitmap"/>).</summary>
    public ulong IoBitmapInEffect;
    public ulong IoBitmapLoaded;
    /// <summary>How many nested entries hold the kernel lock on this CPU, and whether in shared mode (see <see cref="Ocean.Kernel.Sched.BigKernelLock"/>).</summary>
    public int LockDepth;
    public int LockShared;
}
