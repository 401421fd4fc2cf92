namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>The legacy 8259 PICs: remapped away from the exception vectors and fully masked (the IOAPIC routes IRQs).</summary>
public static class Pic
{
    private const ushort MasterCommand = 0x20, MasterData = 0x21, SlaveCommand = 0xA0, SlaveData = 0xA1;
    private const byte Initialize = 0x11;          // ICW1: edge triggered, cascade, ICW4 follows
    private const byte Mode8086 = 0x01;            // ICW4
    private const byte SlaveOnIrq2 = 0x04, SlaveIdentity = 0x02;
    private const byte MaskAll = 0xFF;

    public static void RemapAndMask()
    {
        Cpu.Out8(MasterCommand, Initialize);
        Cpu.Out8(SlaveCommand, Initialize);
        Cpu.Out8(MasterData, InterruptVectors.LegacyPicBase);
        Cpu.Out8(SlaveData, InterruptVectors.LegacyPicBase + 8);
        Cpu.Out8(MasterData, SlaveOnIrq2);
        Cpu.Out8(SlaveData, SlaveIdentity);
        Cpu.Out8(MasterData, Mode8086);
        Cpu.Out8(SlaveData, Mode8086);
        Cpu.Out8(MasterData, MaskAll);
        Cpu.Out8(SlaveData, MaskAll);
    }
}
