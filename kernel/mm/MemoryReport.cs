namespace Ocean.Kernel.Mm;

using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Lib;

/// <summary>The memory totals line the boot log and the tests read.</summary>
public static class MemoryReport
{
    private const ulong KiB = 1024;

    /// <summary>All RAM the memory map describes: everything but reserved, bad and framebuffer ranges.</summary>
    public static ulong TotalBytes()
    {
        ulong total = 0;
        for (int i = 0; i < BootMemoryMap.Count; i++)
        {
            LimineMemoryType type = BootMemoryMap.Type(i);
            if (type != LimineMemoryType.Reserved && type != LimineMemoryType.BadMemory && type != LimineMemoryType.Framebuffer)
                total += BootMemoryMap.Length(i);
        }
        return total;
    }

    /// <summary>
    /// "Memory (when): total N KiB, free N KiB, reserved N KiB, kernel image N KiB": total is all RAM
    /// the map describes, free what the page allocator holds, reserved the rest of it.
    /// </summary>
    public static void Print(string when)
    {
        ulong total = TotalBytes();
        ulong free = PhysicalMemory.FreeBytes;
        Console.Write("Memory (");
        Console.Write(when);
        Console.Write("): total ");
        Console.WriteUnsigned(total / KiB);
        Console.Write(" KiB, free ");
        Console.WriteUnsigned(free / KiB);
        Console.Write(" KiB, reserved ");
        Console.WriteUnsigned((total - free) / KiB);
        Console.Write(" KiB, kernel image ");
        Console.WriteUnsigned(KernelAddressSpace.KernelImageBytes / KiB);
        Console.WriteLine(" KiB");
    }
}
