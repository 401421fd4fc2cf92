namespace Ocean.Kernel.Ipc;

using Ocean.Abi;

/// <summary>
/// Authority over the process table (<see cref="ObjectKind.Processes"/>): one object for all
/// processes, which the kernel gives the process server at boot and nobody else. It names no
/// process itself; the calls it allows name their target by pid.
/// </summary>
public sealed class ProcessAuthority : KernelObject
{
    public ProcessAuthority() : base(ObjectKind.Processes)
    {
    }
}
