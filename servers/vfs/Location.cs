namespace Ocean.Servers.Vfs;

using Ocean.Protocols;

/// <summary>
/// Where a path led: a RAM node, or a node of a mounted file system (<see cref="Mount"/> non-null,
/// <see cref="FsNode"/> its node number), with what it is.
/// </summary>
public struct Location
{
    public Node Ram;
    public Mount Mount;
    public ulong FsNode;
    public VfsNodeKind Kind;
    public ulong Size;

    public readonly bool InMount => Mount != null;

    public static Location Of(Node node) => new Location
    {
        Ram = node.MountedHere == null ? node : null,
        Mount = node.MountedHere,
        FsNode = node.MountedHere == null ? 0 : node.MountedHere.Root,
        Kind = node.Kind,
        Size = node.Size,
    };
}
