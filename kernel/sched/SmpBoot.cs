namespace Ocean.Kernel.Sched;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Arch.X86_64.Syscall;
using Ocean.Kernel.Boot;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;

/// <summary>
/// Brings up the application processors the bootloader parked (Limine MP response): the BSP prepares
/// each one's GDT/TSS, stacks, per-CPU area and run queue, then writes its goto_address; the AP moves
/// onto the kernel's page tables and its own stack, enables its LAPIC, timer and SYSCALL, and idles.
/// </summary>
public static unsafe class SmpBoot
{
    private const int IdleStackPages = 8;
    private const int InterruptStackPages = 4;
    // How long the BSP waits for the CPUs to report. A working CPU reports in microseconds; under an
    // emulator with more virtual CPUs than host cores it can take seconds, so the wait is generous: it
    // only delays the boot when a CPU is broken.
    private const long StartTimeoutNs = 10_000_000_000;

    private static long _online;

    [RuntimeImport("*", "ApEntryAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ApEntryAddress();

    [RuntimeImport("*", "ApHaltAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ApHaltAddress(ulong pml4);

    [RuntimeImport("*", "ApHaltedCount")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern long ApHaltedCount();

    /// <summary>Processors beyond <see cref="CpuLocal.MaxCpus"/>: sent out of the bootloader's parking loop to halt for good.</summary>
    public static int Halted { get; private set; }

    /// <summary>
    /// Processors sent out of the parking loop that did not report within the time limit: they may
    /// still run on the bootloader's stacks and page tables, so its memory must not be reclaimed.
    /// </summary>
    public static int StillInBootloader { get; private set; }

    /// <summary>
    /// Starts every AP and waits for them; returns how many CPUs run (the BSP included). APs beyond
    /// the kernel's limit (or its memory) are sent to halt, and waited for too: the parking loop they
    /// leave is bootloader memory the kernel reclaims next.
    /// </summary>
    public static int StartApplicationProcessors()
    {
        LimineSmpResponse* smp = BootRequests.Smp;
        if (smp == null)
            return CpuLocal.Count;
        int expected = 0, halting = 0;
        bool full = false;
        for (ulong i = 0; i < smp->CpuCount; i++)
        {
            LimineSmpInfo* info = smp->Cpus[i];
            if (info->LapicId == smp->BspLapicId)
                continue;
            if (full || CpuLocal.Count == CpuLocal.MaxCpus)
            {
                info->GotoAddress = (void*)ApHaltAddress(Cpu.ReadCr3());
                halting++;
                continue;
            }
            var cpu = (PerCpu*)KernelHeap.Allocate((nuint)sizeof(PerCpu));
            var gdt = (Gdt*)KernelHeap.Allocate((nuint)sizeof(Gdt));
            ulong idleStack = KernelStacks.Allocate(IdleStackPages);
            if (cpu == null || gdt == null || idleStack == 0)
            {
                full = true;   // no memory for more: this one and the rest halt
                info->GotoAddress = (void*)ApHaltAddress(Cpu.ReadCr3());
                halting++;
                continue;
            }
            gdt->Tss.Ist1 = KernelStacks.Allocate(InterruptStackPages);
            gdt->Tss.Ist2 = KernelStacks.Allocate(InterruptStackPages);
            gdt->Tss.Ist3 = KernelStacks.Allocate(InterruptStackPages);
            int index = CpuLocal.Register(cpu, gdt, info->LapicId);
            cpu->KernelStackTop = idleStack;
            Scheduler.AddCpu(index, idleStack);
            info->ExtraArgument = (ulong)cpu;
            info->GotoAddress = (void*)ApEntryAddress();   // the AP leaves its parking loop now
            expected++;
        }
        ulong deadline = Timer.MonotonicNanoseconds + StartTimeoutNs;
        fixed (long* online = &_online)
            while ((Atomic.Add(online, 0) < expected || ApHaltedCount() < halting) && Timer.MonotonicNanoseconds < deadline)
                Cpu.Pause();
        Halted = (int)ApHaltedCount();
        StillInBootloader = expected - (int)_online + halting - Halted;
        return 1 + (int)_online;
    }

    [UnmanagedCallersOnly(EntryPoint = "ApMain")]
    private static void ApMain(LimineSmpInfo* info)
    {
        var cpu = (PerCpu*)info->ExtraArgument;
        KernelAddressSpace.Activate();
        cpu->Gdt->Load();
        Idt.Load();
        CpuLocal.Install(cpu);
        Cpu.SwitchStack(cpu->KernelStackTop, &ApContinue);
    }

    /// <summary>On the AP's own stack: interrupts, timer and system calls for this CPU, then idle.</summary>
    private static void ApContinue()
    {
        PerCpu* cpu = CpuLocal.Current;
        Lapic.EnableOnThisCpu();
        SyscallSetup.Initialize();
        Timer.StartOnThisCpu();
        fixed (long* online = &_online)
            Atomic.Add(online, 1);
        BigKernelLock.Acquire();
        Scheduler.IdleLoop();
    }
}
