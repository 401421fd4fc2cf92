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
        message.Tag = MessageTag.Make((uint)VfsRequest.Stat, 0) | MessageTag.GrantRead;
        message.Words[MessageTag.GrantAddressWord] = (ulong)path;
        message.Words[MessageTag.GrantLengthWord] = (ulong)length;
        long result = Call(&message);
        if (result < 0)
            return result;
        kind = (VfsNodeKind)message.Words[VfsProtocol.KindWord];
        size = message.Words[VfsProtocol.SizeWord];
        return 0;
    }

    /// <summary>
    /// Attaches the file system server reached through the send capability in <paramref name="capabilitySlot"/>
    /// at the absolute <paramref name="path"/>. The capability moves to the VFS. Returns 0 or a negative errno.
    /// </summary>
    public static long Mount(byte* path, int length, int capabilitySlot, bool readOnly)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.WithCapabilities(MessageTag.Make((uint)VfsRequest.Mount, sizeof(ulong)) | MessageTag.GrantRead, 1);
        message.Words[VfsProtocol.MountReadOnlyWord] = readOnly ? 1UL : 0UL;
        message.Words[MessageTag.CapabilityWord(message.Tag, 0)] = (ulong)capabilitySlot;
        message.Words[MessageTag.GrantAddressWord] = (ulong)path;
        message.Words[MessageTag.GrantLengthWord] = (ulong)length;
        return Call(&message);
    }

    // One request, looking the VFS up first if needed and once more if it was restarted;
    // a non-zero reply label becomes a negative errno. The message is rebuilt from a copy per attempt.
    private static long Call(IpcMessage* message)
    {
        IpcMessage request = *message;
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
            *message = request;
            result = Ipc.Call(ServiceSlot.Vfs, message);
            if (result != -Errno.EBADSLOT && result != -Errno.EPIPE)
                break;
            _connected = false;   // the VFS went away: ask init for its new endpoint once
        }
        if (result < 0)
            return result;
        uint label = MessageTag.Label(message->Tag);
        return label == 0 ? 0 : -(long)label;
    }
}
