namespace Ocean.Servers.Mem;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>Answers <see cref="MemRequest"/>s, one at a time.</summary>
public sealed unsafe class MemServer : Server
{
    private readonly SharedObjects _shared = new();
    private readonly LayoutCache _layouts = new();
    private readonly ulong _limit = ProcessLimit();

    protected override long Handle(IpcMessage* message)
    {
        switch ((MemRequest)MessageTag.Label(message->Tag))
        {
            case MemRequest.Brk: return Brk(message);
            case MemRequest.Map: return Map(message);
            case MemRequest.Unmap: return Unmap(message);
            case MemRequest.Protect: return Protect(message);
            case MemRequest.Info: return Info(message);
            case MemRequest.Usage: return Usage(message);
            case MemRequest.SharedCreate: return SharedCreate(message);
            case MemRequest.SharedOpen: return SharedOpen(message);
            case MemRequest.SharedMap: return SharedMap(message);
            case MemRequest.SharedUnlink: return SharedUnlink(message);
            default: return -Errno.ENOSYS;
        }
    }

    /// <summary>
    /// The most a process may have mapped through brk and mmap: three quarters of the machine's
    /// memory, so one hog gets ENOMEM with room left for everyone else (the kernel's reserve stops
    /// several together).
    /// </summary>
    private static ulong ProcessLimit()
    {
        MemoryInfo info;
        return Syscall.MemoryRead(SystemServerSlot.Authority, &info) < 0 ? ulong.MaxValue : info.TotalBytes - info.TotalBytes / 4;
    }

    private long Brk(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < sizeof(ulong))
            return -Errno.EINVAL;
        long pid = CallerPid;
        return Result(message, MemoryPolicy.Brk(SystemServerSlot.Authority, pid, ref _layouts.For(pid), message->Words[MemProtocol.BreakWord], _limit));
    }

    private long Map(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < 2 * sizeof(ulong))
            return -Errno.EINVAL;
        long pid = CallerPid;
        return Result(message, MemoryPolicy.Map(SystemServerSlot.Authority, pid, ref _layouts.For(pid),
            message->Words[MemProtocol.LengthWord], message->Words[MemProtocol.ProtectionWord], _limit));
    }

    private long Unmap(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < 2 * sizeof(ulong))
            return -Errno.EINVAL;
        long pid = CallerPid;
        return Result(message, MemoryPolicy.Unmap(SystemServerSlot.Authority, pid, ref _layouts.For(pid),
            message->Words[MemProtocol.RangeAddressWord], message->Words[MemProtocol.RangeLengthWord]));
    }

    private long Protect(IpcMessage* message)
    {
        if (MessageTag.Length(message->Tag) < 3 * sizeof(ulong))
            return -Errno.EINVAL;
        long pid = CallerPid;
        return Result(message, MemoryPolicy.Protect(SystemServerSlot.Authority, pid, ref _layouts.For(pid),
            message->Words[MemProtocol.RangeAddressWord], message->Words[MemProtocol.RangeLengthWord], message->Words[MemProtocol.RangeProtectionWord]));
    }

    // A negative result is the errno; anything else is reply word 0.
    private static long Result(IpcMessage* message, long result)
    {
        if (result < 0)
            return result;
        message->Words[MemProtocol.ResultWord] = (ulong)result;
        message->Tag = MessageTag.Make(0, sizeof(ulong));
        return 0;
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

    private long Info(IpcMessage* message)
    {
        MemoryInfo info;
        long result = Syscall.MemoryRead(SystemServerSlot.Authority, &info);
        if (result < 0)
            return result;
        message->Words[MemProtocol.TotalWord] = info.TotalBytes;
        message->Words[MemProtocol.FreeWord] = info.FreeBytes;
        message->Words[MemProtocol.KernelWord] = info.KernelBytes;
        message->Words[MemProtocol.UserWord] = info.UserBytes;
        message->Words[MemProtocol.SharedWord] = _shared.TotalBytes;
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
