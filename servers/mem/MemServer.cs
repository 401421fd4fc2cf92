namespace Ocean.Servers.Mem;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>Answers <see cref="MemRequest"/>s, one at a time.</summary>
public sealed unsafe class MemServer : Server
{
    private readonly SharedObjects _shared = new();

    protected override long Handle(IpcMessage* message)
    {
        switch ((MemRequest)MessageTag.Label(message->Tag))
        {
            case MemRequest.Info: return Info(message);
            case MemRequest.Usage: return Usage(message);
            case MemRequest.SharedCreate: return SharedCreate(message);
            case MemRequest.SharedOpen: return SharedOpen(message);
            case MemRequest.SharedMap: return SharedMap(message);
            case MemRequest.SharedUnlink: return SharedUnlink(message);
            default: return -Errno.ENOSYS;
        }
    }

    private long SharedCreate(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < MemProtocol.CreateWords * sizeof(ulong))
            return -Errno.EINVAL;
        long id = _shared.Create(&message->Words[MemProtocol.NameWord], message->Words[MemProtocol.SizeWord],
            message->Words[MemProtocol.CreateProtectionWord]);
        return id < 0 ? id : Answer(message, (ulong)id, 0, 1);
    }

    private long SharedOpen(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < MemProtocol.NameBytes)
            return -Errno.EINVAL;
        int index = _shared.Find(&message->Words[MemProtocol.NameWord]);
        return index < 0 ? -Errno.ENOENT : Answer(message, (ulong)_shared.Id(index), _shared.Size(index), MemProtocol.AnswerWords);
    }

    private long SharedMap(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < MemProtocol.MapWords * sizeof(ulong))
            return -Errno.EINVAL;
        long id = (long)message->Words[MemProtocol.IdWord];
        int index = id <= 0 ? -1 : _shared.FindId(id);
        if (index < 0)
            return -Errno.ENOENT;
        ulong protection = message->Words[MemProtocol.MapProtectionWord];
        if ((protection & Protection.Read) == 0)
            return -Errno.EINVAL;   // every mapping is readable
        if ((protection & ~_shared.MaxProtection(index)) != 0)
            return -Errno.EACCES;
        long address = Syscall.SpaceShare(SystemServerSlot.Authority, _shared.Address(index), _shared.Size(index), CallerPid, protection);
        return address < 0 ? address : Answer(message, (ulong)address, _shared.Size(index), MemProtocol.AnswerWords);
    }

    private long SharedUnlink(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < MemProtocol.NameBytes)
            return -Errno.EINVAL;
        int index = _shared.Find(&message->Words[MemProtocol.NameWord]);
        if (index < 0)
            return -Errno.ENOENT;
        _shared.Remove(index);
        message->Tag = MessageTag.Make(0, 0);
        return 0;
    }

    private static long Answer(IpcMessage* message, ulong first, ulong second, int words)
    {
        message->Words[MemProtocol.AnswerWord] = first;
        message->Words[MemProtocol.AnswerSizeWord] = second;
        message->Tag = MessageTag.Make(0, words * sizeof(ulong));
        return 0;
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
