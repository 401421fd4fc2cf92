namespace Ocean.Kernel.Mm;

/// <summary>A range of physical memory, as the memory map gives it (any order, may overlap).</summary>
public struct PhysicalRange
{
    public ulong Base;
    public ulong Length;

    public PhysicalRange(ulong start, ulong length)
    {
        Base = start;
        Length = length;
    }
}

/// <summary>
/// A record of a few bytes for every page of physical memory, kept only where memory is: the address
/// space is cut into sections of 128 MiB, and only the sections some range touches get records (one
/// table entry per section of the whole span, 8 bytes per 128 MiB, is all a hole costs). So the
/// bookkeeping grows with the memory present, not with the span its addresses cover: a machine with
/// 4 GiB at the bottom and 4 GiB above 1 TiB needs records for 8 GiB.
/// </summary>
public unsafe struct PageSections
{
    public const int SectionShift = 27;
    public const ulong SectionBytes = 1UL << SectionShift;
    private const int PageShift = 12;
    private const ulong PagesPerSection = SectionBytes >> PageShift;

    private ulong _firstSection;
    private ulong _sectionCount;
    private byte** _table;
    private ulong _recordBytes;

    /// <summary>Sections that have records.</summary>
    public ulong PresentSections { get; private set; }

    /// <summary>
    /// Bytes <see cref="Initialize"/> needs for the pages of <paramref name="ranges"/> within
    /// [<paramref name="first"/>, <paramref name="end"/>), <paramref name="recordBytes"/> per page.
    /// </summary>
    public static ulong BytesFor(ulong first, ulong end, PhysicalRange* ranges, int count, int recordBytes)
    {
        if (end <= first || recordBytes <= 0)
            return 0;
        ulong sections = Section(end - 1) - Section(first) + 1;
        return sections * (ulong)sizeof(byte*) + CountPresent(first, end, ranges, count) * PagesPerSection * (ulong)recordBytes;
    }

    /// <summary>
    /// Lays the table and the records out in <paramref name="storage"/> (<see cref="BytesFor"/> bytes,
    /// 8-byte aligned), every record zero.
    /// </summary>
    public void Initialize(byte* storage, ulong first, ulong end, PhysicalRange* ranges, int count, int recordBytes)
    {
        _table = null;
        _sectionCount = 0;
        PresentSections = 0;
        if (end <= first || recordBytes <= 0 || storage == null)
            return;
        _firstSection = Section(first);
        _sectionCount = Section(end - 1) - _firstSection + 1;
        _recordBytes = (ulong)recordBytes;
        _table = (byte**)storage;
        for (ulong i = 0; i < _sectionCount; i++)
            _table[i] = null;
        byte* next = storage + _sectionCount * (ulong)sizeof(byte*);
        ulong sectionRecords = PagesPerSection * _recordBytes;
        for (int r = 0; r < count; r++)
        {
            if (!Clip(ranges[r], first, end, out ulong start, out ulong last))
                continue;
            for (ulong section = Section(start); section <= Section(last); section++)
            {
                ulong slot = section - _firstSection;
                if (_table[slot] != null)
                    continue;
                _table[slot] = next;
                for (ulong* word = (ulong*)next, stop = (ulong*)(next + sectionRecords); word < stop; word += 4)
                {
                    word[0] = 0;   // four at a time: 128 KiB of records a section
                    word[1] = 0;
                    word[2] = 0;
                    word[3] = 0;
                }
                next += sectionRecords;
                PresentSections++;
            }
        }
    }

    /// <summary>The record of the page holding <paramref name="physical"/>, or null where there is no memory.</summary>
    public byte* Record(ulong physical)
    {
        ulong section = Section(physical);
        if (_table == null || section < _firstSection || section - _firstSection >= _sectionCount)
            return null;
        byte* records = _table[section - _firstSection];
        return records == null ? null : records + ((physical >> PageShift) & (PagesPerSection - 1)) * _recordBytes;
    }

    /// <summary>How far apart two pages' records are (within a section, records lie in a row).</summary>
    public ulong RecordBytes => _recordBytes;

    private static ulong Section(ulong physical) => physical >> SectionShift;

    // The part of the range inside [first, end), by its first and last byte; false if none.
    private static bool Clip(PhysicalRange range, ulong first, ulong end, out ulong start, out ulong last)
    {
        start = range.Base < first ? first : range.Base;
        ulong rangeEnd = range.Length > ulong.MaxValue - range.Base ? ulong.MaxValue : range.Base + range.Length;
        ulong stop = rangeEnd > end ? end : rangeEnd;
        last = stop - 1;
        return range.Length != 0 && stop > start;
    }

    // Sections any range touches, each counted once: by the first range that touches it.
    private static ulong CountPresent(ulong first, ulong end, PhysicalRange* ranges, int count)
    {
        ulong present = 0;
        for (int r = 0; r < count; r++)
        {
            if (!Clip(ranges[r], first, end, out ulong start, out ulong last))
                continue;
            for (ulong section = Section(start); section <= Section(last); section++)
            {
                bool earlier = false;
                for (int e = 0; e < r && !earlier; e++)
                    earlier = Clip(ranges[e], first, end, out ulong s, out ulong l) && Section(s) <= section && section <= Section(l);
                if (!earlier)
                    present++;
            }
        }
        return present;
    }
}
