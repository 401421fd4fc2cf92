namespace Ocean.Kernel;

using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Arch.X86_64.Syscall;
using Ocean.Kernel.Boot;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Ipc;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;
using Ocean.Kernel.SelfTest;
using Ocean.Kernel.Syscall;

/// <summary>
/// The kernel's start: console, what the bootloader handed over, then the kernel takes the machine
/// over (descriptor tables, physical memory, its own page tables and stack, the bootloader's memory,
/// the heap, interrupt controllers and the timer) and idles with interrupts on.
/// </summary>
public static unsafe class KernelMain
{
    /// <summary>Kernel command-line words the tests use: run the self-tests; panic; fault; overflow the stack.</summary>
    public const string SelfTestOption = "selftest";
    public const string PanicTestOption = "panic-test";
    public const string FaultTestOption = "fault-test";
    public const string StackOverflowTestOption = "overflow-test";
    /// <summary>Every console line starts with the TSC ticks since the kernel's entry (see Console.StartTimestamps).</summary>
    public const string TimestampsOption = "timestamps";
    /// <summary>Check the lock order on every acquisition (see LockOrder).</summary>
    public const string LockCheckOption = "lockcheck";
    public const string TimerHzOption = "hz";
    /// <summary>init=PATH: the first program (default: the boot module named "init").</summary>
    public const string InitOption = "init";
    private const string DefaultInit = "init";
    /// <summary>The boot modules of the servers the kernel starts right after init (pids 2 and 3).</summary>
    private const string ProcessServer = "proc", MemoryServer = "mem";

    private const int KernelStackPages = 15;
    private const int InterruptStackPages = 4;

    private static Gdt _bspGdt;
    private static PerCpu _bspCpu;
    private static IdtStorage _idt;
    private static byte** _modulesStart, _modulesEnd;
    private static ulong _hhdm;
    private static ulong _bootStackTop;

    private struct IdtStorage
    {
        public fixed byte Bytes[4096];
    }

    [UnmanagedCallersOnly(EntryPoint = "KernelMain")]
    private static void Main(byte** modulesStart, byte** modulesEnd)
    {
        ulong entered = Cpu.ReadTimestamp();
        SerialPort.Initialize(SerialPort.Com1);
        Console.SetSink(&SerialPort.Write);
        _modulesStart = modulesStart;
        _modulesEnd = modulesEnd;

        Console.Write("Ocean kernel ");
        Console.Write(BuildInfo.Version);
        Console.WriteLine(" (x86_64, Limine protocol base revision 2)");
        if (!BootRequests.BaseRevisionSupported)
            Panic.Halt("the bootloader does not support Limine base revision 2");

        // Exceptions are reported from here on.
        _bspGdt.Load();
        fixed (IdtStorage* idt = &_idt)
            Idt.Initialize(idt->Bytes);

        // Copy what the bootloader lent before its memory is reclaimed.
        LimineKernelFileResponse* kernelFile = BootRequests.KernelFile;
        if (kernelFile != null && kernelFile->KernelFile != null)
        {
            CommandLine.Initialize(kernelFile->KernelFile->Cmdline);
            KernelSymbols.Initialize(kernelFile->KernelFile->Address, kernelFile->KernelFile->Size);
        }
        if (CommandLine.Has(TimestampsOption))
            Console.StartTimestamps(entered);
        LockOrder.Enabled = CommandLine.Has(LockCheckOption);
        BootReport.PrintAll();

        _hhdm = BootRequests.Hhdm->Offset;
        BootMemoryMap.CopyFrom(BootRequests.MemoryMap);
        if (BootMemoryMap.Dropped != 0)
        {
            Console.Write("Memory map: ");
            Console.WriteUnsigned(BootMemoryMap.Dropped);
            Console.Write(" entries beyond the kernel's ");
            Console.WriteUnsigned(BootMemoryMap.MaxEntries);
            Console.Write(" (after merging neighbours) left out, with ");
            Console.WriteUnsigned(BootMemoryMap.DroppedUsableBytes / 1024);
            Console.WriteLine(" KiB of usable memory");
        }
        byte* rsdp = BootRequests.Rsdp == null ? null : (byte*)BootRequests.Rsdp->Address;
        Madt.Parse(rsdp, _hhdm);
        PowerOff.Initialize(rsdp, _hhdm);
        PowerOff.Report();
        LimineKernelAddressResponse* kernelAddress = BootRequests.KernelAddress;
        if (kernelAddress == null)
            Panic.Halt("no kernel address response from the bootloader");

        PhysicalMemory.Initialize(_hhdm);
        KernelAddressSpace.Build(_hhdm, kernelAddress->PhysicalBase, kernelAddress->VirtualBase, Madt.LapicPhysical, Madt.IoApicPhysical);
        KernelAddressSpace.Activate();

        _bspGdt.Tss.Ist1 = KernelStacks.Allocate(InterruptStackPages);
        _bspGdt.Tss.Ist2 = KernelStacks.Allocate(InterruptStackPages);
        _bspGdt.Tss.Ist3 = KernelStacks.Allocate(InterruptStackPages);
        Idt.SetInterruptStack(ExceptionNames.DoubleFault, Exceptions.DoubleFaultStack);
        Idt.SetInterruptStack(ExceptionNames.NonMaskable, Exceptions.NonMaskableStack);
        Idt.SetInterruptStack(ExceptionNames.MachineCheck, Exceptions.MachineCheckStack);

        _bootStackTop = KernelStacks.Allocate(KernelStackPages);
        Cpu.SwitchStack(_bootStackTop, &ContinueOnOwnStack);
    }

