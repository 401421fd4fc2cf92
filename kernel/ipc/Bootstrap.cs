namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// Init's initial authority: there is no global name table, so everything a driver will ever use
/// starts as one of these capabilities in init (at the <see cref="BootstrapSlot"/> slots), which
/// narrows and hands them on to the servers it starts.
/// </summary>
public static class Bootstrap
{
    /// <summary>Physical addresses Ocean can reach (x86-64's architectural limit of 52 bits).</summary>
    private const ulong PhysicalLimit = 1UL << 52;

    public static void GiveInit(CapabilitySpace space)
    {
        space.InsertAt(BootstrapSlot.IoPorts, new HardwareRange(ObjectKind.IoPorts, 0, IoPermissionBitmap.Ports), CapabilityRights.All, 0, 0);
        space.InsertAt(BootstrapSlot.Interrupts, new HardwareRange(ObjectKind.Interrupts, 0, InterruptBindings.Lines), CapabilityRights.All, 0, 0);
        space.InsertAt(BootstrapSlot.DeviceMemory, new HardwareRange(ObjectKind.DeviceMemory, 0, PhysicalLimit), CapabilityRights.All, 0, 0);
    }
}
