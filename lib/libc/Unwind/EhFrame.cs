namespace Ocean.Libc.Unwind;

/// <summary>
/// A program's DWARF call-frame information (the <c>.eh_frame</c> section ilc emits and user.ld
/// keeps): one FDE per method body and per funclet, each naming its code range, its unwind rules and
/// its language-specific data (ilc's exception-handling record in <c>.dotnet_eh_table</c>). Only what
/// ilc writes is understood (the CIE augmentation "zLR" or "zR", pointer encodings absptr and
/// pc-relative signed 4 or 8 bytes); anything else is skipped. Pure parsing over memory, so host tests
/// compile this file as it is (docs/design/managed-runtime.md).
/// </summary>
public readonly unsafe struct EhFrame
{
    private readonly byte* _start;
    private readonly byte* _end;

    public EhFrame(byte* start, byte* end)
    {
        _start = start;
        _end = end;
    }

    /// <summary>The FDE whose code range holds <paramref name="pc"/>; false when none does.</summary>
    public bool TryFind(ulong pc, out FrameDescription description)
    {
        description = default;
        for (byte* record = _start; record + 4 <= _end;)
        {
            uint length = *(uint*)record;
            if (length == 0)
                break;   // the terminator
            if (length == uint.MaxValue)
                return false;   // 64-bit lengths: ilc never writes them
            byte* body = record + 4;
            byte* next = body + length;
            if (next > _end)
                return false;
            uint ciePointer = *(uint*)body;
            if (ciePointer != 0 && TryReadFde(body, next, ciePointer, out FrameDescription fde) && pc >= fde.Start && pc < fde.End)
            {
                description = fde;
                return true;
            }
            record = next;
        }
        return false;
    }

    // An FDE at body (its CIE pointer field) up to next; its CIE is ciePointer bytes back from that field.
    private bool TryReadFde(byte* body, byte* next, uint ciePointer, out FrameDescription fde)
    {
        fde = default;
        byte* cie = body - ciePointer;   // (the offset runs from this field back to the CIE's length field)
        if (cie < _start || !TryReadCie(cie, out CommonInformation common))
            return false;
        byte* p = body + 4;
        if (!TryReadPointer(ref p, common.PointerEncoding, out ulong start) || !TryReadPointer(ref p, (byte)(common.PointerEncoding & 0x0F), out ulong range))
            return false;
        ulong lsda = 0;
        if (common.HasAugmentationData)
        {
            ulong augmentationLength = Leb128.ReadUnsigned(ref p);
            byte* augmentationEnd = p + augmentationLength;
            if (common.LsdaEncoding != PointerEncoding.Omit && !TryReadPointer(ref p, common.LsdaEncoding, out lsda))
                return false;
            p = augmentationEnd;
        }
        if (p > next)
            return false;
        fde = new FrameDescription(start, start + range, lsda, common, p, next);
        return true;
    }

    // The CIE whose length field is at cie (a 32-bit length, then the CIE id 0, then the rest).
    private static bool TryReadCie(byte* cie, out CommonInformation common)
    {
        common = default;
        uint length = *(uint*)cie;
        byte* body = cie + 4;
        byte* end = body + length;
        if (*(uint*)body != 0)
            return false;   // not a CIE
        byte* p = body + 4;
        byte version = *p++;
        if (version != 1 && version != 3)
            return false;
        byte* augmentation = p;
        while (*p != 0)
            p++;
        p++;
        ulong codeAlignment = Leb128.ReadUnsigned(ref p);
        long dataAlignment = Leb128.ReadSigned(ref p);
        ulong returnAddressRegister = version == 1 ? *p++ : Leb128.ReadUnsigned(ref p);
        byte pointerEncoding = PointerEncoding.Absolute, lsdaEncoding = PointerEncoding.Omit;
        bool hasData = augmentation[0] == (byte)'z';
        if (hasData)
        {
            ulong dataLength = Leb128.ReadUnsigned(ref p);
            byte* dataEnd = p + dataLength;
            for (byte* letter = augmentation + 1; *letter != 0; letter++)
            {
                if (*letter == (byte)'R')
                    pointerEncoding = *p++;
                else if (*letter == (byte)'L')
                    lsdaEncoding = *p++;
                else
                    return false;   // 'P' (a personality routine) and the rest: not ilc's
            }
            p = dataEnd;
        }
        else if (augmentation[0] != 0)
            return false;
        if (p > end)
            return false;
        common = new CommonInformation(codeAlignment, dataAlignment, (int)returnAddressRegister, pointerEncoding, lsdaEncoding, hasData, p, end);
        return true;
    }

    private static bool TryReadPointer(ref byte* p, byte encoding, out ulong value)
    {
        byte* field = p;
        switch (encoding & 0x0F)
        {
            case PointerEncoding.Absolute:
                value = *(ulong*)p;
                p += 8;
                break;
            case PointerEncoding.SignedData4:
                value = (ulong)(long)*(int*)p;
                p += 4;
                break;
            case PointerEncoding.SignedData8:
                value = *(ulong*)p;
                p += 8;
                break;
            default:
                value = 0;
                return false;
        }
        if ((encoding & 0x70) == PointerEncoding.PcRelative)
            value += (ulong)field;
        else if ((encoding & 0x70) != 0)
            return false;
        return true;
    }
}

