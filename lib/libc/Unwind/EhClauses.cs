namespace Ocean.Libc.Unwind;

/// <summary>
/// A method's exception-handling clauses as ilc records them (docs/design/managed-runtime.md §a):
/// an FDE's language-specific data is ilc's frame record in <c>.dotnet_eh_table</c>, which for a
/// funclet (a catch, finally or filter block compiled as a function of its own) points back to its
/// method's record and says how far into the method it starts; the method's record points at its
/// clause list: a count, then per clause (innermost first) the try range and kind, the handler, and
/// for a typed catch the type's MethodTable, all offsets from the method's start. Host tests compile
/// this file as it is.
/// </summary>
public readonly unsafe struct EhClauses
{
    private const byte FunctionKindMask = 0x03, HasEhInfo = 0x04, HasAssociatedData = 0x10;

    /// <summary>Where the method that the frame's code belongs to starts (the funclet's parent, for a funclet).</summary>
    public readonly ulong MethodStart;
    private readonly byte* _clauses;

    private EhClauses(ulong methodStart, byte* clauses)
    {
        MethodStart = methodStart;
        _clauses = clauses;
    }

    /// <summary>The clauses of the method <paramref name="description"/>'s code belongs to; false when it has none.</summary>
    public static bool TryRead(in FrameDescription description, out EhClauses clauses)
    {
        clauses = default;
        if (description.Lsda == 0)
            return false;
        byte* record = (byte*)description.Lsda;
        ulong methodStart = description.Start;
        if ((*record & FunctionKindMask) != 0)
        {
            // A funclet: a relative pointer to its method's record, then its offset into the method.
            byte* parent = record + 1 + *(int*)(record + 1);
            methodStart -= *(uint*)(record + 5);
            record = parent;
        }
        byte flags = *record;
        byte* p = record + 1;
        if ((flags & HasAssociatedData) != 0)
            p += sizeof(int);
        if ((flags & HasEhInfo) == 0)
            return false;
        clauses = new EhClauses(methodStart, p + *(int*)p);
        return true;
    }

    /// <summary>The clauses that cover <paramref name="offset"/> (from <see cref="MethodStart"/>), innermost first.</summary>
    public Covering ClausesCovering(ulong offset) => new(_clauses, offset);

    /// <summary>Walks the clause list, yielding those whose try range holds the offset.</summary>
    public struct Covering
    {
        private byte* _next;
        private ulong _left;
        private int _index;
        private readonly ulong _offset;

        public Covering(byte* clauses, ulong offset)
        {
            _next = clauses;
            _left = ReadCompressed(ref _next);
            _index = 0;
            _offset = offset;
        }

        public bool Next(out EhClause clause)
        {
            while (_left > 0)
            {
                _left--;
                int index = _index++;
                ulong tryStart = ReadCompressed(ref _next);
                ulong lengthAndKind = ReadCompressed(ref _next);
                var kind = (EhClauseKind)(lengthAndKind & 3);
                ulong tryEnd = tryStart + (lengthAndKind >> 2);
                ulong handler = ReadCompressed(ref _next);
                void* type = null;
                ulong filter = 0;
                if (kind == EhClauseKind.Typed)
                {
                    type = _next + *(int*)_next;   // relative to the field
                    _next += sizeof(int);
                }
                else if (kind == EhClauseKind.Filter)
                    filter = ReadCompressed(ref _next);
                if (_offset >= tryStart && _offset < tryEnd)
                {
                    clause = new EhClause(index, kind, handler, type, filter);
                    return true;
                }
            }
            clause = default;
            return false;
        }
    }

    /// <summary>ilc's compressed unsigned integer: the low bits say how many bytes follow.</summary>
    public static ulong ReadCompressed(ref byte* p)
    {
        byte first = *p;
        if ((first & 0x01) == 0)
        {
            p += 1;
            return (ulong)first >> 1;
        }
        if ((first & 0x02) == 0)
        {
            ulong value = (ulong)(*(ushort*)p >> 2);
            p += 2;
            return value;
        }
        if ((first & 0x04) == 0)
        {
            ulong value = ((ulong)*(ushort*)p | (ulong)p[2] << 16) >> 3;
            p += 3;
            return value;
        }
        if ((first & 0x08) == 0)
        {
            ulong value = *(uint*)p >> 4;
            p += 4;
            return value;
        }
        ulong large = *(uint*)(p + 1);
        p += 5;
        return large;
    }
}

/// <summary>One clause: its place in the method's list, its kind, its handler, a typed catch's MethodTable, a filter.</summary>
public readonly unsafe struct EhClause
{
    public readonly int Index;
    public readonly EhClauseKind Kind;
    /// <summary>The handler (a funclet), from the method's start.</summary>
    public readonly ulong HandlerOffset;
    public readonly void* CatchType;
    /// <summary>A filtered catch's filter (a funclet), from the method's start.</summary>
    public readonly ulong FilterOffset;

    public EhClause(int index, EhClauseKind kind, ulong handlerOffset, void* catchType, ulong filterOffset = 0)
    {
        Index = index;
        Kind = kind;
        HandlerOffset = handlerOffset;
        CatchType = catchType;
        FilterOffset = filterOffset;
    }
}

/// <summary>What a clause does when its try range is left by an exception.</summary>
public enum EhClauseKind
{
    /// <summary>A catch of one type (and what derives from it).</summary>
    Typed = 0,
    /// <summary>A finally (or fault) block: runs on the way out, then the search goes on.</summary>
    Fault = 1,
    /// <summary>A catch with a filter (C#'s <c>when</c>).</summary>
    Filter = 2,
}
