namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// Shared-memory grants: a caller lends a range of its pages to the server it calls, read-only or
/// read-write. The kernel maps the very same physical pages into the serving thread's grant window
/// (each thread of a process has its own, by its slot) for the duration of the call, and takes them
/// away when the server replies or receives again. Granted pages carry <see cref="PageTable.Granted"/>,
/// so mprotect cannot widen them.
/// </summary>
public static unsafe class Grants
{
    /// <summary>Where servers find lent pages: above the mmap area, below the stack, one window per thread slot.</summary>
    public const ulong WindowBase = 0x0000_7F00_0000_0000;
    private const ulong PageSize = UserLayout.PageSize;
    /// <summary>A window holds the largest grant plus the page an unaligned start spills into.</summary>
    private const ulong WindowStride = IpcLayout.MaxGrantBytes + 2 * PageSize;

    public static ulong WindowOf(Thread thread) => WindowBase + (ulong)thread.Slot * WindowStride;

    private static ulong FirstPage(ulong address) => address & ~(PageSize - 1);

    private static ulong PageCount(ulong address, ulong length) =>
        (((address + length + PageSize - 1) & ~(PageSize - 1)) - FirstPage(address)) / PageSize;

    /// <summary>
    /// Every page of the range must be the lender's own ordinary memory, writable for a read-write
    /// grant (a copy-on-write page gets its private copy now, so both sides see one page). Checked when
    /// the call is made and again, under the same lock hold as <see cref="Lend"/>, when a caller that
    /// had to wait is taken: meanwhile its siblings may have unmapped, narrowed or forked the range.
    /// </summary>
    public static long Validate(Process lender, ulong address, ulong length, bool writable)
    {
        if (length == 0 || length > IpcLayout.MaxGrantBytes || address >= UserLayout.UserEnd || length > UserLayout.UserEnd - address)
            return -Errno.EINVAL;
        PageTable* space = Processes.SpaceOf(lender);
        ulong pages = PageCount(address, length);
        for (ulong i = 0; i < pages; i++)
        {
            ulong page = FirstPage(address) + i * PageSize;
            ulong entry = UserStack.Entry(space, page);
            if ((entry & (PageTable.Present | PageTable.User)) != (PageTable.Present | PageTable.User) || (entry & PageTable.Device) != 0)
                return -Errno.EFAULT;
            if (writable && (entry & PageTable.Writable) == 0 &&
                ((entry & PageTable.CopyOnWrite) == 0 || !CopyOnWrite.Break(lender, page)))
                return (entry & PageTable.CopyOnWrite) != 0 ? -Errno.ENOMEM : -Errno.EFAULT;
        }
        return 0;
    }

    /// <summary>The check again for a caller that waited in a queue (0 when it lends nothing).</summary>
    public static long Revalidate(Thread caller, InterruptFrame* frame)
    {
        ulong tag = frame->Rsi;
        return MessageTag.HasGrant(tag) ? Validate(caller.Process, frame->R14, frame->R15, (tag & MessageTag.GrantWrite) != 0) : 0;
    }

    /// <summary>
    /// fork, after the parent's pages were shared copy-on-write: a page a thread of the parent lends
    /// for writing (its call queued or being served) stays the parent's own, writable, since the
    /// server writes to that very frame until it replies; the child gets a private copy of it now.
    /// False when memory runs out (the fork fails; call <see cref="TakeBackLentPages"/> once the child is gone).
    /// </summary>
    public static bool GiveChildLentPages(Process parent, Process child) => KeepLentPages(parent, child);

    /// <summary>A fork failed and its child is gone: the pages lent for writing are the parent's alone again.</summary>
    public static void TakeBackLentPages(Process parent) => KeepLentPages(parent, null);

