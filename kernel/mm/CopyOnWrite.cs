namespace Ocean.Kernel.Mm;

using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// Copy-on-write pages: fork shares every writable page read-only with this mark (PageTable.CopyOnWrite)
/// and a reference per sharer (<see cref="PageReferences"/>); the first write to one gets here.
/// </summary>
public static unsafe class CopyOnWrite
{
    /// <summary>
    /// Makes <paramref name="page"/> of <paramref name="process"/> (not necessarily the running one)
    /// private and writable: a copy-on-write page gets its own copy, or is taken back when no one else
    /// shares it; a page that already is private and writable (another CPU got here first) is left as
    /// it is. False for any other page, or when no memory is left for the copy.
    /// </summary>
    public static bool Break(Process process, ulong page)
    {
        PageTable* space = Processes.SpaceOf(process);
        ulong entry = space->LeafEntry(page);
        if ((entry & PageTable.CopyOnWrite) == 0)
            return (entry & (PageTable.Present | PageTable.User | PageTable.Writable)) == (PageTable.Present | PageTable.User | PageTable.Writable);
        ulong shared = PageTable.EntryAddress(entry);
        ulong flags = (entry & PageTable.FlagMask & ~PageTable.CopyOnWrite) | PageTable.Writable;
        // The last sharer just takes it back. Only a permission is added, so no other CPU needs a
        // shootdown: one still holding the read-only translation takes a spurious fault and retries.
        if (PageReferences.Count(shared) == 1)
            return space->Remap(page, shared, flags);
        ulong copy = PageReferences.AllocateUserPageToOverwrite();
        if (copy == 0)
            return false;
        System.Buffer.Memmove(PhysicalMemory.ToVirtual(copy), PhysicalMemory.ToVirtual(shared), (nuint)UserLayout.PageSize);
        space->Remap(page, copy, flags);
        BigKernelLock.UserMappingsChanged(process);   // no other thread may go on reading the shared page
        PageReferences.Release(shared);
        return true;
    }
}
