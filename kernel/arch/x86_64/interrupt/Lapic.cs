namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>The local APIC of the running CPU (xAPIC, memory-mapped; the kernel maps the page uncached).</summary>
public static unsafe class Lapic
{
    private const uint IdRegister = 0x20, EndOfInterruptRegister = 0xB0, SpuriousRegister = 0xF0;
    private const uint TaskPriorityRegister = 0x80;
    public const uint TimerRegister = 0x320, TimerInitialCount = 0x380, TimerCurrentCount = 0x390, TimerDivide = 0x3E0;
    private const uint SoftwareEnable = 0x100;
    private const uint ApicBaseMsr = 0x1B, ApicGlobalEnable = 1 << 11;

    private static byte* _base;

    public static bool Present => _base != null;

    /// <summary>Enables the LAPIC at <paramref name="virtualBase"/> with <see cref="InterruptVectors.Spurious"/> as its spurious vector.</summary>
    public static void Initialize(byte* virtualBase)
    {
        _base = virtualBase;
        Cpu.WriteMsr(ApicBaseMsr, Cpu.ReadMsr(ApicBaseMsr) | ApicGlobalEnable);
        Write(TaskPriorityRegister, 0);
        Write(SpuriousRegister, SoftwareEnable | InterruptVectors.Spurious);
    }

    /// <summary>Enables the calling CPU's LAPIC (every CPU sees its own at the same address).</summary>
    public static void EnableOnThisCpu()
    {
        Cpu.WriteMsr(ApicBaseMsr, Cpu.ReadMsr(ApicBaseMsr) | ApicGlobalEnable);
        Write(TaskPriorityRegister, 0);
        Write(SpuriousRegister, SoftwareEnable | InterruptVectors.Spurious);
    }

    public static uint Id => Read(IdRegister) >> 24;

    public static uint Read(uint register) => *(uint*)(_base + register);

    public static void Write(uint register, uint value) => *(uint*)(_base + register) = value;

    public static void EndOfInterrupt()
    {
        if (_base != null)
            Write(EndOfInterruptRegister, 0);
    }
}
