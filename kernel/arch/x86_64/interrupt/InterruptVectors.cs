namespace Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>How Ocean uses the 256 vectors.</summary>
public static class InterruptVectors
{
    /// <summary>0..31: CPU exceptions.</summary>
    public const int FirstExternal = 32;
    public const int LapicTimer = 0x20;
    /// <summary>Legacy ISA IRQ n arrives at IsaBase + n (routed through the IOAPIC).</summary>
    public const int IsaBase = 0x30;
    /// <summary>Where the (masked) legacy PICs are parked so a stray PIC interrupt cannot look like an exception.</summary>
    public const int LegacyPicBase = 0xE0;
    /// <summary>Inter-processor interrupts: reschedule (work arrived) and TLB shootdown.</summary>
    public const int Reschedule = 0xF1;
    public const int TlbShootdown = 0xF2;
    public const int Spurious = 0xFF;
}
