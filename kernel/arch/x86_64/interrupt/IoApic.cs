namespace Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>The I/O APIC: routes global system interrupts (legacy IRQs among them) to LAPIC vectors.</summary>
public static unsafe class IoApic
{
    private const uint SelectRegister = 0x00, WindowRegister = 0x10;
    private const uint VersionIndex = 0x01, RedirectionBase = 0x10;
    private const uint Masked = 1 << 16, ActiveLow = 1 << 13, LevelTriggered = 1 << 15;

    private static byte* _base;
    private static uint _gsiBase;

    public static int RedirectionEntries { get; private set; }

    public static void Initialize(byte* virtualBase, uint gsiBase)
    {
        _base = virtualBase;
        _gsiBase = gsiBase;
        RedirectionEntries = (int)((Read(VersionIndex) >> 16) & 0xFF) + 1;
        for (int i = 0; i < RedirectionEntries; i++)
            Write(RedirectionBase + (uint)i * 2, Masked);
    }

    /// <summary>Delivers legacy ISA <paramref name="irq"/> as <paramref name="vector"/> to the LAPIC <paramref name="lapicId"/>.</summary>
    public static bool RouteIsaIrq(int irq, int vector, uint lapicId)
    {
        uint gsi = Madt.IsaGsi(irq, out bool activeLow, out bool levelTriggered);
        int pin = (int)(gsi - _gsiBase);
        if (_base == null || pin < 0 || pin >= RedirectionEntries)
            return false;
        uint low = (uint)vector | (activeLow ? ActiveLow : 0) | (levelTriggered ? LevelTriggered : 0);
        Write(RedirectionBase + (uint)pin * 2 + 1, lapicId << 24);
        Write(RedirectionBase + (uint)pin * 2, low);
        return true;
    }

    /// <summary>Masks (or unmasks) legacy ISA <paramref name="irq"/> at its IOAPIC pin, keeping its routing.</summary>
    public static bool SetIsaIrqMasked(int irq, bool masked)
    {
        uint gsi = Madt.IsaGsi(irq, out _, out _);
        int pin = (int)(gsi - _gsiBase);
        if (_base == null || pin < 0 || pin >= RedirectionEntries)
            return false;
        uint index = RedirectionBase + (uint)pin * 2;
        uint low = Read(index);
        Write(index, masked ? low | Masked : low & ~Masked);
        return true;
    }

    private static uint Read(uint index)
    {
        *(uint*)(_base + SelectRegister) = index;
        return *(uint*)(_base + WindowRegister);
    }

    private static void Write(uint index, uint value)
    {
        *(uint*)(_base + SelectRegister) = index;
        *(uint*)(_base + WindowRegister) = value;
    }
}
