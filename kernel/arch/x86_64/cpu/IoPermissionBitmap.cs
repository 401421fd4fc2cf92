namespace Ocean.Kernel.Arch.X86_64.Cpu;

using System.Runtime.CompilerServices;

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
        fixed (byte* bits = bitmap)
            System.Buffer.Fill(bits, AllDenied, (nuint)bitmap.Length);
    }

    /// <summary>Lets ring 3 use ports [first, first + count): whole bytes at once, single bits at the two ends.</summary>
    public static void Allow(byte[] bitmap, int first, int count)
    {
        int end = count > Ports - first ? Ports : first + count;
        int port = first;
        for (; port < end && (port & 7) != 0; port++)
            AllowOne(bitmap, port);
        int wholeBytes = (end - port) >> 3;
        if (wholeBytes > 0)
        {
            fixed (byte* bits = &bitmap[port >> 3])
                System.Buffer.Fill(bits, 0, (nuint)wholeBytes);
            port += wholeBytes << 3;
        }
        for (; port < end; port++)
            AllowOne(bitmap, port);
    }

    private static void AllowOne(byte[] bitmap, int port) => bitmap[port >> 3] &= (byte)~(1 << (port & 7));

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsActive(ulong stamp) => CpuLocal.Current->IoBitmapInEffect == stamp;

    /// <summary><see cref="IsActive(ulong)"/> for a caller that has this CPU's area at hand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsActive(PerCpu* cpu, ulong stamp) => cpu->IoBitmapInEffect == stamp;
}
