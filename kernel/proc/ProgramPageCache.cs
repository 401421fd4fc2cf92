namespace Ocean.Kernel.Proc;

using System.Runtime.CompilerServices;
using Ocean.Kernel.Mm;

/// <summary>
/// The read-only pages of programs started from boot modules, loaded once and shared by every process
/// that runs them: exec maps a page kept here (one more reference) instead of allocating and copying
/// it. Each kept page holds a reference of the cache's own, so it is never freed and its count is
/// always above one: fork, grants and teardown count it like any page, and a process that makes it
/// writable (mprotect) gets a copy on its first write. Modules never change, so neither do these
/// pages; they stay for the system's life, a few per program.
/// </summary>
public static unsafe class ProgramPageCache
{
    private const int MaxImages = 64;
    // Slots for every module's pages, taken from one array made at boot, so that no exec ever grows
    // the kernel heap (the hardening checks count it to the byte): about 16 MiB of programs.
    private const int MaxSlots = 4096;
    private const ulong PageSize = UserLayout.PageSize;

    // Per boot module image (its address): its first slot and how many (one per page of its file).
    private static ulong[] _images;
    private static int[] _firsts;
    private static int[] _counts;
    private static ulong[] _slots;   // the kept page of a module's file page (0: none yet)
    private static int _slotsUsed;

    /// <summary>Called once at boot: no kernel static allocates on first use.</summary>
    public static void Initialize()
    {
        _images = new ulong[MaxImages];
        _firsts = new int[MaxImages];
        _counts = new int[MaxImages];
        _slots = new ulong[MaxSlots];
    }

    /// <summary>
    /// Where the kept page for file page <paramref name="filePage"/> of the module at
    /// <paramref name="image"/> (<paramref name="size"/> bytes) is recorded: 0 until one is kept.
    /// Null when no more modules or slots fit (the page is then the process's own, as before).
    /// </summary>
    public static ulong* Slot(byte* image, ulong size, ulong filePage)
    {
        int found = -1;
        for (int i = 0; i < MaxImages && found < 0; i++)
            if (_images[i] == (ulong)image)
                found = i;
        if (found < 0)
        {
            ulong pages = (size + PageSize - 1) / PageSize;
            for (int i = 0; i < MaxImages && found < 0; i++)
                if (_images[i] == 0)
                    found = i;
            if (found < 0 || pages > (ulong)(MaxSlots - _slotsUsed))
                return null;
            _images[found] = (ulong)image;
            _firsts[found] = _slotsUsed;
            _counts[found] = (int)pages;
            _slotsUsed += (int)pages;
        }
        if (filePage >= (ulong)_counts[found])
            return null;
        return (ulong*)Unsafe.AsPointer(ref _slots[_firsts[found] + (int)filePage]);   // kernel arrays never move
    }
}
