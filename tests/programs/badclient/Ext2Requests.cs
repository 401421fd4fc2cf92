namespace Ocean.Tests.BadClient;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// Malformed <see cref="FsRequest"/>s to the ext2 server, which answers only the VFS: each is refused
/// (EPERM) before it is even parsed; the server keeps serving the VFS (the shell reads /mnt afterwards).
/// </summary>
public static unsafe partial class Program
{
    private const ulong NoNode = 0, HugeNode = 0xFFFF_FFFF, HugeOffset = 1UL << 62;

    private static void BadExt2Requests()
    {
        const string Ext2 = "ext2";
        const long Slot = Ext2Slot;
        byte* buffer = _scratch;
        const ulong Root = 2;   // ext2's root directory inode

        Expect(Ext2, "unknown-label", Slot, Request(UnknownLabel));
        Expect(Ext2, "Lookup-without-grant", Slot, Request((uint)FsRequest.Lookup, Root));
        for (int i = 0; i < LongNameBytes; i++)
            buffer[i] = (byte)'n';
        Expect(Ext2, "Lookup-name-over-255", Slot, WithGrant(Request((uint)FsRequest.Lookup, Root), MessageTag.GrantRead, buffer, LongNameBytes));
        Expect(Ext2, "Lookup-in-node-0", Slot, WithGrant(Request((uint)FsRequest.Lookup, NoNode), MessageTag.GrantRead, buffer, 4));
        Expect(Ext2, "GetAttributes-node-0", Slot, Request((uint)FsRequest.GetAttributes, NoNode));
        Expect(Ext2, "GetAttributes-huge-node", Slot, Request((uint)FsRequest.GetAttributes, HugeNode));
        BadExt2Transfers();
    }

    private static void BadExt2Transfers()
    {
        const string Ext2 = "ext2";
        const long Slot = Ext2Slot;
        byte* buffer = _scratch;
        const ulong Root = 2;
        Expect(Ext2, "Read-with-read-grant", Slot, WithGrant(Request((uint)FsRequest.Read, Root, 0), MessageTag.GrantRead, buffer, 64));
        Expect(Ext2, "Read-huge-node", Slot, WithGrant(Request((uint)FsRequest.Read, HugeNode, 0), MessageTag.GrantWrite, buffer, 64));
        Expect(Ext2, "Read-directory-huge-offset", Slot, WithGrant(Request((uint)FsRequest.Read, Root, HugeOffset), MessageTag.GrantWrite, buffer, 64));
        Expect(Ext2, "Write-node-0", Slot, WithGrant(Request((uint)FsRequest.Write, NoNode, 0), MessageTag.GrantRead, buffer, 64));
        Expect(Ext2, "ReadDirectory-huge-node", Slot, WithGrant(Request((uint)FsRequest.ReadDirectory, HugeNode, 0), MessageTag.GrantWrite, buffer, 64));
        Expect(Ext2, "Create-without-grant", Slot, Request((uint)FsRequest.Create, Root, (ulong)VfsNodeKind.File));
        Expect(Ext2, "Create-bad-kind", Slot, WithGrant(Request((uint)FsRequest.Create, Root, 77), MessageTag.GrantRead, buffer, 4));
        Expect(Ext2, "Unlink-name-over-255", Slot, WithGrant(Request((uint)FsRequest.Unlink, Root), MessageTag.GrantRead, buffer, LongNameBytes));
        Expect(Ext2, "Rename-unterminated", Slot, WithGrant(Request((uint)FsRequest.Rename, Root, Root), MessageTag.GrantRead, buffer, 8));
        Expect(Ext2, "Truncate-huge-node", Slot, Request((uint)FsRequest.Truncate, HugeNode, 0));

        // A client that looked ext2 up from init is not the VFS: even a valid request is refused.
        Expect(Ext2, "Root-not-from-the-VFS", Slot, Request((uint)FsRequest.Root));
    }
}
