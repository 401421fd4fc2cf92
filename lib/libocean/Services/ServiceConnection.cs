namespace Ocean;

using Ocean.Abi;

/// <summary>
/// A client's connection to one server: a send capability in a fixed slot. A connection made by
/// service name is looked up from init on first use, and again once when a call fails because the
/// server was restarted (its old endpoint has no receiver: EPIPE, or the capability was revoked).
/// Every call ends the same way: a transport error as it is, otherwise the reply's label (0, or the
/// server's errno) as 0 or a negative errno.
/// </summary>
public sealed unsafe class ServiceConnection
{
    private readonly string _serviceName;
    private long _slot;
    private bool _connected;

    /// <summary>A connection to the service init knows as <paramref name="serviceName"/>, kept in <paramref name="slot"/>.</summary>
    public ServiceConnection(string serviceName, long slot)
    {
        _serviceName = serviceName;
        _slot = slot;
    }

    /// <summary>A connection through the send capability already in <paramref name="slot"/>; never looked up again.</summary>
    public ServiceConnection(long slot)
    {
        _slot = slot;
        _connected = true;
    }

    /// <summary>The slot holding the send capability (-1 once closed).</summary>
    public long Slot => _slot;

    /// <summary>Uses the send capability in <paramref name="slot"/> from now on (init, which cannot ask itself).</summary>
    public void UseCapability(long slot)
    {
        _slot = slot;
        _connected = true;
    }

    /// <summary>Deletes the capability; later calls fail with EPIPE.</summary>
    public void Close()
    {
        if (_slot >= 0)
            Ipc.Delete(_slot);
        _slot = -1;
        _connected = true;
    }

    /// <summary>
    /// One call: <paramref name="message"/> is the request, and on return the reply. A failed lookup
    /// is EAGAIN while the service is starting and ENOTCONN otherwise (not "no such file": callers may
    /// fall back).
    /// </summary>
    public long Call(IpcMessage* message)
    {
        if (_slot < 0)
            return -Errno.EPIPE;
        IpcMessage request = *message;
        long result = 0;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (!_connected)
            {
                long found = Services.Lookup(_serviceName, (int)_slot);
                if (found < 0)
                    return found == -Errno.EAGAIN ? found : -Errno.ENOTCONN;
                _connected = true;
            }
            *message = request;
            result = Ipc.Call(_slot, message);
            if (_serviceName == null || (result != -Errno.EBADSLOT && result != -Errno.EPIPE))
                break;
            _connected = false;   // the server went away: ask init for its new endpoint, once
        }
        if (result < 0)
            return result;
        uint label = MessageTag.Label(message->Tag);
        return label == 0 ? 0 : -(long)label;
    }

    /// <summary>A call lending <paramref name="length"/> bytes at <paramref name="buffer"/> (<see cref="MessageTag.GrantRead"/> or <see cref="MessageTag.GrantWrite"/>).</summary>
    public long CallWithGrant(IpcMessage* message, void* buffer, ulong length, ulong direction)
    {
        message->Tag |= direction;
        message->Words[MessageTag.GrantAddressWord] = (ulong)buffer;
        message->Words[MessageTag.GrantLengthWord] = length;
        return Call(message);
    }

    /// <summary>A request message: <paramref name="label"/> with two words of payload.</summary>
    public static IpcMessage Request(uint label, ulong word0, ulong word1)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make(label, 2 * sizeof(ulong));
        message.Words[0] = word0;
        message.Words[1] = word1;
        return message;
    }
}
