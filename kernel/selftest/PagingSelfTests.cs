namespace Ocean.Kernel.SelfTest;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;

/// <summary>The page-table API on the running kernel address space.</summary>
public static unsafe class PagingSelfTests
{
    // A test window at the top of the kernel heap region, far from the stacks at its start.
    private const ulong TestAddress = KernelAddressSpace.HeapRegionStart + KernelAddressSpace.HeapRegionSize - 0x40_0000;

    public static void Run()
    {
        PageTable* table = KernelAddressSpace.Table;
        ulong value;
        SelfTestRunner.Check(!Cpu.SafeRead64(TestAddress, &value), "paging: an unmapped address faults (and the fault is caught)");

        ulong page = PhysicalMemory.AllocateZeroedPage();
        SelfTestRunner.Check(table->Map(TestAddress, page, PageTable.Writable | PageTable.NoExecute), "paging: map a 4 KiB page");
        *(ulong*)TestAddress = 0x0CEA0CEA;
        SelfTestRunner.Check(*(ulong*)PhysicalMemory.ToVirtual(page) == 0x0CEA0CEA, "paging: the mapping and the HHDM show the same memory");
        SelfTestRunner.Check(table->Translate(TestAddress + 0x123, out ulong physical, out ulong flags, out PageSize size) &&
            physical == page + 0x123 && size == PageSize.Small && (flags & PageTable.Writable) != 0, "paging: translate finds the page and its flags");
        SelfTestRunner.Check(!table->Map(TestAddress, page, PageTable.Writable), "paging: mapping an already mapped page is refused");
        SelfTestRunner.Check(table->Protect(TestAddress, PageTable.NoExecute) && table->Translate(TestAddress, out _, out flags, out _) &&
            (flags & PageTable.Writable) == 0, "paging: protect makes it read-only");
        SelfTestRunner.Check(Cpu.SafeRead64(TestAddress, &value) && value == 0x0CEA0CEA, "paging: a read-only page is still readable");
        SelfTestRunner.Check(table->Unmap(TestAddress) == page && !Cpu.SafeRead64(TestAddress, &value), "paging: unmap removes it");
        PhysicalMemory.Free(page, 0);

        // A 2 MiB page.
        const int LargeOrder = 9;
        ulong block = PhysicalMemory.Allocate(LargeOrder);
        ulong large = TestAddress & ~((ulong)PageSize.Large - 1);
        large -= (ulong)PageSize.Large;
        SelfTestRunner.Check(block != 0 && table->Map(large, block, PageTable.Writable | PageTable.NoExecute, PageSize.Large),
            "paging: map a 2 MiB page");
        *(ulong*)(large + 0x1F_F000) = 42;
        SelfTestRunner.Check(*(ulong*)PhysicalMemory.ToVirtual(block + 0x1F_F000) == 42 &&
            table->Translate(large + 0x1F_F000, out physical, out _, out size) && size == PageSize.Large && physical == block + 0x1F_F000,
            "paging: the 2 MiB page maps contiguous memory");
        SelfTestRunner.Check(table->Unmap(large + 4096) == block, "paging: unmap a 2 MiB page");
        PhysicalMemory.Free(block, LargeOrder);

        SelfTestRunner.Check(table->Translate(PhysicalMemory.Hhdm, out physical, out flags, out size) && physical == 0 &&
            size == PageSize.Large && (flags & PageTable.NoExecute) != 0, "paging: the HHDM uses 2 MiB no-execute pages");
    }
}
