namespace Ocean.Loader.Memory;

using System;

/// <summary>
/// Hands out zeroed, page-aligned physical memory from the window <see cref="RegionPlanner"/> chose.
/// The loader runs identity-mapped, so a physical address is also a usable pointer.
/// Everything handed out is reported to the kernel as bootloader-reclaimable (except the kernel itself).
/// </summary>
public unsafe sealed class PhysicalBump
{
    public const ulong PageSize = 4096;

    public readonly ulong Base;
    public readonly ulong Limit;
    public ulong Next { get; private set; }

    public PhysicalBump(ulong @base, ulong size)
    {
        Base = @base;
        Limit = @base + size;
        Next = @base;
    }

    /// <summary>Returns the physical address of <paramref name="size"/> zeroed bytes, or 0 when full.</summary>
    public ulong Allocate(ulong size, ulong alignment = PageSize)
    {
        ulong start = (Next + alignment - 1) & ~(alignment - 1);
        if (alignment >= PageSize)
            size = (size + PageSize - 1) & ~(PageSize - 1);
        if (start + size > Limit)
            return 0;
        Next = start + size;
        Buffer.Fill((void*)start, 0, (nuint)size);
        return start;
    }
}
