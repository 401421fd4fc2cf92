namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>Shared-memory grants: a caller lends pages to a server for the duration of a call.</summary>
public static unsafe partial class Program
{
    private const uint GrantChecksum = 1, GrantFill = 2, GrantDone = 3;
    private const ulong GrantBufferBytes = 1UL << 20;

    private static ulong Fnv(byte* data, ulong length)
    {
        ulong hash = 14695981039346656037UL;
        for (ulong i = 0; i < length; i++)
            hash = (hash ^ data[i]) * 1099511628211UL;
        return hash;
    }

    // Server: checksums read-only grants (and checks it cannot make them writable), fills writable ones.
    private static int GrantServer(long endpoint)
    {
        IpcMessage message = default;
        ulong lastWindow = 0;
        bool ok = true;
        for (long result = Ipc.Receive(endpoint, &message); result == 0; result = Ipc.ReplyReceive(endpoint, &message))
        {
            byte* window = (byte*)message.Words[MessageTag.GrantAddressWord];
            ulong length = message.Words[MessageTag.GrantLengthWord];
            uint label = MessageTag.Label(message.Tag);
            if (label == GrantDone)
            {
                // The previous call's pages went with its reply.
                ok &= global::Ocean.Memory.Protect(lastWindow, 4096, Protection.Read) == -Errno.ENOMEM;
                Ipc.Reply(&message);
                return ok ? 0 : 1;
            }
            ok &= window != null && MessageTag.Error(message.Tag) == 0;
            lastWindow = (ulong)window & ~4095UL;
            if (label == GrantChecksum)
            {
                message.Words[0] = Fnv(window, length);
                ok &= global::Ocean.Memory.Protect(lastWindow, 4096, Protection.Read | Protection.Write) == -Errno.EACCES;
            }
            else
                for (ulong i = 0; i < length; i++)
                    window[i] = (byte)(i * 7 + 3);
            message.Tag = MessageTag.Make(label, 8);
        }
        return 2;
    }

    private static ulong CallWithGrant(long endpoint, uint label, byte* address, ulong length, ulong flag, out long result)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make(label, 0) | flag;
        message.Words[MessageTag.GrantAddressWord] = (ulong)address;
        message.Words[MessageTag.GrantLengthWord] = length;
        result = Ipc.Call(endpoint, &message);
        return message.Words[0];
    }

    private static void Grants()
    {
        // The first rounds may grow what stays for good (a page of this process's heap or stack, a
        // kernel slab: in the twelfth session the second round took one page once, the third and
        // fourth none), so the third round is the one measured: a leak would take pages every round.
        (bool intact, bool served) = GrantRound();
        (bool intactAgain, bool servedAgain) = GrantRound();
        long freeBefore = Syscall.FreePages();
        (bool intactMeasured, bool servedMeasured) = GrantRound();
        long freeAfter = Syscall.FreePages();
        Check(intact && intactAgain && intactMeasured,
            "grant: 4 KiB (unaligned) and 1 MiB read-only grants arrive intact (checksums match) and cannot be made writable");
        Check(served && servedAgain && servedMeasured,
            "grant: a server writes through a read-write grant, the pages go at its reply, and unmapped ranges are refused");
        if (freeAfter != freeBefore)
            Stdio.WriteLine($"utest: grant: free pages {freeBefore} before, {freeAfter} after");
        Check(freeAfter == freeBefore, "grant: no pages leak once the call and the server are gone");
    }

    // A server, read-only grants checked by checksum, a read-write one filled by the server, an
    // unmapped range refused, then the server's end.
    private static (bool Intact, bool Served) GrantRound()
    {
        long endpoint = Ipc.CreateEndpoint();
        long server = Spawn(&GrantServer, endpoint);
        byte* buffer = (byte*)global::Ocean.Memory.Map(0, GrantBufferBytes, Protection.Read | Protection.Write);
        ulong seed = 12345;
        for (ulong i = 0; i < GrantBufferBytes; i++)
        {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            buffer[i] = (byte)(seed >> 56);
        }
        ulong small = CallWithGrant(endpoint, GrantChecksum, buffer + 100, 4096, MessageTag.GrantRead, out long r1);
        ulong large = CallWithGrant(endpoint, GrantChecksum, buffer, GrantBufferBytes, MessageTag.GrantRead, out long r2);
        bool intact = r1 == 0 && r2 == 0 && small == Fnv(buffer + 100, 4096) && large == Fnv(buffer, GrantBufferBytes);

        CallWithGrant(endpoint, GrantFill, buffer, 64 * 1024, MessageTag.GrantWrite, out long r3);
        bool filled = r3 == 0;
        for (ulong i = 0; i < 64 * 1024; i++)
            filled &= buffer[i] == (byte)(i * 7 + 3);
        CallWithGrant(endpoint, GrantChecksum, null, 4096, MessageTag.GrantRead, out long r4);
        bool refused = r4 == -Errno.EFAULT;
        IpcMessage message = default;
        message.Tag = MessageTag.Make(GrantDone, 0);
        Ipc.Call(endpoint, &message);
        bool served = filled && refused && ExitCodeOf(server) == 0;
        global::Ocean.Memory.Unmap((ulong)buffer, GrantBufferBytes);
        Ipc.Delete(endpoint);
        return (intact, served);
    }
}