/// <summary>The parts of a CIE an unwinder needs.</summary>
public readonly unsafe struct CommonInformation
{
    public readonly ulong CodeAlignment;
    public readonly long DataAlignment;
    public readonly int ReturnAddressRegister;
    public readonly byte PointerEncoding;
    public readonly byte LsdaEncoding;
    public readonly bool HasAugmentationData;
    /// <summary>The initial instructions, which every FDE of this CIE starts from.</summary>
    public readonly byte* Instructions;
    public readonly byte* InstructionsEnd;

    public CommonInformation(ulong codeAlignment, long dataAlignment, int returnAddressRegister, byte pointerEncoding, byte lsdaEncoding,
        bool hasAugmentationData, byte* instructions, byte* instructionsEnd)
    {
        CodeAlignment = codeAlignment;
        DataAlignment = dataAlignment;
        ReturnAddressRegister = returnAddressRegister;
        PointerEncoding = pointerEncoding;
        LsdaEncoding = lsdaEncoding;
        HasAugmentationData = hasAugmentationData;
        Instructions = instructions;
        InstructionsEnd = instructionsEnd;
    }
}

/// <summary>One FDE: a code range [Start, End), its language-specific data and its unwind rules.</summary>
public readonly unsafe struct FrameDescription
{
    public readonly ulong Start;
    public readonly ulong End;
    /// <summary>ilc's record in <c>.dotnet_eh_table</c> (0 when there is none).</summary>
    public readonly ulong Lsda;
    public readonly CommonInformation Common;
    public readonly byte* Instructions;
    public readonly byte* InstructionsEnd;

    public FrameDescription(ulong start, ulong end, ulong lsda, CommonInformation common, byte* instructions, byte* instructionsEnd)
    {
        Start = start;
        End = end;
        Lsda = lsda;
        Common = common;
        Instructions = instructions;
        InstructionsEnd = instructionsEnd;
    }
}

/// <summary>DWARF pointer encodings (DW_EH_PE_*) that ilc uses.</summary>
public static class PointerEncoding
{
    public const byte Absolute = 0x00, SignedData4 = 0x0B, SignedData8 = 0x0C, PcRelative = 0x10, Omit = 0xFF;
}

/// <summary>LEB128, DWARF's variable-length integers.</summary>
public static unsafe class Leb128
{
    public static ulong ReadUnsigned(ref byte* p)
    {
        ulong value = 0;
        int shift = 0;
        byte b;
        do
        {
            b = *p++;
            if (shift < 64)
                value |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return value;
    }

    public static long ReadSigned(ref byte* p)
    {
        long value = 0;
        int shift = 0;
        byte b;
        do
        {
            b = *p++;
            if (shift < 64)
                value |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0)
            value |= -1L << shift;
        return value;
    }
}
