namespace Ocean;

using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;
using Ocean.Arch.X86_64.Cpu;
using Ocean.Boot;
using Ocean.Lib;

/// <summary>The kernel's entry: bring up the console, report what the bootloader handed over, idle.</summary>
public static unsafe class Kernel
{
    /// <summary>Kernel command-line word that exercises the panic path (used by the system tests).</summary>
    public const string PanicTestOption = "panic-test";

    [UnmanagedCallersOnly(EntryPoint = "KernelMain")]
    private static void Main(byte** modulesStart, byte** modulesEnd)
    {
        SerialPort.Initialize(SerialPort.Com1);
        Console.SetSink(&SerialPort.Write);

        Console.Write("Ocean kernel ");
        Console.Write(BuildInfo.Version);
        Console.WriteLine(" (x86_64, Limine protocol base revision 2)");

        if (!BootRequests.BaseRevisionSupported)
            Panic.Halt("the bootloader does not support Limine base revision 2");

        var kernelFile = BootRequests.KernelFile;
        if (kernelFile != null && kernelFile->KernelFile != null)
            CommandLine.Initialize(kernelFile->KernelFile->Cmdline);

        BootReport.PrintAll();
        if (CommandLine.Has(PanicTestOption))
            Panic.Halt("requested by the kernel command line (" + PanicTestOption + ")");
        BootReport.StartEarlyHeap();
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);

        Console.WriteLine("Ocean: boot complete, idling with interrupts off");
        Cpu.HaltForever();
    }
}
