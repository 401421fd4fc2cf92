namespace Ocean.Mm;

using Ocean.Lib;

/// <summary>
/// How many address spaces map each physical page (fork shares pages copy-on-write). A page whose
/// count drops to zero goes back to the page allocator.
/// </summary>
public static unsafe class PageReferences
{
    private static ushort* _counts;
    private static ulong _firstPage, _pageCount;

    /// <summary>Allocates the counters for every page the physical allocator manages.</summary>
    public static void Initialize(ulong firstPhysical, ulong endPhysical)
    {
        _firstPage = firstPhysical / PhysicalMemory.PageSize;
        _pageCount = (endPhysical - firstPhysical) / PhysicalMemory.PageSize;
        ulong bytes = _pageCount * sizeof(ushort);
        int order = 0;
        while ((PhysicalMemory.PageSize << order) < bytes)
            order++;
        ulong block = PhysicalMemory.Allocate(order);
        if (block == 0)
            Panic.Halt("out of memory for page reference counts");
        _counts = (ushort*)PhysicalMemory.ToVirtual(block);
        System.Buffer.Fill(_counts, 0, (nuint)bytes);
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
