namespace Ocean.Servers.Proc;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>Answers <see cref="ProcRequest"/>s, one at a time.</summary>
public sealed unsafe class ProcServer : Server
{
    protected override long Handle(IpcMessage* message)
    {
        switch ((ProcRequest)MessageTag.Label(message->Tag))
        {
            case ProcRequest.Identity: return Identity(message);
            case ProcRequest.List: return List(message);
            default: return -Errno.ENOSYS;
        }
    }

    // Who calls, as the kernel says (proc's endpoint identifies callers), and its parent from the table.
    private long Identity(IpcMessage* message)
    {
        long pid = CallerPid;
        ProcessInfo info;
        if (pid <= 0 || Syscall.ProcessRead(SystemServerSlot.Authority, pid - 1, &info) != pid)
            return -Errno.ESRCH;
        message->Words[ProcProtocol.CallerWord] = (ulong)pid;
        message->Words[ProcProtocol.ParentWord] = (ulong)info.ParentPid;
        message->Tag = MessageTag.Make(0, ProcProtocol.IdentityWords * sizeof(ulong));
        return 0;
    }

    // The kernel writes into proc's own copy, which then goes into the client's write grant: a grant
    // window is the client's memory, checked here, not by the kernel on proc's behalf.
    private static long List(IpcMessage* message)
    {
        ulong* words = message->Words;
        if ((message->Tag & MessageTag.GrantWrite) == 0 || MessageTag.Length(message->Tag) < sizeof(ulong) ||
            words[MessageTag.GrantLengthWord] < (ulong)sizeof(ProcessInfo))
            return -Errno.EINVAL;
        ProcessInfo info;
        long pid = Syscall.ProcessRead(SystemServerSlot.Authority, (long)words[ProcProtocol.AfterPidWord], &info);
        if (pid < 0)
            return pid;
        *(ProcessInfo*)words[MessageTag.GrantAddressWord] = info;
        words[ProcProtocol.PidWord] = (ulong)pid;
        message->Tag = MessageTag.Make(0, sizeof(ulong));
        return 0;
    }
}
