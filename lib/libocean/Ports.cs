namespace Ocean;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// I/O port access for drivers. Works only on ports covered by an I/O port capability the process
/// holds; touching any other port kills the process (general protection fault).
/// </summary>
public static class Ports
{
    [RuntimeImport("*", "OceanIn8")] [MethodImpl(MethodImplOptions.InternalCall)] public static extern byte In8(ushort port);
    [RuntimeImport("*", "OceanOut8")] [MethodImpl(MethodImplOptions.InternalCall)] public static extern void Out8(ushort port, byte value);
    [RuntimeImport("*", "OceanIn16")] [MethodImpl(MethodImplOptions.InternalCall)] public static extern ushort In16(ushort port);
    [RuntimeImport("*", "OceanOut16")] [MethodImpl(MethodImplOptions.InternalCall)] public static extern void Out16(ushort port, ushort value);
    [RuntimeImport("*", "OceanIn32")] [MethodImpl(MethodImplOptions.InternalCall)] public static extern uint In32(ushort port);
    [RuntimeImport("*", "OceanOut32")] [MethodImpl(MethodImplOptions.InternalCall)] public static extern void Out32(ushort port, uint value);
}
