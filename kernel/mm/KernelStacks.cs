namespace Ocean.Kernel.Mm;

using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Lib;

/// <summary>
/// Kernel stacks in the kernel heap region, each in a fixed-size slot whose lowest page is never
/// mapped: an overflow faults on that guard page (and is reported as such) instead of silently
/// corrupting the memory underneath. Slots are reused when stacks are freed. A stack's pages are not
/// zeroed: the kernel writes every word it reads there (a new thread's frames are built whole).
/// </summary>
public static unsafe class KernelStacks
{
    public const ulong PageSize = PhysicalMemory.PageSize;
    public const int MaxStacks = 4096;
    /// <summary>Each slot: one guard page and up to 15 stack pages (64 KiB in all).</summary>
    public const int SlotPages = 16;
    private const ulong SlotSize = SlotPages * PageSize;
    private const int BitsPerWord = 64;

    private struct Slots
    {
        public fixed ulong Used[MaxStacks / BitsPerWord];
        public fixed byte Pages[MaxStacks];
    }

    private static Slots _slots;

    private static ulong SlotBase(int slot) => KernelAddressSpace.HeapRegionStart + (ulong)slot * SlotSize;

    /// <summary>Maps a stack of <paramref name="pages"/> pages (at most 15) and returns its top.</summary>
    public static ulong Allocate(int pages)
    {
        if (pages < 1 || pages >= SlotPages)
            Panic.Halt("kernel stack size out of range");
        fixed (Slots* s = &_slots)
            for (int slot = 0; slot < MaxStacks; slot++)
            {
                ulong bit = 1UL << (slot % BitsPerWord);
                if ((s->Used[slot / BitsPerWord] & bit) != 0)
                    continue;
                ulong top = SlotBase(slot) + SlotSize;
                for (int i = 1; i <= pages; i++)
                {
                    ulong physical = PhysicalMemory.Allocate(0);
                    if (physical == 0 || !KernelAddressSpace.Table->Map(top - (ulong)i * PageSize, physical, PageTable.Writable | PageTable.NoExecute))
                    {
                        if (physical != 0)
                            PhysicalMemory.FreePage(physical);
                        Release(top, i - 1);
                        return 0;
                    }
                }
                s->Used[slot / BitsPerWord] |= bit;
                s->Pages[slot] = (byte)pages;
                return top;
            }
        return 0;
    }

    /// <summary>Unmaps a stack <see cref="Allocate"/> returned and frees its pages.</summary>
    public static void Free(ulong top)
    {
        int slot = (int)((top - KernelAddressSpace.HeapRegionStart) / SlotSize) - 1;
        fixed (Slots* s = &_slots)
        {
            ulong bit = 1UL << (slot % BitsPerWord);
            if (slot < 0 || slot >= MaxStacks || (s->Used[slot / BitsPerWord] & bit) == 0 || SlotBase(slot) + SlotSize != top)
                Panic.Halt("freeing a kernel stack that was not allocated");
            Release(top, s->Pages[slot]);
            s->Used[slot / BitsPerWord] &= ~bit;
        }
    }

    private static void Release(ulong top, int pages)
    {
        for (int i = 1; i <= pages; i++)
        {
            ulong physical = KernelAddressSpace.Table->Unmap(top - (ulong)i * PageSize);
            if (physical != 0)
                PhysicalMemory.FreePage(physical);
        }
    }

    /// <summary>True (and says so) when <paramref name="address"/> lies in a stack slot's guard page.</summary>
    public static bool ReportIfGuardPage(ulong address)
    {
        if (address < KernelAddressSpace.HeapRegionStart || address >= SlotBase(MaxStacks))
            return false;
        int slot = (int)((address - KernelAddressSpace.HeapRegionStart) / SlotSize);
        if (address - SlotBase(slot) >= PageSize)
            return false;
        Console.WriteLine("  The fault address is in a kernel stack's guard page: kernel stack overflow.");
        return true;
    }
}
