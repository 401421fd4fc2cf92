namespace Ocean.Kernel.Ipc;

using Ocean.Abi;

/// <summary>
/// Authority over one part of the kernel's state as a whole: the process table
/// (<see cref="ObjectKind.Processes"/>) or every address space (<see cref="ObjectKind.AddressSpaces"/>).
/// The kernel makes one of each at boot and gives it to the server that manages that part, and nobody
/// else. It names no process itself; the calls it allows name their target by pid.
/// </summary>
public sealed class ServerAuthority : KernelObject
{
    public ServerAuthority(ObjectKind kind) : base(kind)
    {
    }
}
