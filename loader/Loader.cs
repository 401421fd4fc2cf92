namespace Ocean.Loader;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Lib;
using Ocean.Loader.Acpi;
using Ocean.Loader.Limine;
using Ocean.Loader.Memory;
using Ocean.Loader.Multiboot;
using Ocean.Loader.Paging;
using Ocean.Loader.Smp;

/// <summary>
/// Ocean's Multiboot-to-Limine loader: loads the kernel (the first module), builds page tables as
/// Limine does for base revision 2, answers the kernel's requests and enters it.
/// </summary>
public static unsafe class Loader
{
    public const string Name = "Ocean Loader";

    private const ulong HhdmOffset = 0xFFFF_8000_0000_0000;
    private const int HhdmPml4Slot = 256;
    private const ulong KernelSpaceStart = 0xFFFF_FFFF_8000_0000;
    private const ulong LoaderStart = 0x100000;
    private const ulong FourGiB = 0x1_0000_0000;
    private const ulong KernelStackSize = 64 * 1024;
    // Room for page tables, the kernel stack and every response; the kernel's size is added.
    private const ulong WindowExtra = 8 * 1024 * 1024;
    private const int MaxMapEntries = 512;
    private const uint CpuidNoExecute = 1 << 20;
    private const uint LapicIdRegister = 0x20;

    // Limine's GDT: null, 16-bit code/data, 32-bit code/data, 64-bit code (0x28), 64-bit data (0x30).
    private static readonly ulong[] LimineGdt =
    {
        0, 0x00009A000000FFFF, 0x000092000000FFFF, 0x00CF9A000000FFFF, 0x00CF92000000FFFF,
        0x00209B0000000000, 0x0000930000000000,
    };

    [RuntimeImport("*", "LoaderHeapBounds")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void LoaderHeapBounds(byte** start, byte** end);

    [UnmanagedCallersOnly(EntryPoint = "LoaderMain")]
    private static void Main(uint magic, uint info, byte** modulesStart, byte** modulesEnd, ulong loaderEnd, uint extendedFeatures)
    {
        SerialPort.Initialize(SerialPort.Com1);
        Console.SetSink(&SerialPort.Write);
        byte* heapStart, heapEnd;
        LoaderHeapBounds(&heapStart, &heapEnd);
        LoaderHeap.Initialize(heapStart, (nuint)(heapEnd - heapStart));
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);

        Console.Write(Name);
        Console.Write(' ');
        Console.WriteLine(BuildInfo.Version);

        BootEnvironment env = MultibootParser.Parse(magic, (byte*)(ulong)info, uint.MaxValue);
        if (env.Error != null)
            Fail(env.Error);
        if (env.ModuleCount == 0)
            Fail("no kernel: pass the kernel ELF as the first module");

        BootModule kernelModule = env.Modules[0];
        ElfImage kernel = ElfImage.Parse((byte*)kernelModule.Start, kernelModule.End - kernelModule.Start, KernelSpaceStart);
        if (kernel.Error != null)
            Fail(kernel.Error);

        // Everything the loader itself and the Multiboot loader placed must stay untouched.
        var occupied = new PhysicalRange[env.ModuleCount + 1];
        occupied[0] = new PhysicalRange(LoaderStart, loaderEnd - LoaderStart, LimineMemoryType.BootloaderReclaimable);
        for (int i = 0; i < env.ModuleCount; i++)
        {
            // Whole pages, as Limine places modules.
            ulong start = env.Modules[i].Start & ~(PhysicalBump.PageSize - 1);
            ulong end = (env.Modules[i].End + PhysicalBump.PageSize - 1) & ~(PhysicalBump.PageSize - 1);
            occupied[i + 1] = new PhysicalRange(start, end - start, LimineMemoryType.KernelAndModules);
        }
        ulong kernelSize = kernel.ImageEnd - kernel.ImageStart;
        ulong windowSize = kernelSize + WindowExtra;
        ulong window = RegionPlanner.FindWindow(env.Ranges, env.RangeCount, occupied, occupied.Length, windowSize);
        if (window == 0)
            Fail("not enough usable memory below 4 GiB to load the kernel");
        var memory = new PhysicalBump(window, windowSize);

        ulong kernelPhysical = LoadKernel(kernel, kernelModule, memory, kernelSize);
        bool noExecute = (extendedFeatures & CpuidNoExecute) != 0;
        PageTableBuilder tables = BuildPageTables(env, kernel, kernelPhysical, noExecute, memory);

        var responses = new ResponseWriter(memory, HhdmOffset);
        var state = responses.New<HandoffState>();
        state->Pml4 = tables.Pml4;
        state->HhdmOffset = HhdmOffset;
        state->Entry = kernel.Entry;
        state->StackTop = (ulong)responses.ToHhdm((byte*)memory.Allocate(KernelStackSize) + KernelStackSize);
        ulong* gdt = (ulong*)responses.Allocate((ulong)(LimineGdt.Length * sizeof(ulong)));
        for (int i = 0; i < LimineGdt.Length; i++)
            gdt[i] = LimineGdt[i];
        state->SetGdt((ushort)(LimineGdt.Length * sizeof(ulong) - 1), (ulong)responses.ToHhdm(gdt));

        var answers = new RequestAnswers(env, kernel, kernelModule, kernelPhysical, responses);
        answers.AnswerAll();
        if (answers.SmpCount > 1 && TrampolinePageUsable(env))
        {
            answers.TrampolineUsed = true;
            int started = ApStartup.StartAll(answers.SmpCpus, answers.SmpCount, answers.BspLapicId, answers.LapicAddress,
                tables.Pml4, noExecute, (ulong)responses.ToHhdm(state->Gdtr), HhdmOffset, memory);
            Console.Write("Started ");
            Console.WriteDecimal(started);
            Console.Write(" of ");
            Console.WriteDecimal(answers.SmpCount - 1);
            Console.WriteLine(" application processors");
        }
        // The memory map comes last: it must describe every allocation made before it.
        answers.AnswerMemoryMap(memory, occupied, MaxMapEntries);

        Console.Write("Entering kernel at ");
        Console.WriteHex(kernel.Entry, 16);
        Console.WriteLine();
        Handoff.Enter(state);
    }

