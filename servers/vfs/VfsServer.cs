namespace Ocean.Servers.Vfs;

using Ocean.Abi;

/// <summary><see cref="VfsProtocol"/>'s requests, answered by <see cref="Requests"/>.</summary>
internal sealed unsafe class VfsServer : Server
{
    protected override int LandingSlot => MountTable.LandingSlot;

    protected override long Handle(IpcMessage* message)
    {
        IpcMessage request = *message;
        *message = default;
        long result = Requests.Handle(&request, message);
        message->Tag = MessageTag.Make(0, IpcLayout.MaxPayloadBytes);
        Ipc.Delete(MountTable.LandingSlot);   // a capability nobody took (a Mount moved its own)
        return result;
    }
}