    /// <summary>
    /// On the kernel's own stack and tables: the heap, interrupts and the other CPUs come up while the
    /// bootloader's memory is still intact; only then is that memory reclaimed.
    /// </summary>
    private static void ContinueOnOwnStack()
    {
        fixed (PerCpu* cpu = &_bspCpu)
        fixed (Gdt* gdt = &_bspGdt)
        {
            CpuLocal.Register(cpu, gdt, BootRequests.Smp == null ? 0 : BootRequests.Smp->BspLapicId);
            CpuLocal.Install(cpu);
        }
        PhysicalMemory.StartPageCaches();
        CpuLocal.SetKernelStack(_bootStackTop);
        BigKernelLock.Acquire();
        Console.Write("Kernel: own page tables and stack active (NX, WP");
        Console.Write(KernelAddressSpace.SmepEnabled ? ", SMEP" : "");
        Console.Write(KernelAddressSpace.SmapEnabled ? ", SMAP" : "");
        Console.WriteLine(")");

        // The heap first: the module table must be copied out of bootloader memory before it is reclaimed.
        KernelHeap.Initialize();
        StartupCodeHelpers.InitializeModules(_modulesStart, _modulesEnd);
        BootModules programs = BootModules.FromBootloader();

        SyscallSetup.Initialize();
        Scheduler.AddCpu(0, _bootStackTop);
        Processes.Initialize(programs);
        Interrupts.AfterInterrupt = &AfterInterrupt;
        Interrupts.EnterKernel = &BigKernelLock.Acquire;
        Interrupts.LeaveKernel = &BigKernelLock.Release;
        Interrupts.Register(InterruptVectors.Reschedule, &Scheduler.OnRescheduleIpi);
        Interrupts.Register(InterruptVectors.TlbShootdown, &BigKernelLock.OnShootdown);
        PageTable.KernelMappingChanged = &BigKernelLock.KernelMappingChanged;
        StartInterrupts();

        // The other CPUs leave the bootloader's parking loop and stacks before that memory is reused.
        int cpus = SmpBoot.StartApplicationProcessors();
        Console.Write("SMP: ");
        Console.WriteDecimal(cpus);
        Console.WriteLine(cpus == 1 ? " CPU online" : " CPUs online");
        if (SmpBoot.Halted > 0)
        {
            Console.Write("SMP: ");
            Console.WriteDecimal(SmpBoot.Halted);
            Console.Write(" more CPUs halted (the kernel runs at most ");
            Console.WriteDecimal(CpuLocal.MaxCpus);
            Console.WriteLine(")");
        }

        MemoryReport.Print("before reclaiming bootloader memory");
        if (SmpBoot.StillInBootloader > 0)
        {
            // A CPU that never reported may still run on the bootloader's stack and page tables.
            Console.Write("Reclaimed bootloader memory: none (");
            Console.WriteDecimal(SmpBoot.StillInBootloader);
            Console.WriteLine(" CPUs did not leave the bootloader's parking loop)");
        }
        else
        {
            ulong reclaimed = PhysicalMemory.ReclaimBootloaderMemory();
            Console.Write("Reclaimed bootloader memory: ");
            Console.WriteUnsigned(reclaimed / 1024);
            Console.WriteLine(" KiB");
        }
        MemoryReport.Print("after reclaiming bootloader memory");

        if (CommandLine.Has(SelfTestOption))
            PowerOff.Exit(SelfTestRunner.RunAll() ? PowerOff.Success : PowerOff.Failure);
        if (CommandLine.Has(PanicTestOption))
            Panic.Halt("requested by the kernel command line (" + PanicTestOption + ")");
        if (CommandLine.Has(FaultTestOption))
            FaultTests.NullWrite();
        if (CommandLine.Has(StackOverflowTestOption))
            FaultTests.OverflowStack(0);

        // From here the boot code is CPU 0's idle thread: interrupts only while it halts.
        Cpu.DisableInterrupts();
        Console.WriteLine("Ocean: boot complete, idling (typed characters are echoed)");
        StartSystem();
        Scheduler.IdleLoop();
    }

