namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// Init's initial authority: there is no global name table, so everything a driver will ever use
/// starts as one of these capabilities in init (at the <see cref="BootstrapSlot"/> slots), which
/// narrows and hands them on to the servers it starts. The servers the kernel starts itself (proc,
/// mem) get their endpoints and authorities the same way, and init a send capability on each endpoint.
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
    /// A system server's endpoint and its authority of <paramref name="kind"/> (<see cref="SystemServerSlot"/>),
    /// and init's send capability on that endpoint at <paramref name="clientSlot"/>, derived from the
    /// server's so that it names the same endpoint with fewer rights and a badge.
    /// </summary>
    public static void GiveServer(CapabilitySpace server, ObjectKind kind, CapabilitySpace init, int clientSlot)
    {
        var endpoint = new Endpoint { IdentifiesCallers = true };   // the servers act for whoever calls
        server.InsertAt(SystemServerSlot.Endpoint, endpoint, CapabilityRights.All, 0, 0);
        server.InsertAt(SystemServerSlot.Authority, new ServerAuthority(kind), CapabilityRights.All, 0, 0);
        ulong original = server.Get(SystemServerSlot.Endpoint).Id;
        init.InsertAt(clientSlot, endpoint, CapabilityRights.Send | CapabilityRights.Grant, SystemServerSlot.ClientBadge, original);
    }

    /// <summary>
    /// Gives <paramref name="client"/> (a system server started before <paramref name="server"/>) the
    /// same send capability on server's endpoint as init has: the process server allocates memory
    /// through the memory server like everyone else.
    /// </summary>
    public static void GiveClient(CapabilitySpace server, CapabilitySpace client, int clientSlot)
    {
        ref readonly Capability endpoint = ref server.Get(SystemServerSlot.Endpoint);
        client.InsertAt(clientSlot, endpoint.Object, CapabilityRights.Send | CapabilityRights.Grant, SystemServerSlot.ClientBadge, endpoint.Id);
    }
}
