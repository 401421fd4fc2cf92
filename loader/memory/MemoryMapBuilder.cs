namespace Ocean.Loader.Memory;

using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Multiboot;

/// <summary>
/// Builds the memory map the kernel receives: the firmware's ranges with the loader's own use painted
/// over them, sorted, without overlaps, usable and bootloader-reclaimable entries page-aligned, the
/// first page never usable, and neighbours of one type merged (as Limine guarantees).
/// </summary>
public static class MemoryMapBuilder
{
    private const ulong PageSize = 4096;

    /// <summary>
    /// Which type wins where ranges overlap. Firmware tables and bad memory beat everything; a module
    /// beats "reserved" because GRUB under UEFI reports the memory it loaded modules into as reserved.
    /// </summary>
    public static int Priority(LimineMemoryType type) => type switch
    {
        LimineMemoryType.Usable => 0,
        LimineMemoryType.BootloaderReclaimable => 1,
        LimineMemoryType.Reserved => 2,
        LimineMemoryType.KernelAndModules => 3,
        LimineMemoryType.AcpiReclaimable => 4,
        LimineMemoryType.AcpiNvs => 5,
        LimineMemoryType.Framebuffer => 6,
        _ => 7,
    };

    /// <summary>
    /// Returns the number of entries written to <paramref name="output"/>. <paramref name="ranges"/> holds the
    /// firmware map followed by the loader's overlays (kernel, modules, reclaimable).
    /// </summary>
    public static int Build(PhysicalRange[] ranges, int count, PhysicalRange[] output)
    {
        // Every range start and end is a boundary; between two neighbouring boundaries the type is uniform.
        var points = new ulong[count * 2 + 1];
        int pointCount = 0;
        for (int i = 0; i < count; i++)
        {
            pointCount = Insert(points, pointCount, ranges[i].Base);
            pointCount = Insert(points, pointCount, ranges[i].End);
        }

        // 1. The winning type of each piece, neighbours of one type merged (still byte-exact).
        var pieces = new PhysicalRange[pointCount];
        int pieceCount = 0;
        for (int p = 0; p + 1 < pointCount; p++)
        {
            ulong start = points[p], end = points[p + 1];
            int best = -1;
            for (int i = 0; i < count; i++)
            {
                if (ranges[i].Base <= start && ranges[i].End >= end &&
                    (best < 0 || Priority(ranges[i].Type) > Priority(ranges[best].Type)))
                    best = i;
            }
            if (best >= 0)
                pieceCount = Append(pieces, pieceCount, start, end, ranges[best].Type);
        }

        // 2. Usable and reclaimable memory shrunk inward to whole pages (the first page never usable),
        //    only now, so a page split between two usable pieces is not lost.
        int written = 0;
        for (int i = 0; i < pieceCount; i++)
        {
            ulong start = pieces[i].Base, end = pieces[i].End;
            LimineMemoryType type = pieces[i].Type;
            if (type == LimineMemoryType.Usable || type == LimineMemoryType.BootloaderReclaimable)
            {
                if (start < PageSize && type == LimineMemoryType.Usable)
                    start = PageSize;
                start = (start + PageSize - 1) & ~(PageSize - 1);
                end &= ~(PageSize - 1);
                if (end <= start)
                    continue;
            }
            if (written < output.Length)
                written = Append(output, written, start, end, type);
        }
        return written;
    }

    private static int Append(PhysicalRange[] list, int count, ulong start, ulong end, LimineMemoryType type)
    {
        if (count > 0 && list[count - 1].Type == type && list[count - 1].End == start)
        {
            list[count - 1].Length += end - start;
            return count;
        }
        list[count] = new PhysicalRange(start, end - start, type);
        return count + 1;
    }

    // Sorted insert without duplicates.
    private static int Insert(ulong[] points, int count, ulong value)
    {
        int i = 0;
        while (i < count && points[i] < value)
            i++;
        if (i < count && points[i] == value)
            return count;
        for (int j = count; j > i; j--)
            points[j] = points[j - 1];
        points[i] = value;
        return count + 1;
    }

    /// <summary>Total bytes of the given type.</summary>
    public static ulong Total(PhysicalRange[] map, int count, LimineMemoryType type)
    {
        ulong total = 0;
        for (int i = 0; i < count; i++)
            if (map[i].Type == type)
                total += map[i].Length;
        return total;
    }
}
