namespace Ocean.Arch.X86_64.Cpu;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>Port I/O and halting, implemented in CpuPrimitives.asm.</summary>
public static class Cpu
{
    [RuntimeImport("*", "PortOut8")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Out8(ushort port, byte value);

    [RuntimeImport("*", "PortIn8")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern byte In8(ushort port);

    [RuntimeImport("*", "PortOut16")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Out16(ushort port, ushort value);

    [RuntimeImport("*", "PortOut32")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Out32(ushort port, uint value);

    /// <summary>Stops this CPU for good: interrupts off, <c>hlt</c> in a loop.</summary>
    [RuntimeImport("*", "HaltForever")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void HaltForever();

    [RuntimeImport("*", "Pause")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Pause();
}
