namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// The client side of <see cref="VfsProtocol"/>. The connection (a send capability in
/// <see cref="ServiceSlot.Vfs"/>) is looked up from init on first use, and again once if a request
/// fails because the VFS was restarted (init revokes the old endpoint's capabilities then).
/// </summary>
public static unsafe class VfsClient
{
    private static bool _connected;

    /// <summary>What is at the absolute <paramref name="path"/>: 0 and its kind and size, or a negative errno.</summary>
    public static long Stat(byte* path, int length, out VfsNodeKind kind, out ulong size)
    {
        kind = 0;
        size = 0;
        IpcMessage message = default;
        long result = 0;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (!_connected)
            {
                long slot = Services.Lookup(VfsProtocol.ServiceName, ServiceSlot.Vfs);
                if (slot < 0)
                    return slot;
                _connected = true;
            }
            message = default;
            message.Tag = MessageTag.Make((uint)VfsRequest.Stat, 0) | MessageTag.GrantRead;
            message.Words[MessageTag.GrantAddressWord] = (ulong)path;
            message.Words[MessageTag.GrantLengthWord] = (ulong)length;
            result = Ipc.Call(ServiceSlot.Vfs, &message);
            if (result != -Errno.EBADSLOT && result != -Errno.EPIPE)
                break;
            _connected = false;   // the VFS went away: ask init for its new endpoint once
        }
        if (result < 0)
            return result;
        uint label = MessageTag.Label(message.Tag);
        if (label != 0)
            return -(long)label;
        kind = (VfsNodeKind)message.Words[VfsProtocol.KindWord];
        size = message.Words[VfsProtocol.SizeWord];
        return 0;
    }
}
