namespace Ocean.Kernel.Mm;

using Ocean.Kernel.Lib;

/// <summary>
/// How many address spaces map each physical page (fork shares pages copy-on-write). A page whose
/// count drops to zero goes back to the page allocator.
/// </summary>
public static unsafe class PageReferences
{
    private static ushort* _counts;
    private static ulong _firstPage, _pageCount;

    /// <summary>Bytes of counters for the pages of [<paramref name="firstPhysical"/>, <paramref name="endPhysical"/>).</summary>
    public static ulong BytesFor(ulong firstPhysical, ulong endPhysical) =>
        (endPhysical - firstPhysical) / PhysicalMemory.PageSize * sizeof(ushort);

    /// <summary>Starts the counters for every page the physical allocator manages, in <paramref name="storage"/> (<see cref="BytesFor"/> bytes).</summary>
    public static void Initialize(ulong firstPhysical, ulong endPhysical, ushort* storage)
    {
        _firstPage = firstPhysical / PhysicalMemory.PageSize;
        _pageCount = (endPhysical - firstPhysical) / PhysicalMemory.PageSize;
        _counts = storage;
        System.Buffer.Fill(_counts, 0, (nuint)BytesFor(firstPhysical, endPhysical));
    }

    private static ushort* Counter(ulong physical)
    {
        ulong page = physical / PhysicalMemory.PageSize - _firstPage;
        if (_counts == null || page >= _pageCount)
            Panic.Halt("page reference for memory the allocator does not manage");
        return _counts + page;
    }

    /// <summary>A fresh zeroed page for a user mapping, with one reference; 0 when memory is exhausted.</summary>
    public static ulong AllocateUserPage()
    {
        if (!MemoryReserve.UserPageAllowed)
            return 0;   // the last pages are the kernel's (see MemoryReserve)
        ulong page = PhysicalMemory.AllocateZeroedPage();
        if (page != 0)
            *Counter(page) = 1;
        return page;
    }

    public static void Add(ulong physical)
    {
        ushort* count = Counter(physical);
        if (*count == ushort.MaxValue)
            Panic.Halt("page reference count overflow");
        (*count)++;
    }

    public static int Count(ulong physical) => *Counter(physical);

    /// <summary>Drops a reference; frees the page when it was the last.</summary>
    public static void Release(ulong physical)
    {
        ushort* count = Counter(physical);
        if (*count == 0)
            Panic.Halt("page reference released twice");
        if (--*count == 0)
            PhysicalMemory.Free(physical, 0);
    }
}
