namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>The client side of <see cref="MemProtocol"/>, through the capability in <see cref="ServiceSlot.Mem"/>.</summary>
public static unsafe class MemClient
{
    private static readonly ServiceConnection _mem = new(ServiceSlot.Mem);

    // brk, mmap, munmap and mprotect: straight through the slot, not _mem, since the heap grows through
    // them while the runtime starts, before any static object exists (the server is never restarted).

    /// <summary>brk through the server: the break in effect (the old one when the move is refused; a negative errno when the server cannot be reached).</summary>
    public static long Brk(ulong address) => Request(MemRequest.Brk, address, 0, 0, 1);

    /// <summary>mmap through the server: the address or a negative errno.</summary>
    public static long Map(ulong length, ulong protection) => Request(MemRequest.Map, length, protection, 0, 2);

    /// <summary>munmap through the server: 0 or a negative errno.</summary>
    public static long Unmap(ulong address, ulong length) => Request(MemRequest.Unmap, address, length, 0, 2) is long result && result < 0 ? result : 0;

    /// <summary>mprotect through the server: 0 or a negative errno.</summary>
    public static long Protect(ulong address, ulong length, ulong protection) => Request(MemRequest.Protect, address, length, protection, 3) is long result && result < 0 ? result : 0;

    private static long Request(MemRequest request, ulong word0, ulong word1, ulong word2, int words)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)request, words * sizeof(ulong));
        message.Words[0] = word0;
        message.Words[1] = word1;
        message.Words[2] = word2;
        long result = Ipc.Call(ServiceSlot.Mem, &message);
        if (result < 0)
            return result;
        uint label = MessageTag.Label(message.Tag);
        return label != 0 ? -(long)label : (long)message.Words[MemProtocol.ResultWord];
    }

    /// <summary>The machine's total and free memory and the kernel's share; 0 or a negative errno.</summary>
    public static long Info(out MemoryInfo info)
    {
        info = default;
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)MemRequest.Info, 0);
        long result = _mem.Call(&message);
        if (result < 0)
            return result;
        info.TotalBytes = message.Words[MemProtocol.TotalWord];
        info.FreeBytes = message.Words[MemProtocol.FreeWord];
        info.KernelBytes = message.Words[MemProtocol.KernelWord];
        info.UserBytes = message.Words[MemProtocol.UserWord];
        info.SharedBytes = message.Words[MemProtocol.SharedWord];
        return 0;
    }

    /// <summary>The bytes process <paramref name="pid"/> has mapped, or a negative errno (ESRCH: no such process).</summary>
    public static long Usage(long pid)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)MemRequest.Usage, sizeof(ulong));
        message.Words[MemProtocol.PidWord] = (ulong)pid;
        long result = _mem.Call(&message);
        return result < 0 ? result : (long)message.Words[MemProtocol.MappedWord];
    }

    /// <summary>
    /// Creates a shared-memory object of <paramref name="size"/> bytes named by the first
    /// <paramref name="nameLength"/> bytes of <paramref name="name"/> (at most 16), which no mapping
    /// may exceed <paramref name="protection"/> on; returns its id or a negative errno (EEXIST, EINVAL, ENOMEM).
    /// </summary>
    public static long SharedCreate(byte* name, int nameLength, ulong size, ulong protection)
    {
        IpcMessage message = default;
        if (!NameInto(&message, name, nameLength))
            return -Errno.EINVAL;
        message.Tag = MessageTag.Make((uint)MemRequest.SharedCreate, MemProtocol.CreateWords * sizeof(ulong));
        message.Words[MemProtocol.SizeWord] = size;
        message.Words[MemProtocol.CreateProtectionWord] = protection;
        long result = _mem.Call(&message);
        return result < 0 ? result : (long)message.Words[MemProtocol.AnswerWord];
    }

    /// <summary>The id of the object named <paramref name="name"/> (its size in <paramref name="size"/>), or a negative errno (ENOENT).</summary>
    public static long SharedOpen(byte* name, int nameLength, out ulong size)
    {
        size = 0;
        IpcMessage message = default;
        if (!NameInto(&message, name, nameLength))
            return -Errno.EINVAL;
        message.Tag = MessageTag.Make((uint)MemRequest.SharedOpen, MemProtocol.NameBytes);
        long result = _mem.Call(&message);
        if (result < 0)
            return result;
        size = message.Words[MemProtocol.AnswerSizeWord];
        return (long)message.Words[MemProtocol.AnswerWord];
    }

    /// <summary>
    /// Maps object <paramref name="id"/> whole into the caller with <paramref name="protection"/>;
    /// returns the address (its size in <paramref name="size"/>) or a negative errno (ENOENT, EACCES,
    /// ENOMEM). munmap ends the mapping, as for any other memory.
    /// </summary>
    public static long SharedMap(long id, ulong protection, out ulong size)
    {
        size = 0;
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)MemRequest.SharedMap, MemProtocol.MapWords * sizeof(ulong));
        message.Words[MemProtocol.IdWord] = (ulong)id;
        message.Words[MemProtocol.MapProtectionWord] = protection;
        long result = _mem.Call(&message);
        if (result < 0)
            return result;
        size = message.Words[MemProtocol.AnswerSizeWord];
        return (long)message.Words[MemProtocol.AnswerWord];
    }

    /// <summary>Removes the name; the memory goes when the last mapping does. 0 or a negative errno (ENOENT).</summary>
    public static long SharedUnlink(byte* name, int nameLength)
    {
        IpcMessage message = default;
        if (!NameInto(&message, name, nameLength))
            return -Errno.EINVAL;
        message.Tag = MessageTag.Make((uint)MemRequest.SharedUnlink, MemProtocol.NameBytes);
        return _mem.Call(&message);
    }

    private static bool NameInto(IpcMessage* message, byte* name, int nameLength) =>
        nameLength > 0 && MessageText.Pack(name, nameLength, &message->Words[MemProtocol.NameWord], MemProtocol.NameWords);
}