    private static ulong LoadKernel(ElfImage kernel, BootModule module, PhysicalBump memory, ulong kernelSize)
    {
        ulong physical = memory.Allocate(kernelSize);
        if (physical == 0)
            Fail("out of memory for the kernel image");
        for (int i = 0; i < kernel.SegmentCount; i++)
        {
            ElfSegment segment = kernel.Segments[i];
            System.Buffer.Memmove((byte*)(physical + segment.VirtualAddress - kernel.ImageStart),
                (byte*)(module.Start + segment.FileOffset), (nuint)segment.FileSize);
            // The rest of the segment (bss) is already zero: PhysicalBump hands out zeroed memory.
        }
        return physical;
    }

    private static PageTableBuilder BuildPageTables(BootEnvironment env, ElfImage kernel, ulong kernelPhysical, bool noExecute, PhysicalBump memory)
    {
        var tables = new PageTableBuilder(memory);

        // The HHDM: all of the first 4 GiB, then every non-reserved range above it (rounded to 2 MiB).
        // Built as an identity map in the lower half whose PDPT the HHDM slot shares; Handoff.asm
        // drops the lower-half slot just before entering the kernel, as Limine does.
        tables.MapLargeRange(0, 0, FourGiB, PageTableBuilder.Writable);
        for (int i = 0; i < env.RangeCount; i++)
        {
            PhysicalRange range = env.Ranges[i];
            if (range.End > FourGiB && range.Type != LimineMemoryType.Reserved && range.Type != LimineMemoryType.BadMemory)
                tables.MapLargeRange(0, range.Base < FourGiB ? FourGiB : range.Base, range.End, PageTableBuilder.Writable);
        }
        // (The last slot, 511, belongs to the kernel image.)
        for (int slot = 0; slot < HhdmPml4Slot - 1; slot++)
            tables.ShareTopLevelEntry(slot, HhdmPml4Slot + slot);

        // The kernel: 4 KiB pages with each segment's permissions (R always, W if PF_W, X only if PF_X).
        for (int i = 0; i < kernel.SegmentCount; i++)
        {
            ElfSegment segment = kernel.Segments[i];
            ulong flags = (segment.IsWritable ? PageTableBuilder.Writable : 0) |
                          (!segment.IsExecutable && noExecute ? PageTableBuilder.NoExecute : 0);
            ulong start = segment.VirtualAddress & ~(PageTableBuilder.SmallPage - 1);
            for (ulong page = start; page < segment.VirtualAddress + segment.MemorySize; page += PageTableBuilder.SmallPage)
                tables.Map4K(page, kernelPhysical + (page - kernel.ImageStart), flags);
        }
        return tables;
    }

    // The AP trampoline must sit in usable RAM below 1 MiB (the Multiboot info there was copied already).
    private static bool TrampolinePageUsable(BootEnvironment env)
    {
        for (int i = 0; i < env.RangeCount; i++)
            if (env.Ranges[i].Type == LimineMemoryType.Usable && env.Ranges[i].Base <= ApStartup.TrampolineBase &&
                env.Ranges[i].End >= ApStartup.TrampolineBase + ApStartup.TrampolinePageSize)
                return true;
        return false;
    }

    /// <summary>Reports why the machine cannot boot and stops.</summary>
    public static void Fail(string reason)
    {
        Console.Write("Ocean loader: cannot boot: ");
        Console.WriteLine(reason);
        Cpu.HaltForever();
    }

    /// <summary>The bootstrap processor's LAPIC id, read from the LAPIC's ID register.</summary>
    public static uint BspLapicId(ulong lapicAddress) =>
        lapicAddress == 0 ? 0 : *(uint*)(lapicAddress + LapicIdRegister) >> 24;
}
