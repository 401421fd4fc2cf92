namespace Ocean.Servers.Mem;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>Answers <see cref="MemRequest"/>s, one at a time.</summary>
public sealed unsafe class MemServer : Server
{
    protected override long Handle(IpcMessage* message)
    {
        switch ((MemRequest)MessageTag.Label(message->Tag))
        {
            case MemRequest.Info: return Info(message);
            case MemRequest.Usage: return Usage(message);
            default: return -Errno.ENOSYS;
        }
    }

    private static long Info(IpcMessage* message)
    {
        MemoryInfo info;
        long result = Syscall.MemoryRead(SystemServerSlot.Authority, &info);
        if (result < 0)
            return result;
        message->Words[MemProtocol.TotalWord] = info.TotalBytes;
        message->Words[MemProtocol.FreeWord] = info.FreeBytes;
        message->Words[MemProtocol.KernelWord] = info.KernelBytes;
        message->Tag = MessageTag.Make(0, MemProtocol.InfoWords * sizeof(ulong));
        return 0;
    }

    private static long Usage(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < sizeof(ulong))
            return -Errno.EINVAL;
        long bytes = Syscall.SpaceUsage(SystemServerSlot.Authority, (long)message->Words[MemProtocol.PidWord]);
        if (bytes < 0)
            return bytes;
        message->Words[MemProtocol.MappedWord] = (ulong)bytes;
        message->Tag = MessageTag.Make(0, sizeof(ulong));
        return 0;
    }
}
