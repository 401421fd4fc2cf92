namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>Inter-processor interrupts: wake a CPU to reschedule, or make it flush its TLB.</summary>
public static class Ipi
{
    private const uint IcrLow = 0x300, IcrHigh = 0x310, DeliveryPending = 1 << 12;

    public static void Send(uint lapicId, int vector)
    {
        Lapic.Write(IcrHigh, lapicId << 24);
        Lapic.Write(IcrLow, (uint)vector);
        while ((Lapic.Read(IcrLow) & DeliveryPending) != 0)
            Cpu.Pause();
    }

    /// <summary>Sends <paramref name="vector"/> to every other online CPU.</summary>
    public static unsafe void Broadcast(int vector)
    {
        int self = CpuLocal.Current->Index;
        for (int i = 0; i < CpuLocal.Count; i++)
            if (i != self)
                Send(CpuLocal.Get(i)->LapicId, vector);
    }
}
