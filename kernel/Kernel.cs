namespace Ocean;

using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;
using Ocean.Arch.X86_64.Cpu;
using Ocean.Arch.X86_64.Interrupt;
using Ocean.Arch.X86_64.Mm;
using Ocean.Boot;
using Ocean.Boot.Limine;
using Ocean.Lib;
using Ocean.Mm;
using Ocean.SelfTest;

/// <summary>
/// The kernel's start: console, what the bootloader handed over, then the kernel takes the machine
/// over (descriptor tables, physical memory, its own page tables and stack, the bootloader's memory,
/// the heap, interrupt controllers and the timer) and idles with interrupts on.
/// </summary>
public static unsafe class Kernel
{
    /// <summary>Kernel command-line words the tests use: run the self-tests; panic; fault; overflow the stack.</summary>
    public const string SelfTestOption = "selftest";
    public const string PanicTestOption = "panic-test";
    public const string FaultTestOption = "fault-test";
    public const string StackOverflowTestOption = "overflow-test";
    public const string TimerHzOption = "hz";

    private const int KernelStackPages = 16;
    private const int InterruptStackPages = 4;

    private static Gdt _bspGdt;
    private static IdtStorage _idt;
    private static byte** _modulesStart, _modulesEnd;
    private static ulong _hhdm;

    private struct IdtStorage
    {
        public fixed byte Bytes[4096];
    }

    [UnmanagedCallersOnly(EntryPoint = "KernelMain")]
    private static void Main(byte** modulesStart, byte** modulesEnd)
    {
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
        BootReport.PrintAll();
        _hhdm = BootRequests.Hhdm->Offset;
        BootMemoryMap.CopyFrom(BootRequests.MemoryMap);
        Madt.Parse(BootRequests.Rsdp == null ? null : (byte*)BootRequests.Rsdp->Address, _hhdm);
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

        Cpu.SwitchStack(KernelStacks.Allocate(KernelStackPages), &ContinueOnOwnStack);
    }

    /// <summary>From here the kernel uses nothing the bootloader lent: its tables, stack and responses.</summary>
    private static void ContinueOnOwnStack()
    {
        Console.Write("Kernel: own page tables and stack active (NX, WP");
        Console.Write(KernelAddressSpace.SmepEnabled ? ", SMEP" : "");
        Console.Write(KernelAddressSpace.SmapEnabled ? ", SMAP" : "");
        Console.WriteLine(")");
        MemoryReport.Print("before reclaiming bootloader memory");
        ulong reclaimed = PhysicalMemory.ReclaimBootloaderMemory();
        Console.Write("Reclaimed bootloader memory: ");
        Console.WriteUnsigned(reclaimed / 1024);
        Console.WriteLine(" KiB");
        MemoryReport.Print("after reclaiming bootloader memory");

        KernelHeap.Initialize();
        StartupCodeHelpers.InitializeModules(_modulesStart, _modulesEnd);

        StartInterrupts();

        if (CommandLine.Has(SelfTestOption))
            PowerOff.Exit(SelfTestRunner.RunAll() ? PowerOff.Success : PowerOff.Failure);
        if (CommandLine.Has(PanicTestOption))
            Panic.Halt("requested by the kernel command line (" + PanicTestOption + ")");
        if (CommandLine.Has(FaultTestOption))
            FaultTests.NullWrite();
        if (CommandLine.Has(StackOverflowTestOption))
            FaultTests.OverflowStack(0);

        Console.WriteLine("Ocean: boot complete, idling (typed characters are echoed)");
        while (true)
            Cpu.WaitForInterrupt();
    }

    private static void StartInterrupts()
    {
        Pic.RemapAndMask();
        if (!Madt.Found || Madt.LapicPhysical == 0)
            Panic.Halt("no ACPI MADT: cannot find the local APIC");
        Lapic.Initialize((byte*)(Madt.LapicPhysical + _hhdm));
        if (Madt.IoApicPhysical != 0)
            IoApic.Initialize((byte*)(Madt.IoApicPhysical + _hhdm), Madt.IoApicGsiBase);

        Timer.Calibrate();
        Timer.Start(CommandLine.Number(TimerHzOption, Timer.DefaultHz));
        Console.Write("Timer: LAPIC timer at ");
        Console.WriteUnsigned(Timer.Hz);
        Console.Write(" Hz (calibrated against the PIT: ");
        Console.WriteUnsigned(Timer.LapicCountsPerSecond);
        Console.WriteLine(" counts/s)");

        Interrupts.Register(InterruptVectors.IsaBase + SerialPort.Com1Irq, &OnSerialInput);
        if (IoApic.RouteIsaIrq(SerialPort.Com1Irq, InterruptVectors.IsaBase + SerialPort.Com1Irq, Lapic.Id))
            SerialPort.EnableReceiveInterrupt();
        Cpu.EnableInterrupts();
    }

    private static void OnSerialInput(InterruptFrame* frame)
    {
        while (SerialPort.TryRead(out byte value))
        {
            Console.Write("COM1 IRQ: received ");
            Console.WriteHex(value, 2);
            Console.WriteLine();
        }
    }
}
