namespace Ocean.Servers.Vfs;

/// <summary>A file system server mounted on a RAM directory: the capability to reach it and its root node.</summary>
public sealed class Mount
{
    /// <summary>The VFS's slot holding a send capability on the server's endpoint.</summary>
    public long Slot;
    public ulong Root;
    public bool ReadOnly;
    /// <summary>The directory it covers.</summary>
    public Node Point;
    /// <summary>The name it gave for listings ("ext2 disk0p1"), NUL-padded.</summary>
    public byte[] Name;
}
