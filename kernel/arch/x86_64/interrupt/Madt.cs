namespace Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// What the ACPI MADT says about interrupt controllers: the LAPIC address, the first IOAPIC, and how
/// legacy ISA IRQs map to global system interrupts. Tables are read through the HHDM.
/// </summary>
public static unsafe class Madt
{
    private const int LengthOffset = 4, LapicAddressOffset = 36, EntriesOffset = 44;
    private const byte EntryIoApic = 1, EntrySourceOverride = 2, EntryLapicAddressOverride = 5;
    private const int IsaIrqCount = 16;
    private const ushort PolarityMask = 3, PolarityActiveLow = 3, TriggerMask = 3 << 2, TriggerLevel = 3 << 2;

    public static ulong LapicPhysical { get; private set; }
    public static ulong IoApicPhysical { get; private set; }
    public static uint IoApicGsiBase { get; private set; }
    public static bool Found { get; private set; }

    private struct IsaRoute
    {
        public fixed uint Gsi[IsaIrqCount];
        public fixed byte ActiveLow[IsaIrqCount];
        public fixed byte LevelTriggered[IsaIrqCount];
    }

    private static IsaRoute _isa;

    /// <summary>The global system interrupt an ISA IRQ arrives on, and its polarity and trigger mode.</summary>
    public static uint IsaGsi(int irq, out bool activeLow, out bool levelTriggered)
    {
        fixed (IsaRoute* r = &_isa)
        {
            activeLow = r->ActiveLow[irq] != 0;
            levelTriggered = r->LevelTriggered[irq] != 0;
            return r->Gsi[irq];
        }
    }

    public static void Parse(byte* rsdp, ulong hhdm)
    {
        fixed (IsaRoute* r = &_isa)
            for (int i = 0; i < IsaIrqCount; i++)
                r->Gsi[i] = (uint)i;   // identity unless overridden (ISA: edge, active high)
        if (rsdp == null)
            return;
        byte* madt = Ocean.Kernel.Arch.X86_64.Cpu.AcpiTables.Find(rsdp, hhdm, "APIC");
        if (madt == null)
            return;
        Found = true;
        LapicPhysical = *(uint*)(madt + LapicAddressOffset);
        uint length = *(uint*)(madt + LengthOffset);
        for (uint offset = EntriesOffset; offset + 2 <= length;)
        {
            byte type = madt[offset], entryLength = madt[offset + 1];
            if (entryLength < 2 || offset + entryLength > length)
                break;
            byte* entry = madt + offset;
            if (type == EntryIoApic && entryLength >= 12 && IoApicPhysical == 0)
            {
                IoApicPhysical = *(uint*)(entry + 4);
                IoApicGsiBase = *(uint*)(entry + 8);
            }
            else if (type == EntrySourceOverride && entryLength >= 10 && entry[3] < IsaIrqCount)
            {
                ushort flags = *(ushort*)(entry + 8);
                fixed (IsaRoute* r = &_isa)
                {
                    r->Gsi[entry[3]] = *(uint*)(entry + 4);
                    r->ActiveLow[entry[3]] = (byte)((flags & PolarityMask) == PolarityActiveLow ? 1 : 0);
                    r->LevelTriggered[entry[3]] = (byte)((flags & TriggerMask) == TriggerLevel ? 1 : 0);
                }
            }
            else if (type == EntryLapicAddressOverride && entryLength >= 12)
                LapicPhysical = *(ulong*)(entry + 4);
            offset += entryLength;
        }
    }
}
