namespace Ocean.Kernel.Proc;

using Ocean.Abi;

/// <summary>
/// A server the kernel starts itself, right after init and from its boot module: which authority
/// (<see cref="ObjectKind.Processes"/> or <see cref="ObjectKind.AddressSpaces"/>) it gets, and the
/// slot of init's where its clients' send capability goes (<see cref="SystemServerSlot"/>).
/// </summary>
public readonly struct SystemServer
{
    public readonly byte[] Path;
    public readonly ObjectKind Authority;
    public readonly int ClientSlot;

    public SystemServer(byte[] path, ObjectKind authority, int clientSlot)
    {
        Path = path;
        Authority = authority;
        ClientSlot = clientSlot;
    }
}
