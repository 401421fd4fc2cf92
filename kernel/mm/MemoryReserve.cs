namespace Ocean.Kernel.Mm;

/// <summary>
/// Free pages that user memory may not take. Kernel objects (heap, stacks, page tables) come from
/// the same allocator and a failed kernel allocation is fatal, so a process that eats all memory
/// must run out (ENOMEM, or killed) while the kernel still has room to clean up after it.
/// </summary>
public static class MemoryReserve
{
    /// <summary>User pages are refused once free memory is down to this (4 MiB).</summary>
    public const ulong KernelPages = 1024;

    /// <summary>
    /// New processes and threads are refused below this: the rest of the reserve is for the kernel
    /// work of those that exist (page tables, IPC, pipes, exit).
    /// </summary>
    public const ulong NewTaskPages = KernelPages / 2;

    /// <summary>What any CPU can still allocate (pages other CPUs keep cached do not count).</summary>
    public static ulong FreePages => PhysicalMemory.AllocatorFreePages;

    public static bool UserPageAllowed => FreePages > KernelPages;

    public static bool NewTaskAllowed => FreePages > NewTaskPages;

    /// <summary>
    /// Kernel objects a program asks for (endpoints, notifications, pipes, narrowed ranges) are refused
    /// (ENOMEM) at the same level as new tasks: how many a program may hold is bounded by its slots and
    /// descriptors, but many programs together could otherwise eat the reserve and make a kernel
    /// allocation fail, which is fatal.
    /// </summary>
    public static bool NewObjectAllowed => FreePages > NewTaskPages;
}
