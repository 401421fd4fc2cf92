namespace Ocean.Loader.Acpi;

/// <summary>
/// Finds the ACPI RSDP (from the Multiboot 2 copy or by scanning the BIOS areas) and lists the CPUs
/// from the MADT, for the RSDP and MP responses. Physical memory is identity-mapped in the loader.
/// </summary>
public static unsafe class AcpiTables
{
    private const ulong EbdaSegmentPointer = 0x40E;
    private const ulong BiosAreaStart = 0xE0000, BiosAreaEnd = 0x100000;
    private const int EbdaScanLength = 1024;
    private const int RsdpV1Length = 20;
    private const int RsdtPointerOffset = 16, RevisionOffset = 15, XsdtPointerOffset = 24;
    private const int SdtHeaderLength = 36, SdtLengthOffset = 4;
    private const int MadtLapicAddressOffset = 36, MadtEntriesOffset = 44;
    private const byte MadtProcessorLocalApic = 0;
    private const uint LapicEnabled = 1, LapicOnlineCapable = 2;
    public const int MaxCpus = 64;

    /// <summary>Scans the EBDA's first KiB and the BIOS ROM area for a valid RSDP; 0 if none.</summary>
    public static ulong ScanForRsdp()
    {
        ulong ebda = (ulong)*(ushort*)EbdaSegmentPointer << 4;
        ulong found = ebda != 0 ? Scan(ebda, ebda + EbdaScanLength) : 0;
        return found != 0 ? found : Scan(BiosAreaStart, BiosAreaEnd);
    }

    private static ulong Scan(ulong start, ulong end)
    {
        for (ulong p = start; p + RsdpV1Length <= end; p += 16)
            if (IsRsdp((byte*)p))
                return p;
        return 0;
    }

    public static bool IsRsdp(byte* p) =>
        p[0] == 'R' && p[1] == 'S' && p[2] == 'D' && p[3] == ' ' && p[4] == 'P' && p[5] == 'T' && p[6] == 'R' && p[7] == ' ' &&
        Checksum(p, RsdpV1Length) == 0;

    private static byte Checksum(byte* p, int length)
    {
        byte sum = 0;
        for (int i = 0; i < length; i++)
            sum += p[i];
        return sum;
    }

    /// <summary>
    /// Fills <paramref name="lapicIds"/> and <paramref name="processorIds"/> from the MADT of the RSDP at
    /// <paramref name="rsdp"/>; returns the CPU count (0 if there is no MADT) and the LAPIC's address.
    /// </summary>
    public static int ListCpus(byte* rsdp, uint[] lapicIds, uint[] processorIds, out ulong lapicAddress)
    {
        lapicAddress = 0;
        byte* madt = FindTable(rsdp, (byte)'A', (byte)'P', (byte)'I', (byte)'C');
        if (madt == null)
            return 0;
        lapicAddress = *(uint*)(madt + MadtLapicAddressOffset);
        uint length = *(uint*)(madt + SdtLengthOffset);
        int count = 0;
        for (uint offset = MadtEntriesOffset; offset + 2 <= length;)
        {
            byte type = madt[offset], entryLength = madt[offset + 1];
            if (entryLength < 2)
                break;
            if (type == MadtProcessorLocalApic && entryLength >= 8 && count < MaxCpus)
            {
                uint flags = *(uint*)(madt + offset + 4);
                if ((flags & (LapicEnabled | LapicOnlineCapable)) != 0)
                {
                    processorIds[count] = madt[offset + 2];
                    lapicIds[count] = madt[offset + 3];
                    count++;
                }
            }
            offset += entryLength;
        }
        return count;
    }

    private static byte* FindTable(byte* rsdp, byte a, byte b, byte c, byte d)
    {
        bool extended = rsdp[RevisionOffset] >= 2 && *(ulong*)(rsdp + XsdtPointerOffset) != 0;
        byte* root = extended ? (byte*)*(ulong*)(rsdp + XsdtPointerOffset) : (byte*)(ulong)*(uint*)(rsdp + RsdtPointerOffset);
        if (root == null)
            return null;
        uint length = *(uint*)(root + SdtLengthOffset);
        int entrySize = extended ? 8 : 4;
        for (uint offset = SdtHeaderLength; offset + entrySize <= length; offset += (uint)entrySize)
        {
            byte* table = extended ? (byte*)*(ulong*)(root + offset) : (byte*)(ulong)*(uint*)(root + offset);
            if (table != null && table[0] == a && table[1] == b && table[2] == c && table[3] == d)
                return table;
        }
        return null;
    }
}
