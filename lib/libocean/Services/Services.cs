namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>The client side of <see cref="InitProtocol"/>: finding services, their status, power-off.</summary>
public static unsafe class Services
{
    private static readonly ServiceConnection _init = new(ServiceSlot.Init);

    /// <summary>
    /// Asks init for a send capability on the service called <paramref name="name"/>; it lands in
    /// <paramref name="slot"/> (whatever was there is deleted first). Returns the slot or a negative errno.
    /// </summary>
    public static long Lookup(string name, int slot)
    {
        byte* text = stackalloc byte[InitProtocol.NameBytes];
        if (name.Length > InitProtocol.NameBytes)
            return -Errno.ENAMETOOLONG;
        for (int i = 0; i < name.Length; i++)
            text[i] = (byte)name[i];
        Ipc.Delete(slot);
        IpcMessage message = default;
        message.Tag = MessageTag.AcceptCapabilitiesAt(MessageTag.Make((uint)InitRequest.Lookup, InitProtocol.NameBytes), slot);
        MessageText.Pack(text, name.Length, message.Words + InitProtocol.LookupNameWord, InitProtocol.NameWords);
        long result = _init.Call(&message);
        if (result < 0)
            return result;
        if (MessageTag.Capabilities(message.Tag) != 1 || MessageTag.Error(message.Tag) != 0)
            return -Errno.EIO;
        return slot;
    }

    /// <summary>Service <paramref name="index"/>'s status reply (<see cref="InitProtocol"/> word layout); -ENOENT past the last.</summary>
    public static long Status(int index, IpcMessage* reply)
    {
        *reply = default;
        reply->Tag = MessageTag.Make((uint)InitRequest.ServiceStatus, sizeof(ulong));
        reply->Words[0] = (ulong)index;
        return _init.Call(reply);
    }

    /// <summary>A service reports that it is ready to serve (init starts the shell once all are).</summary>
    public static long ReportReady()
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)InitRequest.Ready, 0);
        return _init.Call(&message);
    }

    /// <summary>Asks init to power the machine off; returns only if that failed.</summary>
    public static long RequestPowerOff()
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)InitRequest.PowerOff, 0);
        return _init.Call(&message);
    }
}