    // Every page the parent lends for writing that fork made copy-on-write becomes writable again in
    // the parent; with a child, the child first gets its own copy (and drops its share of the frame).
    private static bool KeepLentPages(Process parent, Process child)
    {
        PageTable* from = Processes.SpaceOf(parent);
        for (Thread thread = parent.Threads; thread != null; thread = thread.NextInProcess)
        {
            if (!LendsForWriting(thread, out ulong address, out ulong length))
                continue;
            for (ulong i = 0, pages = PageCount(address, length); i < pages; i++)
            {
                ulong page = FirstPage(address) + i * PageSize;
                ulong entry = from->LeafEntry(page);
                if ((entry & PageTable.CopyOnWrite) == 0)
                    continue;   // gone, or handled already (two calls lending one page)
                ulong frame = PageTable.EntryAddress(entry);
                ulong flags = (entry & PageTable.FlagMask & ~PageTable.CopyOnWrite) | PageTable.Writable;
                if (child != null)
                {
                    ulong copy = PageReferences.AllocateUserPage();
                    if (copy == 0)
                        return false;
                    System.Buffer.Memmove(PhysicalMemory.ToVirtual(copy), PhysicalMemory.ToVirtual(frame), (nuint)PageSize);
                    Processes.SpaceOf(child)->Remap(page, copy, flags);
                    PageReferences.Release(frame);   // the child's reference to the lent frame
                }
                from->Remap(page, frame, flags);
            }
        }
        return true;
    }

    // A thread whose call (waiting to be taken, or being served) lends a range for writing.
    private static bool LendsForWriting(Thread thread, out ulong address, out ulong length)
    {
        InterruptFrame* frame = IpcCalls.FrameOf(thread);
        address = frame->R14;
        length = frame->R15;
        return thread.State != ThreadState.Dead && (thread.IpcState == IpcWait.Calling || thread.IpcState == IpcWait.AwaitingReply) &&
            (frame->Rsi & MessageTag.GrantWrite) != 0 && length != 0 && length <= IpcLayout.MaxGrantBytes;
    }

    /// <summary>Maps the caller's validated range into the receiver's window and tells it where (words 6 and 7).</summary>
    public static void Lend(Thread sender, InterruptFrame* from, Thread receiver, InterruptFrame* to, ref ulong tag)
    {
        ulong address = from->R14, length = from->R15;
        bool writable = (tag & MessageTag.GrantWrite) != 0;
        ulong flags = PageTable.User | PageTable.NoExecute | PageTable.Granted | (writable ? PageTable.Writable : 0);
        PageTable* source = Processes.SpaceOf(sender.Process);
        PageTable* target = Processes.SpaceOf(receiver.Process);
        ulong pages = PageCount(address, length);
        for (ulong i = 0; i < pages; i++)
        {
            ulong physical = PageTable.EntryAddress(source->LeafEntry(FirstPage(address) + i * PageSize));
            bool mapped = PageReferences.TryAdd(physical);   // false when the page's count of sharers is full
            if (mapped && !target->Map(WindowOf(receiver) + i * PageSize, physical, flags))
            {
                PageReferences.Release(physical);
                mapped = false;
            }
            if (!mapped)
            {
                receiver.GrantPages = i;
                Unmap(target, receiver);
                tag = MessageTag.WithError(tag & ~(MessageTag.GrantRead | MessageTag.GrantWrite), (int)Errno.ENOMEM);
                to->R14 = to->R15 = 0;
                return;
            }
        }
        receiver.GrantPages = pages;
        to->R14 = WindowOf(receiver) + (address & (PageSize - 1));
        to->R15 = length;
    }

    /// <summary>In <paramref name="thread"/>'s own context: the call it served is over, so the lent pages go.</summary>
    public static void End(Thread thread)
    {
        if (thread.GrantPages != 0)
            Unmap(Processes.SpaceOf(thread.Process), thread);
    }

    // Each page: unmap, make sure no other CPU still translates it (other threads of the server), then let go.
    private static void Unmap(PageTable* space, Thread thread)
    {
        ulong window = WindowOf(thread);
        for (ulong i = 0; i < thread.GrantPages; i++)
        {
            ulong page = window + i * PageSize;
            ulong entry = space->LeafEntry(page);
            if ((entry & PageTable.Granted) == 0)
                continue;   // the server unmapped it itself
            space->Unmap(page, keepTables: true);   // the window's tables serve the next grant
            BigKernelLock.UserMappingsChanged(thread.Process);
            PageReferences.Release(PageTable.EntryAddress(entry));
        }
        thread.GrantPages = 0;
    }
}
