namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>The client side of <see cref="MemProtocol"/>, through the capability in <see cref="ServiceSlot.Mem"/>.</summary>
public static unsafe class MemClient
{
    private static readonly ServiceConnection _mem = new(ServiceSlot.Mem);

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
}
