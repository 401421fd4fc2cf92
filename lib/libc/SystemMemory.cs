namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>The machine's memory in bytes, as free prints it.</summary>
public readonly struct MemoryStatus
{
    public Error Error { get; init; }
    /// <summary>All RAM the firmware's memory map describes.</summary>
    public ulong Total { get; init; }
    public ulong Free { get; init; }
    /// <summary>In use: by programs, the kernel, its image and the boot modules.</summary>
    public ulong Used => Total - Free;
    /// <summary>The kernel's own share of it: heap, per-page metadata and image.</summary>
    public ulong Kernel { get; init; }
    /// <summary>Programs' pages (a page several processes share counts once).</summary>
    public ulong User { get; init; }
    /// <summary>The memory server's named shared-memory objects (part of the programs' pages).</summary>
    public ulong Shared { get; init; }
}

/// <summary>The machine's memory as the memory server (servers/mem) reports it, for programs without pointers (free).</summary>
public static class SystemMemory
{
    public static MemoryStatus Status()
    {
        long result = MemClient.Info(out MemoryInfo info);
        return result < 0 ? new MemoryStatus { Error = Error.Of(result) }
                          : new MemoryStatus { Total = info.TotalBytes, Free = info.FreeBytes, Kernel = info.KernelBytes, User = info.UserBytes, Shared = info.SharedBytes };
    }
}
