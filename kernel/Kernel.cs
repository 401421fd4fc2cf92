namespace Ocean;

using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;
using Ocean.Arch.X86_64.Cpu;
using Ocean.Boot;
using Ocean.Lib;

/// <summary>The kernel's entry: bring up the console, report what the bootloader handed over, idle.</summary>
public static unsafe class Kernel
{
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

        BootReport.PrintAll();
        BootReport.StartEarlyHeap();
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);

        Console.WriteLine("Ocean: boot complete, idling with interrupts off");
        Cpu.HaltForever();
    }
}