    private static void StartSystem()
    {
        byte[] path = CommandLine.Value(InitOption) ?? Ascii(DefaultInit);
        ConsoleInput.Enabled = true;
        SystemServer[] servers =
        {
            new(Ascii(ProcessServer), ObjectKind.Processes, SystemServerSlot.ProcClient),
            new(Ascii(MemoryServer), ObjectKind.AddressSpaces, SystemServerSlot.MemClient),
        };
        long result = Processes.StartSystem(path, servers);
        if (result != 0)
        {
            ConsoleInput.Enabled = false;
            Console.Write("Ocean: cannot start init (");
            Processes.WriteName(path);
            Console.Write("): error ");
            Console.WriteDecimal(result);
            Console.WriteLine();
        }
    }

    private static byte[] Ascii(string text)
    {
        var bytes = new byte[text.Length];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)text[i];
        return bytes;
    }

    // On the way out of an interrupt: back to user mode, or in the idle thread, threads may switch
    // (never when the interrupted kernel code itself held the lock).
    private static void AfterInterrupt(InterruptFrame* frame)
    {
        if (BigKernelLock.Depth != 1)
            return;
        if (frame->FromUserMode)
            SyscallDispatcher.ReturnToUser(frame);
        else if (Scheduler.NeedReschedule && Scheduler.CurrentIsIdle)
            Scheduler.Yield();
    }

    private static void StartInterrupts()
    {
        Pic.RemapAndMask();
        if (!Madt.Found || Madt.LapicPhysical == 0)
            Panic.Halt("no ACPI MADT: cannot find the local APIC");
        Lapic.Initialize((byte*)(Madt.LapicPhysical + _hhdm));
        if (Madt.IoApicPhysical != 0)
            IoApic.Initialize((byte*)(Madt.IoApicPhysical + _hhdm), Madt.IoApicGsiBase);
        InterruptBindings.Initialize();
        Ocean.Kernel.Proc.ProgramPageCache.Initialize();

        Timer.Calibrate();
        WallClock.Initialize();
        Timer.Start(CommandLine.Number(TimerHzOption, Timer.DefaultHz));
        Console.Write("Timer: LAPIC timer at ");
        Console.WriteUnsigned(Timer.Hz);
        Console.Write(" Hz (calibrated against the PIT: ");
        Console.WriteUnsigned(Timer.LapicCountsPerSecond);
        Console.WriteLine(" counts/s)");

        SerialInput.TakeBack();
        Cpu.EnableInterrupts();
    }
}
