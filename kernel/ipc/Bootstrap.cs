namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// Init's initial authority: there is no global name table, so everything a driver will ever use
/// starts as one of these capabilities in init (at the <see cref="BootstrapSlot"/> slots), which
/// narrows and hands them on to the servers it starts. The process server gets its endpoint and the
/// process table's capability the same way, and init a send capability on that endpoint.
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

    /// <summary>
    /// proc's endpoint and authority (<see cref="ProcSlot"/>), and init's send capability on it, derived
    /// from proc's so that it names the same endpoint with fewer rights and a badge.
    /// </summary>
    public static void GiveProc(CapabilitySpace proc, CapabilitySpace init)
    {
        var endpoint = new Endpoint();
        proc.InsertAt(ProcSlot.Endpoint, endpoint, CapabilityRights.All, 0, 0);
        proc.InsertAt(ProcSlot.Processes, new ProcessAuthority(), CapabilityRights.All, 0, 0);
        ulong original = proc.Get(ProcSlot.Endpoint).Id;
        init.InsertAt(ProcSlot.Client, endpoint, CapabilityRights.Send | CapabilityRights.Grant, ProcSlot.ClientBadge, original);
    }
}
