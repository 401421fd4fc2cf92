namespace Ocean.Tests.BadClient;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>Malformed <see cref="VfsRequest"/>s.</summary>
public static unsafe partial class Program
{
    private const uint UnknownLabel = 99;
    private const ulong BadHandle = 12345;
    private const int LongNameBytes = 300, LongPathBytes = 2000;

    private static void BadVfsRequests()
    {
        const string Vfs = "vfs";
        const long Slot = VfsSlot;
        byte* path = _scratch;                       // big paths would need stack probes on the stack
        byte* buffer = _scratch + LongPathBytes;

        Expect(Vfs, "unknown-label", Slot, Request(UnknownLabel));
        Expect(Vfs, "Stat-without-grant", Slot, Request((uint)VfsRequest.Stat));
        int length = Fill(path, "/tmp");
        Expect(Vfs, "Stat-with-write-grant", Slot, WithGrant(Request((uint)VfsRequest.Stat), MessageTag.GrantWrite, path, (ulong)length));
        path[0] = 0;   // the kernel refuses empty grants itself, so "empty" is one NUL byte
        Expect(Vfs, "Stat-empty-path", Slot, WithGrant(Request((uint)VfsRequest.Stat), MessageTag.GrantRead, path, 1));
        length = Fill(path, "tmp");
        Expect(Vfs, "Stat-relative-path", Slot, WithGrant(Request((uint)VfsRequest.Stat), MessageTag.GrantRead, path, (ulong)length));
        path[0] = (byte)'/';
        for (int i = 1; i <= LongNameBytes; i++)
            path[i] = (byte)'n';
        Expect(Vfs, "Stat-name-over-255", Slot, WithGrant(Request((uint)VfsRequest.Stat), MessageTag.GrantRead, path, LongNameBytes + 1));
        Expect(Vfs, "Open-create-name-over-255", Slot,
            WithGrant(Request((uint)VfsRequest.Open, VfsOpenFlags.Write | VfsOpenFlags.Create), MessageTag.GrantRead, path, LongNameBytes + 1));
        for (int i = 0; i < LongPathBytes; i++)
            path[i] = (byte)(i % 8 == 0 ? '/' : 'p');
        Expect(Vfs, "Stat-path-over-1024", Slot, WithGrant(Request((uint)VfsRequest.Stat), MessageTag.GrantRead, path, LongPathBytes));

        BadVfsHandles();
        BadVfsOpenFiles();
        BadVfsNamespaceRequests();
    }

    private static void BadVfsHandles()
    {
        const string Vfs = "vfs";
        const long Slot = VfsSlot;
        byte* buffer = _scratch + LongPathBytes;
        Expect(Vfs, "Read-bad-handle", Slot, WithGrant(Request((uint)VfsRequest.Read, BadHandle), MessageTag.GrantWrite, buffer, 64));
        Expect(Vfs, "Read-handle-0", Slot, WithGrant(Request((uint)VfsRequest.Read, 0), MessageTag.GrantWrite, buffer, 64));
        Expect(Vfs, "Write-bad-handle", Slot, WithGrant(Request((uint)VfsRequest.Write, BadHandle), MessageTag.GrantRead, buffer, 64));
        Expect(Vfs, "Close-bad-handle", Slot, Request((uint)VfsRequest.Close, BadHandle));
        Expect(Vfs, "Seek-bad-handle", Slot, Request((uint)VfsRequest.Seek, BadHandle));
        Expect(Vfs, "Truncate-bad-handle", Slot, Request((uint)VfsRequest.Truncate, ulong.MaxValue));
        Expect(Vfs, "ReadDirectory-bad-handle", Slot, WithGrant(Request((uint)VfsRequest.ReadDirectory, BadHandle), MessageTag.GrantWrite, buffer, 64));

    }

