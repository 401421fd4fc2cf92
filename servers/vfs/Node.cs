namespace Ocean.Servers.Vfs;

using Ocean.Protocols;

/// <summary>
/// A file or directory of the RAM file system the VFS keeps itself (/, /tmp, /bin, /boot). A file's
/// bytes live in the VFS's heap, or, for the read-only /boot and /bin entries, in a boot module.
/// A directory may have a file system mounted on it.
/// </summary>
public sealed unsafe class Node
{
    /// <summary>Its number in the <see cref="RamFileSystem"/> (1 and up).</summary>
    public ulong Id;
    public byte[] Name;
    public VfsNodeKind Kind;
    public Node Parent;
    public Node FirstChild;
    public Node NextSibling;
    public bool ReadOnly;

    /// <summary>A RAM file's bytes: <see cref="Size"/> used of <see cref="Capacity"/> allocated.</summary>
    public byte* Data;
    public ulong Size;
    public ulong Capacity;

    /// <summary>For a file backed by a boot module: the module's path, NUL-terminated; else null.</summary>
    public byte[] BootModulePath;

    /// <summary>The file system mounted on this directory, or null.</summary>
    public Mount MountedHere;

    /// <summary>Open handles naming it; an unlinked node is freed when the last closes.</summary>
    public int OpenCount;
    public bool Unlinked;

    public bool IsDirectory => Kind == VfsNodeKind.Directory;
}
