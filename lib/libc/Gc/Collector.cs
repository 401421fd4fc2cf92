namespace Ocean.Libc.Gc;

/// <summary>
/// A mark-and-sweep collector over <see cref="HeapAllocator"/>'s object blocks; nothing moves.
/// Roots are read conservatively: any word in a root range (the program's data and bss, the stack,
/// the saved registers) or in a block of explicit allocation that points into an object block keeps
/// that object, wherever inside it the word points. Objects themselves are read precisely, through
/// the GC descriptor ilc writes before each MethodTable that has references.
/// </summary>
/// <remarks>
/// Free of system calls (memory for the mark stack comes from the heap's map function), so host
/// tests can drive it with MethodTables of their own making.
/// </remarks>
public static unsafe class Collector
{
    /// <summary>MethodTable flags: the type's instances hold references (a GC descriptor precedes the MethodTable).</summary>
    public const uint HasPointersFlag = 0x0100_0000;
    /// <summary>MethodTable flags: arrays and strings; the low 16 bits are the size of an element.</summary>
    public const uint HasComponentSizeFlag = 0x8000_0000;
    // Offsets in a MethodTable and an object (both ilc's layout).
    private const int BaseSizeOffset = 4;
    private const int LengthOffset = 8;
    // The GC descriptor, below the MethodTable: the series count at -8, series of {size, offset}
    // downwards from -24; for arrays of structs (a negative count) items of {pointers, skip} from -24.
    private const int SeriesCountOffset = -8;
    private const int HighestSeriesOffset = -24;
    private const int SeriesBytes = 16;
    private const int RepeatItemBytes = 8;
    private const int InitialMarkStackEntries = 4096;

    /// <summary>A range of memory read for roots: every aligned word in [Start, End).</summary>
    public struct RootRange
    {
        public ulong Start;
        public ulong End;

        public RootRange(ulong start, ulong end)
        {
            Start = start;
            End = end;
        }
    }

    private struct MarkStack
    {
        public byte** Entries;
        public int Count;
        public int Capacity;
        public bool Failed;   // memory ran out for it: the collection frees nothing
    }

    /// <summary>
    /// Frees every object no root reaches. Returns the bytes freed, or -1 when the collection could
    /// not run (no memory for its lists): then nothing is freed.
    /// </summary>
    public static long Collect(ref HeapAllocator heap, RootRange* roots, int rootCount)
    {
        if (!heap.BeginCollection())
            return -1;
        var marks = new MarkStack();
        fixed (HeapAllocator* h = &heap)
        {
            for (int i = 0; i < rootCount; i++)
                ScanConservatively(h, ref marks, roots[i].Start, roots[i].End);
            // Explicit allocations may hold references too (a table of objects kept by hand).
            for (int i = 0; i < h->BlockCount; i++)
            {
                byte* payload = h->Block(i, out nuint usable, out bool isObject);
                if (payload != null && !isObject)
                    ScanConservatively(h, ref marks, (ulong)payload, (ulong)payload + usable);
            }
            while (marks.Count > 0 && !marks.Failed)
                ScanObject(h, ref marks, marks.Entries[--marks.Count]);
        }
        if (marks.Entries != null)
            heap.UnmapScratch((byte*)marks.Entries, (nuint)marks.Capacity * (nuint)sizeof(byte*));
        if (marks.Failed)
        {
            heap.AbandonCollection();
            return -1;
        }
        return (long)heap.EndCollection();
    }

    private static void ScanConservatively(HeapAllocator* heap, ref MarkStack marks, ulong start, ulong end)
    {
        for (ulong word = (start + 7) & ~7UL; word + sizeof(ulong) <= end; word += sizeof(ulong))
            Reach(heap, ref marks, *(ulong*)word);
    }

    private static void Reach(HeapAllocator* heap, ref MarkStack marks, ulong value)
    {
        if (value == 0)
            return;
        byte* target = heap->ObjectContaining(value);
        if (target != null && HeapAllocator.TryMark(target))
            Push(heap, ref marks, target);
    }

    // The references of one object, as its MethodTable's GC descriptor lays them out.
    private static void ScanObject(HeapAllocator* heap, ref MarkStack marks, byte* instance)
    {
        byte* type = *(byte**)instance;
        if (type == null)
            return;
        uint flags = *(uint*)type;
        if ((flags & HasPointersFlag) == 0)
            return;
        ulong size = *(uint*)(type + BaseSizeOffset);
        if ((flags & HasComponentSizeFlag) != 0)
            size += (ulong)*(uint*)(instance + LengthOffset) * (ushort)flags;
        long series = *(long*)(type + SeriesCountOffset);
        byte* highest = type + HighestSeriesOffset;
        if (series > 0)
        {
            for (long i = 0; i < series; i++)
            {
                byte* entry = highest - i * SeriesBytes;
                ulong* slot = (ulong*)(instance + *(ulong*)(entry + sizeof(long)));
                ulong* stop = (ulong*)((byte*)slot + *(long*)entry + (long)size);
                for (; slot < stop; slot++)
                    Reach(heap, ref marks, *slot);
            }
            return;
        }
        // An array of structs with references: one pattern of {pointers, skip} per element, repeated.
        ulong* next = (ulong*)(instance + *(ulong*)(highest + sizeof(long)));
        ulong* end = (ulong*)(instance + size - sizeof(ulong));
        while (next < end)
        {
            for (long i = 0; i > series; i--)
            {
                byte* item = highest + i * RepeatItemBytes;
                uint pointers = *(uint*)item, skip = *(uint*)(item + sizeof(uint));
                for (uint p = 0; p < pointers; p++)
                    Reach(heap, ref marks, *next++);
                next = (ulong*)((byte*)next + skip);
            }
        }
    }

    private static void Push(HeapAllocator* heap, ref MarkStack marks, byte* instance)
    {
        if (marks.Failed)
            return;
        if (marks.Count == marks.Capacity)
        {
            int capacity = marks.Capacity == 0 ? InitialMarkStackEntries : marks.Capacity * 2;
            var grown = (byte**)heap->MapScratch((nuint)capacity * (nuint)sizeof(byte*));
            if (grown == null)
            {
                marks.Failed = true;
                return;
            }
            for (int i = 0; i < marks.Count; i++)
                grown[i] = marks.Entries[i];
            if (marks.Entries != null)
                heap->UnmapScratch((byte*)marks.Entries, (nuint)marks.Capacity * (nuint)sizeof(byte*));
            marks.Entries = grown;
            marks.Capacity = capacity;
        }
        marks.Entries[marks.Count++] = instance;
    }
}
