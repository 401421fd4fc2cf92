namespace Ocean.Kernel.Mm;

using Ocean.Kernel.Boot.Limine;

/// <summary>
/// The kernel's own copy of the bootloader's memory map: the original lives in bootloader-reclaimable
/// memory, which the kernel hands to its allocator once it no longer needs it. Adjacent entries of the
/// same type are merged (firmware often splits RAM into many pieces); entries beyond
/// <see cref="MaxEntries"/> after merging are left out and counted, so the boot log can say so.
/// </summary>
public static unsafe class BootMemoryMap
{
    public const int MaxEntries = 1024;

    private struct Storage
    {
        public fixed ulong Base[MaxEntries];
        public fixed ulong Length[MaxEntries];
        public fixed ulong Type[MaxEntries];
    }

    private static Storage _entries;

    public static int Count { get; private set; }

    /// <summary>Entries left out for want of room (after merging), and the usable bytes among them.</summary>
    public static ulong Dropped { get; private set; }
    public static ulong DroppedUsableBytes { get; private set; }

    public static void CopyFrom(LimineMemoryMapResponse* map)
    {
        Count = 0;
        Dropped = 0;
        DroppedUsableBytes = 0;
        fixed (Storage* s = &_entries)
            for (ulong i = 0; i < map->EntryCount; i++)
            {
                LimineMemoryMapEntry* entry = map->Entries[i];
                int last = Count - 1;
                if (last >= 0 && s->Type[last] == (ulong)entry->Type && s->Base[last] + s->Length[last] == entry->Base)
                {
                    s->Length[last] += entry->Length;   // continues the entry before it
                    continue;
                }
                if (Count == MaxEntries)
                {
                    Dropped++;
                    if (entry->Type == LimineMemoryType.Usable)
                        DroppedUsableBytes += entry->Length;
                    continue;
                }
                s->Base[Count] = entry->Base;
                s->Length[Count] = entry->Length;
                s->Type[Count] = (ulong)entry->Type;
                Count++;
            }
    }

    public static ulong Base(int i)
    {
        fixed (Storage* s = &_entries)
            return s->Base[i];
    }

    public static ulong Length(int i)
    {
        fixed (Storage* s = &_entries)
            return s->Length[i];
    }

    public static LimineMemoryType Type(int i)
    {
        fixed (Storage* s = &_entries)
            return (LimineMemoryType)s->Type[i];
    }

    public static ulong Total(LimineMemoryType type)
    {
        ulong total = 0;
        for (int i = 0; i < Count; i++)
            if (Type(i) == type)
                total += Length(i);
        return total;
    }

    /// <summary>The end of the highest range of RAM (usable, reclaimable, kernel and modules, ACPI).</summary>
    public static ulong HighestRamEnd()
    {
        ulong end = 0;
        for (int i = 0; i < Count; i++)
        {
            LimineMemoryType type = Type(i);
            if (type != LimineMemoryType.Reserved && type != LimineMemoryType.BadMemory && type != LimineMemoryType.Framebuffer &&
                Base(i) + Length(i) > end)
                end = Base(i) + Length(i);
        }
        return end;
    }
}
