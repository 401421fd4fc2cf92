namespace Ocean.Kernel.Boot;

using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Lib;

/// <summary>Prints what the bootloader handed over: the first thing a person (or a test) checks.</summary>
public static unsafe class BootReport
{
    private const ulong MiB = 1024 * 1024;
    private const ulong KiB = 1024;

    public static void PrintAll()
    {
        PrintBootloader();
        PrintHhdm();
        PrintMemoryMap();
        PrintKernel();
        PrintModules();
        PrintFirmware();
        PrintCpus();
    }

    public static string TypeName(LimineMemoryType type) => type switch
    {
        LimineMemoryType.Usable => "usable",
        LimineMemoryType.Reserved => "reserved",
        LimineMemoryType.AcpiReclaimable => "ACPI reclaimable",
        LimineMemoryType.AcpiNvs => "ACPI NVS",
        LimineMemoryType.BadMemory => "bad memory",
        LimineMemoryType.BootloaderReclaimable => "bootloader reclaimable",
        LimineMemoryType.KernelAndModules => "kernel and modules",
        LimineMemoryType.Framebuffer => "framebuffer",
        _ => "unknown",
    };

    private static void PrintBootloader()
    {
        var info = BootRequests.BootloaderInfo;
        Console.Write("Bootloader: ");
        if (info == null)
        {
            Console.WriteLine("(no answer)");
            return;
        }
        Console.WriteAscii(info->Name);
        Console.Write(' ');
        Console.WriteAscii(info->Version);
        Console.WriteLine();
    }

    private static void PrintHhdm()
    {
        var hhdm = BootRequests.Hhdm;
        if (hhdm == null)
            Panic.Halt("no HHDM response from the bootloader");
        Console.Write("HHDM offset: ");
        Console.WriteHex(hhdm->Offset, 16);
        Console.WriteLine();
    }

    private static void PrintMemoryMap()
    {
        var map = BootRequests.MemoryMap;
        if (map == null)
            Panic.Halt("no memory map from the bootloader");
        Console.Write("Memory map (");
        Console.WriteUnsigned(map->EntryCount);
        Console.WriteLine(" entries):");
        Console.Write("  ");
        Console.Write("base", -20);
        Console.Write("length", -20);
        Console.WriteLine("type");
        ulong usable = 0, reclaimable = 0;
        for (ulong i = 0; i < map->EntryCount; i++)
        {
            LimineMemoryMapEntry* entry = map->Entries[i];
            Console.Write("  ");
            Console.WriteHex(entry->Base, 16, -20);
            Console.WriteHex(entry->Length, 16, -20);
            Console.WriteLine(TypeName(entry->Type));
            if (entry->Type == LimineMemoryType.Usable)
                usable += entry->Length;
            else if (entry->Type == LimineMemoryType.BootloaderReclaimable)
                reclaimable += entry->Length;
        }
        Console.Write("Usable memory: ");
        Console.WriteUnsigned(usable / MiB);
        Console.Write(" MiB (");
        Console.WriteUnsigned(usable / KiB);
        Console.Write(" KiB), bootloader reclaimable: ");
        Console.WriteUnsigned(reclaimable / KiB);
        Console.WriteLine(" KiB");
    }

    private static void PrintKernel()
    {
        var address = BootRequests.KernelAddress;
        if (address != null)
        {
            Console.Write("Kernel: physical ");
            Console.WriteHex(address->PhysicalBase, 16);
            Console.Write(", virtual ");
            Console.WriteHex(address->VirtualBase, 16);
            Console.WriteLine();
        }
        var file = BootRequests.KernelFile;
        if (file != null && file->KernelFile != null)
        {
            Console.Write("Kernel file: ");
            Console.WriteAscii(file->KernelFile->Path);
            Console.Write(", ");
            Console.WriteUnsigned(file->KernelFile->Size);
            Console.Write(" bytes, command line \"");
            Console.WriteAscii(file->KernelFile->Cmdline);
            Console.WriteLine("\"");
        }
    }

    private static void PrintModules()
    {
        var modules = BootRequests.Modules;
        ulong count = modules == null ? 0 : modules->ModuleCount;
        Console.Write("Modules (");
        Console.WriteUnsigned(count);
        Console.WriteLine("):");
        for (ulong i = 0; i < count; i++)
        {
            LimineFile* module = modules->Modules[i];
            Console.Write("  ");
            Console.WriteAscii(module->Path, -28);
            Console.Write(' ');
            Console.WriteUnsigned(module->Size, 9);
            Console.Write(" bytes  ");
            Console.WriteAscii(module->Cmdline);
            Console.WriteLine();
        }
    }

    private static void PrintFirmware()
    {
        var rsdp = BootRequests.Rsdp;
        Console.Write("ACPI RSDP: ");
        if (rsdp == null || rsdp->Address == null)
            Console.WriteLine("not found");
        else
        {
            Console.WriteHex((ulong)rsdp->Address, 16);
            Console.WriteLine();
        }

        var framebuffers = BootRequests.Framebuffer;
        Console.Write("Framebuffer: ");
        if (framebuffers == null || framebuffers->FramebufferCount == 0)
        {
            Console.WriteLine("none");
            return;
        }
        LimineFramebuffer* fb = framebuffers->Framebuffers[0];
        Console.WriteUnsigned(fb->Width);
        Console.Write('x');
        Console.WriteUnsigned(fb->Height);
        Console.Write('x');
        Console.WriteUnsigned(fb->BitsPerPixel);
        Console.Write(" at ");
        Console.WriteHex((ulong)fb->Address, 16);
        Console.WriteLine();
    }

    private static void PrintCpus()
    {
        var smp = BootRequests.Smp;
        Console.Write("CPUs: ");
        if (smp == null)
        {
            Console.WriteLine("1 (no MP response)");
            return;
        }
        Console.WriteUnsigned(smp->CpuCount);
        Console.Write(" (BSP LAPIC id ");
        Console.WriteUnsigned(smp->BspLapicId);
        Console.WriteLine(")");
    }
}
