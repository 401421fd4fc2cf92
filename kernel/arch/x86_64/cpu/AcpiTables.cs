namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>Finds ACPI tables by signature through the RSDT or XSDT the RSDP names; tables are read through the HHDM.</summary>
public static unsafe class AcpiTables
{
    private const int RsdpRevision = 15, RsdtAddress = 16, XsdtAddress = 24;
    public const int HeaderLength = 36, LengthOffset = 4;

    /// <summary>The table whose four-letter signature is <paramref name="signature"/>, or null.</summary>
    public static byte* Find(byte* rsdp, ulong hhdm, string signature)
    {
        if (rsdp == null)
            return null;
        bool extended = rsdp[RsdpRevision] >= 2 && *(ulong*)(rsdp + XsdtAddress) != 0;
        ulong rootPhysical = extended ? *(ulong*)(rsdp + XsdtAddress) : *(uint*)(rsdp + RsdtAddress);
        if (rootPhysical == 0)
            return null;
        byte* root = (byte*)(rootPhysical + hhdm);
        uint length = *(uint*)(root + LengthOffset);
        int entrySize = extended ? 8 : 4;
        for (uint offset = HeaderLength; offset + entrySize <= length; offset += (uint)entrySize)
        {
            ulong physical = extended ? *(ulong*)(root + offset) : *(uint*)(root + offset);
            if (physical == 0)
                continue;
            byte* table = (byte*)(physical + hhdm);
            if (table[0] == signature[0] && table[1] == signature[1] && table[2] == signature[2] && table[3] == signature[3])
                return table;
        }
        return null;
    }
}
