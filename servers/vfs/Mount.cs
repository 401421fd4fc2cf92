namespace Ocean.Servers.Vfs;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// A file system server mounted on a RAM directory, asked through <see cref="FsProtocol"/>. Data for
/// a client passes through <see cref="Bounce"/>: pages lent to the VFS are not lent on.
/// </summary>
public sealed unsafe class Mount : FileSystem
{
    private readonly ulong _root;
    private readonly bool _readOnly;

    /// <summary>Where client data to and from mounted file systems is copied (their grants come from here).</summary>
    public static byte* Bounce;

    public Mount(FsClient server, ulong root, bool readOnly, Node point, byte[] name)
    {
        Server = server;
        _root = root;
        _readOnly = readOnly;
        Point = point;
        Name = name;
    }

    /// <summary>The server, through a send capability on its endpoint in a slot of the VFS's own.</summary>
    public FsClient Server { get; }

    /// <summary>The RAM directory it covers.</summary>
    public Node Point { get; }

    /// <summary>The name it gave for listings ("ext2 disk0p1"), NUL-padded.</summary>
    public byte[] Name { get; }

    public bool ReadOnly => _readOnly;

    public override ulong Root => _root;

    public override bool IsReadOnly(ulong node) => _readOnly;

    public override long Lookup(ulong directory, byte* name, int length, out ulong node, out VfsNodeKind kind, out ulong size) =>
        Server.Lookup(directory, name, length, out node, out kind, out size);

    public override long GetAttributes(ulong node, out VfsNodeKind kind, out ulong size) => Server.GetAttributes(node, out kind, out size);

    public override long Read(ulong node, ulong offset, byte* buffer, ulong length)
    {
        long count = Server.Read(node, offset, Bounce, length);
        if (count > 0)
            System.Buffer.Memmove(buffer, Bounce, (nuint)count);
        return count;
    }

    public override long Write(ulong node, ulong offset, byte* data, ulong length)
    {
        System.Buffer.Memmove(Bounce, data, (nuint)length);
        return Server.Write(node, offset, Bounce, length);
    }

    public override long Truncate(ulong node, ulong size) => Server.Truncate(node, size);

    public override long ReadDirectory(ulong directory, ref ulong cursor, byte* name, int capacity, out VfsNodeKind kind, out ulong size)
    {
        ulong next = cursor;
        long length = Server.ReadDirectory(directory, ref next, Bounce, FsProtocol.MaxNameBytes, out kind, out size);
        if (length < 0)
            return length;
        if (length > capacity)
            return -Errno.ENAMETOOLONG;
        System.Buffer.Memmove(name, Bounce, (nuint)length);
        cursor = next;
        return length;
    }

    public override long Create(ulong directory, byte* name, int length, VfsNodeKind kind, out ulong node) =>
        Server.Create(directory, name, length, kind, out node);

    public override long Remove(ulong directory, byte* name, int length, bool isDirectory) =>
        isDirectory ? Server.RemoveDirectory(directory, name, length) : Server.Unlink(directory, name, length);

    public override long Rename(ulong oldDirectory, byte* oldName, int oldLength, ulong newDirectory, byte* newName, int newLength)
    {
        // The protocol's one grant holds "old\0new\0".
        byte* names = stackalloc byte[2 * FsProtocol.MaxNameBytes + 2];
        if (oldLength > FsProtocol.MaxNameBytes || newLength > FsProtocol.MaxNameBytes)
            return -Errno.ENAMETOOLONG;
        System.Buffer.Memmove(names, oldName, (nuint)oldLength);
        names[oldLength] = 0;
        System.Buffer.Memmove(names + oldLength + 1, newName, (nuint)newLength);
        names[oldLength + 1 + newLength] = 0;
        return Server.Rename(oldDirectory, newDirectory, names, oldLength + newLength + 2);
    }

    public override long StatFs(ulong* words) => Server.StatFs(words);

    public override long Sync() => Server.Sync();
}
