namespace Ocean.Kernel.Proc;

using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;

/// <summary>
/// A program's stack region (<see cref="UserLayout.StackBottom"/> to <see cref="UserLayout.StackTop"/>)
/// gets its pages on first touch: exec maps only what its arguments fill, and the first access to any
/// other page there (a fault, or the kernel reaching into user memory for a system call or a grant)
/// maps a zeroed one. Most programs use a page or two of their 128 KiB, and each page exec zeroed
/// cost some 600 instructions it never needed.
/// </summary>
public static unsafe class UserStack
{
    public static bool Contains(ulong address) => address >= UserLayout.StackBottom && address < UserLayout.StackTop;

    /// <summary>
    /// Maps a zeroed page at <paramref name="page"/> (page-aligned) if it lies in the stack region and
    /// nothing is mapped there yet; true when a page is mapped there now. False outside the region, or
    /// when memory ran out.
    /// </summary>
    public static bool MapOnFirstTouch(PageTable* space, ulong page)
    {
        if (!Contains(page))
            return false;
        return (space->LeafEntry(page) & PageTable.Present) != 0 ||
            PageReferences.MapNewPage(space, page, PageTable.User | PageTable.Writable | PageTable.NoExecute);
    }

    /// <summary>
    /// The leaf entry of <paramref name="page"/> as the kernel's own accesses to user memory see it (a
    /// system call's copy, a grant, mprotect, exec writing the arguments): an untouched stack page is
    /// mapped first, as the program's own touch would.
    /// </summary>
    public static ulong Entry(PageTable* space, ulong page)
    {
        ulong entry = space->LeafEntry(page);
        return (entry & PageTable.Present) == 0 && MapOnFirstTouch(space, page) ? space->LeafEntry(page) : entry;
    }
}
