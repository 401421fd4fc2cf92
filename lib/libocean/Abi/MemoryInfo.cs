namespace Ocean.Abi;

/// <summary>What memory_read reports (and the memory server passes on), in bytes: the machine's memory and what the kernel holds of it (free uses it).</summary>
public struct MemoryInfo
{
    /// <summary>All RAM the memory map describes (usable, bootloader, kernel and modules), as the boot log's total.</summary>
    public ulong TotalBytes;
    /// <summary>What the page allocator holds free.</summary>
    public ulong FreeBytes;
    /// <summary>The kernel's own: its heap in use, per-page metadata, and its image.</summary>
    public ulong KernelBytes;
    /// <summary>Pages mapped into programs (each counted once, however many address spaces share it).</summary>
    public ulong UserBytes;
    /// <summary>The memory server's named shared-memory objects (the kernel reports 0: they are the server's).</summary>
    public ulong SharedBytes;
}
