namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// The TSS's I/O permission bitmap: one bit per port, 0 = ring 3 may use it. Each process with port
/// capabilities has its own bitmap; the switch to one of its threads copies it into the CPU's TSS
/// (only when that CPU holds a different one), and every other process runs with the bitmap
/// switched off, so any IN or OUT from ring 3 raises #GP.
/// </summary>
public static unsafe class IoPermissionBitmap
{
    public const int Ports = 65536;
    public const int Bytes = Ports / 8;
    private const byte AllDenied = 0xFF;

    private static ulong _lastStamp;

    public static ulong NextStamp() => ++_lastStamp;

    public static void DenyAll(byte[] bitmap)
    {
        for (int i = 0; i < bitmap.Length; i++)
            bitmap[i] = AllDenied;
    }

    public static void Allow(byte[] bitmap, int first, int count)
    {
        for (int port = first; port < first + count && port < Ports; port++)
            bitmap[port >> 3] &= (byte)~(1 << (port & 7));
    }

    /// <summary>
    /// Makes <paramref name="bitmap"/> (null: no ports at all; then <paramref name="stamp"/> is 0) the
    /// one this CPU enforces. The 8 KiB copy happens only when the TSS holds a different bitmap.
    /// </summary>
    public static void Activate(byte[] bitmap, ulong stamp)
    {
        PerCpu* cpu = CpuLocal.Current;
        Gdt* gdt = cpu->Gdt;
        if (gdt == null)
            return;
        cpu->IoBitmapInEffect = stamp;
        if (bitmap == null)
        {
            gdt->Tss.IoMapBase = Gdt.NoIoBitmap;
            return;
        }
        if (cpu->IoBitmapLoaded != stamp)
        {
            fixed (byte* source = bitmap)
                System.Buffer.Memmove(gdt->IoBitmap, source, Bytes);
            cpu->IoBitmapLoaded = stamp;
        }
        gdt->Tss.IoMapBase = Gdt.IoBitmapOffset;
    }

    /// <summary>Whether this CPU already enforces the bitmap with <paramref name="stamp"/>.</summary>
    public static bool IsActive(ulong stamp) => CpuLocal.Current->IoBitmapInEffect == stamp;
}