    private static void BadVfsOpenFiles()
    {
        const string Vfs = "vfs";
        const long Slot = VfsSlot;
        byte* path = _scratch;
        byte* buffer = _scratch + LongPathBytes;
        int length;
        // A file opened for reading: the wrong grant, the wrong direction, a bad whence, a negative offset.
        length = Fill(path, "/boot/ocean/services.conf");
        IpcMessage open = WithGrant(Request((uint)VfsRequest.Open, VfsOpenFlags.Read), MessageTag.GrantRead, path, (ulong)length);
        if (Ask(Vfs, "Open-services.conf", Slot, &open) == 0)
        {
            Stdio.WriteLine(" -> ok");
            ulong handle = open.Words[VfsProtocol.HandleWord];
            Expect(Vfs, "Read-with-read-grant", Slot, WithGrant(Request((uint)VfsRequest.Read, handle), MessageTag.GrantRead, buffer, 64));
            Expect(Vfs, "Read-without-grant", Slot, Request((uint)VfsRequest.Read, handle));
            Expect(Vfs, "Write-to-read-only-handle", Slot, WithGrant(Request((uint)VfsRequest.Write, handle), MessageTag.GrantRead, buffer, 8));
            IpcMessage seek = Request((uint)VfsRequest.Seek, handle, 0);
            seek.Words[2] = 7;
            Expect(Vfs, "Seek-bad-whence", Slot, seek);
            seek = Request((uint)VfsRequest.Seek, handle, unchecked((ulong)long.MinValue));
            Expect(Vfs, "Seek-negative-offset", Slot, seek);
            Expect(Vfs, "ReadDirectory-on-a-file", Slot, WithGrant(Request((uint)VfsRequest.ReadDirectory, handle), MessageTag.GrantWrite, buffer, 64));
            StillServing(Vfs, "Close", Slot, Request((uint)VfsRequest.Close, handle));
        }
        length = Fill(path, "/");
        IpcMessage root = WithGrant(Request((uint)VfsRequest.Open, VfsOpenFlags.Read), MessageTag.GrantRead, path, (ulong)length);
        if (Ask(Vfs, "Open-/", Slot, &root) == 0)
        {
            Stdio.WriteLine(" -> ok");
            ulong handle = root.Words[VfsProtocol.HandleWord];
            Expect(Vfs, "ReadDirectory-grant-too-short", Slot, WithGrant(Request((uint)VfsRequest.ReadDirectory, handle), MessageTag.GrantWrite, buffer, 1));
            Expect(Vfs, "ReadDirectory-with-read-grant", Slot, WithGrant(Request((uint)VfsRequest.ReadDirectory, handle), MessageTag.GrantRead, buffer, 64));
            StillServing(Vfs, "Close", Slot, Request((uint)VfsRequest.Close, handle));
        }
    }

    private static void BadVfsNamespaceRequests()
    {
        const string Vfs = "vfs";
        const long Slot = VfsSlot;
        byte* path = _scratch;
        byte* buffer = _scratch + LongPathBytes;
        int length = Fill(path, "/tmp/unterminated");
        Expect(Vfs, "Rename-unterminated", Slot, WithGrant(Request((uint)VfsRequest.Rename), MessageTag.GrantRead, path, (ulong)length));
        Expect(Vfs, "Rename-grant-too-short", Slot, WithGrant(Request((uint)VfsRequest.Rename), MessageTag.GrantRead, path, 1));
        length = Fill(path, "/tmp");
        Expect(Vfs, "Mount-without-capability", Slot, WithGrant(Request((uint)VfsRequest.Mount), MessageTag.GrantRead, path, (ulong)length));
        Expect(Vfs, "MountInfo-bad-index", Slot, WithGrant(Request((uint)VfsRequest.MountInfo, 1000), MessageTag.GrantWrite, buffer, 64));
        Expect(Vfs, "MountInfo-grant-too-short", Slot, WithGrant(Request((uint)VfsRequest.MountInfo, 1), MessageTag.GrantWrite, buffer, 2));
        length = Fill(path, "/boot/ocean/services.conf");
        Expect(Vfs, "Unlink-read-only", Slot, WithGrant(Request((uint)VfsRequest.Unlink), MessageTag.GrantRead, path, (ulong)length));
        length = Fill(path, "/");
        Expect(Vfs, "RemoveDirectory-root", Slot, WithGrant(Request((uint)VfsRequest.RemoveDirectory), MessageTag.GrantRead, path, (ulong)length));
        Expect(Vfs, "Unmount-not-a-mount", Slot, WithGrant(Request((uint)VfsRequest.Unmount), MessageTag.GrantRead, path, (ulong)length));

        StillServing(Vfs, "Stat-/", Slot, WithGrant(Request((uint)VfsRequest.Stat), MessageTag.GrantRead, path, (ulong)length));
    }
}
