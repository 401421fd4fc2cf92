namespace Ocean.Servers.Ext2;

using Ocean.Protocols;

/// <summary>What GetAttributes and directory listings report about a node.</summary>
public struct NodeAttributes
{
    public VfsNodeKind Kind;
    public ulong Size;
    public uint Links;
    /// <summary>Last modification, Unix seconds.</summary>
    public uint Modified;
}
