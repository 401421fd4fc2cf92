namespace Ocean.Mm;

using Ocean.Arch.X86_64.Mm;
using Ocean.Lib;

/// <summary>
/// Kernel stacks in the kernel heap region, each with an unmapped guard page below it, so an overflow
/// faults (and is reported as such) instead of silently corrupting the memory underneath.
/// </summary>
public static unsafe class KernelStacks
{
    public const ulong PageSize = PhysicalMemory.PageSize;
    public const int MaxStacks = 64;

    private static ulong _next = KernelAddressSpace.HeapRegionStart;

    private struct GuardList
    {
        public fixed ulong Pages[MaxStacks];
    }

    private static GuardList _guards;
    private static int _count;

    /// <summary>Maps a stack of <paramref name="pages"/> pages and returns its top (16-byte aligned).</summary>
    public static ulong Allocate(int pages)
    {
        if (_count == MaxStacks)
            Panic.Halt("too many kernel stacks");
        ulong guard = _next;
        ulong bottom = guard + PageSize;
        for (int i = 0; i < pages; i++)
        {
            ulong physical = PhysicalMemory.AllocateZeroedPage();
            if (physical == 0 || !KernelAddressSpace.Table->Map(bottom + (ulong)i * PageSize, physical, PageTable.Writable | PageTable.NoExecute))
                Panic.Halt("out of memory for a kernel stack");
        }
        fixed (GuardList* g = &_guards)
            g->Pages[_count++] = guard;
        _next = bottom + (ulong)pages * PageSize;
        return _next;
    }

    /// <summary>True (and says so) when <paramref name="address"/> lies in a stack's guard page.</summary>
    public static bool ReportIfGuardPage(ulong address)
    {
        fixed (GuardList* g = &_guards)
            for (int i = 0; i < _count; i++)
                if (address >= g->Pages[i] && address < g->Pages[i] + PageSize)
                {
                    Console.WriteLine("  The fault address is in a kernel stack's guard page: kernel stack overflow.");
                    return true;
                }
        return false;
    }
}
