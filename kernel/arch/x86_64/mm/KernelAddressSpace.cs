namespace Ocean.Kernel.Arch.X86_64.Mm;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;

/// <summary>
/// The kernel's own page tables, replacing the bootloader's: the HHDM over all physical memory
/// (2 MiB pages, no-execute, the interrupt controllers' pages uncached), the kernel image with each
/// section's exact permissions, and the kernel heap region for virtually mapped kernel memory.
/// </summary>
public static unsafe class KernelAddressSpace
{
    public const ulong HeapRegionStart = 0xFFFF_8800_0000_0000;
    public const ulong HeapRegionSize = 0x0000_0080_0000_0000;   // 512 GiB of address space
    private const ulong FourGiB = 0x1_0000_0000;
    private const ulong LargePage = (ulong)PageSize.Large;
    private const ulong SmallPage = (ulong)PageSize.Small;

    private const uint MsrEfer = 0xC0000080;
    private const ulong EferNoExecute = 1UL << 11;
    private const ulong Cr0WriteProtect = 1UL << 16;
    private const ulong Cr4GlobalPages = 1UL << 7, Cr4Smep = 1UL << 20, Cr4Smap = 1UL << 21;
    private const uint CpuidExtendedFeatures = 7, SmepBit = 1 << 7, SmapBit = 1 << 20;

    private static PageTable _table;

    public static PageTable* Table
    {
        get
        {
            fixed (PageTable* t = &_table)
                return t;
        }
    }

    public static bool SmepEnabled { get; private set; }
    public static bool SmapEnabled { get; private set; }
    public static ulong KernelImageBytes { get; private set; }
    private static ulong _textStart, _textEnd;

    /// <summary>True for addresses in the kernel's code (return addresses, for backtraces).</summary>
    public static bool IsKernelText(ulong address) => address >= _textStart && address < _textEnd;

    [RuntimeImport("*", "KernelSectionBounds")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void KernelSectionBounds(ulong* bounds);

    /// <summary>
    /// Builds the tables. <paramref name="uncached0"/>/<paramref name="uncached1"/> are physical
    /// addresses of MMIO (LAPIC, IOAPIC) whose HHDM pages must not be cached (0 = none).
    /// </summary>
    public static void Build(ulong hhdm, ulong kernelPhysicalBase, ulong kernelVirtualBase, ulong uncached0, ulong uncached1)
    {
        PageTable.Configure(hhdm, &PhysicalMemory.AllocateZeroedPage, &PhysicalMemory.FreeZeroedPage, &PhysicalMemory.FreePage);
        if (!PageTable.TryCreate(out _table))
            Panic.Halt("out of memory for the kernel page tables");

        // The HHDM: all of the first 4 GiB (MMIO included, as Limine does) and all RAM above it.
        ulong end = BootMemoryMap.HighestRamEnd();
        if (end < FourGiB)
            end = FourGiB;
        end = (end + LargePage - 1) & ~(LargePage - 1);
        if (!_table.MapLargeRange(hhdm, 0, end, PageTable.Writable | PageTable.NoExecute | PageTable.Global))
            Panic.Halt("cannot map the HHDM");
        foreach (ulong mmio in stackalloc ulong[] { uncached0, uncached1 })
            if (mmio != 0 && mmio < end && !_table.AddFlags(hhdm + mmio, PageTable.CacheDisable | PageTable.WriteThrough))
                Panic.Halt("cannot map the interrupt controllers uncached");

        ulong* bounds = stackalloc ulong[6];
        KernelSectionBounds(bounds);
        _textStart = bounds[0];
        _textEnd = bounds[1];
        MapKernelRange(bounds[0], bounds[1], kernelPhysicalBase, kernelVirtualBase, PageTable.Global);
        MapKernelRange(bounds[2], bounds[3], kernelPhysicalBase, kernelVirtualBase, PageTable.Global | PageTable.NoExecute);
        MapKernelRange(bounds[4], bounds[5], kernelPhysicalBase, kernelVirtualBase, PageTable.Global | PageTable.NoExecute | PageTable.Writable);
        KernelImageBytes = bounds[5] - kernelVirtualBase;
    }

    private static void MapKernelRange(ulong start, ulong end, ulong physicalBase, ulong virtualBase, ulong flags)
    {
        for (ulong page = start & ~(SmallPage - 1); page < end; page += SmallPage)
            if (!_table.Map(page, physicalBase + (page - virtualBase), flags))
                Panic.Halt("cannot map the kernel image");
    }

    /// <summary>Turns on the protections the tables rely on, then switches to them.</summary>
    public static void Activate()
    {
        Cpu.WriteMsr(MsrEfer, Cpu.ReadMsr(MsrEfer) | EferNoExecute);
        Cpu.WriteCr0(Cpu.ReadCr0() | Cr0WriteProtect);
        uint* registers = stackalloc uint[4];
        Cpu.Cpuid(CpuidExtendedFeatures, 0, registers);
        ulong cr4 = Cpu.ReadCr4() | Cr4GlobalPages;
        SmepEnabled = (registers[1] & SmepBit) != 0;
        SmapEnabled = (registers[1] & SmapBit) != 0;
        if (SmepEnabled)
            cr4 |= Cr4Smep;
        if (SmapEnabled)
            cr4 |= Cr4Smap;
        Cpu.WriteCr4(cr4);
        _table.Activate();
    }
}
