namespace Ocean.Servers.Vfs;

using Ocean.Protocols;

/// <summary>Where a path led: a node of a file system, with what it is.</summary>
public struct Location
{
    public FileSystem FileSystem;
    public ulong Node;
    public VfsNodeKind Kind;
    public ulong Size;

    public readonly bool IsReadOnly => FileSystem.IsReadOnly(Node);
}
