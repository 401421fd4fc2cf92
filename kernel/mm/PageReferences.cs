namespace Ocean.Kernel.Mm;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Lib;

/// <summary>
/// How many address spaces map each physical page (fork shares pages copy-on-write), kept in the
/// page's record. A page whose count drops to zero goes back to the page allocator.
/// </summary>
public static unsafe class PageReferences
{
    // Pages handed out for user mappings and not yet back (memory_read's user figure).
    private static long _userPages;

    /// <summary>Pages mapped into programs now, each counted once.</summary>
    public static ulong UserPages => (ulong)_userPages;   // (an aligned read: whole, if a moment old)

    // The count lives in the page's record (PhysicalMemory.Record), zero until the page is mapped;
    // 2-byte aligned there, for the atomic decrement.
    private static ushort* Counter(ulong physical)
    {
        byte* record = PhysicalMemory.Record(physical);
        if (record == null)
            Panic.Halt("page reference for memory the allocator does not manage");
        return (ushort*)(record + PhysicalMemory.ReferenceCountOffset);
    }

    /// <summary>A fresh zeroed page for a user mapping, with one reference; 0 when memory is exhausted.</summary>
    public static ulong AllocateUserPage() => AllocateUserPage(zeroed: true);

    /// <summary>
    /// The same without zeroing, for a page the caller overwrites whole before anyone can map it
    /// (a copy-on-write copy): zeroing it first would only be undone.
    /// </summary>
    public static ulong AllocateUserPageToOverwrite() => AllocateUserPage(zeroed: false);

    private static ulong AllocateUserPage(bool zeroed)
    {
        if (!MemoryReserve.UserPageAllowed)
            return 0;   // the last pages are the kernel's (see MemoryReserve)
        ulong page = zeroed ? PhysicalMemory.AllocateZeroedPage() : PhysicalMemory.Allocate(0);
        if (page != 0)
        {
            *Counter(page) = 1;
            fixed (long* pages = &_userPages)
                Atomic.Add(pages, 1);
        }
        return page;
    }

    /// <summary>
    /// Maps a fresh zeroed page at <paramref name="page"/> of <paramref name="space"/>; false, with
    /// nothing left behind, when memory ran out or something is mapped there.
    /// </summary>
    public static bool MapNewPage(PageTable* space, ulong page, ulong flags)
    {
        ulong physical = AllocateUserPage();
        if (physical == 0)
            return false;
        if (space->Map(page, physical, flags))
            return true;
        Release(physical);   // not in the space, so its teardown would not free it
        return false;
    }

    /// <summary>
    /// Adds a reference; false, changing nothing, when the page's 16-bit count is full (a program that
    /// maps one shared page tens of thousands of times, then forks): the fork, grant or mapping fails.
    /// </summary>
    public static bool TryAdd(ulong physical)
    {
        ushort* count = Counter(physical);
        if (*count == ushort.MaxValue)
            return false;
        (*count)++;
        return true;
    }

    public static int Count(ulong physical) => *Counter(physical);

    /// <summary>
    /// Drops a reference; frees the page when it was the last. Atomic: two processes that share a
    /// page copy-on-write may break it on two CPUs at once (<see cref="Ocean.Kernel.Proc.PageFaultFastPath"/>);
    /// exactly one of them sees the count reach zero. (References are added only under the exclusive lock.)
    /// </summary>
    public static void Release(ulong physical)
    {
        ushort left = Atomic.Add(Counter(physical), -1);
        if (left == ushort.MaxValue)
            Panic.Halt("page reference released twice");
        if (left == 0)
        {
            fixed (long* pages = &_userPages)
                Atomic.Add(pages, -1);
            PhysicalMemory.Free(physical, 0);
        }
    }
}
