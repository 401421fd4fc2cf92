namespace Ocean.Servers.Vfs;

using Ocean.Protocols;

/// <summary>
/// What the VFS asks of a file system, whether it keeps it itself (<see cref="RamFileSystem"/>) or a
/// server keeps it (<see cref="Mount"/>). Nodes are numbers the file system gives out; names and
/// buffers are the VFS's own memory or a client's grant window. Results: 0 or a count, or a negative errno.
/// </summary>
public abstract unsafe class FileSystem
{
    /// <summary>The root directory's node.</summary>
    public abstract ulong Root { get; }

    /// <summary>Whether <paramref name="node"/> (or what is created in it) may not be changed.</summary>
    public abstract bool IsReadOnly(ulong node);

    public abstract long Lookup(ulong directory, byte* name, int length, out ulong node, out VfsNodeKind kind, out ulong size);

    public abstract long GetAttributes(ulong node, out VfsNodeKind kind, out ulong size);

    public abstract long Read(ulong node, ulong offset, byte* buffer, ulong length);

    public abstract long Write(ulong node, ulong offset, byte* data, ulong length);

    public abstract long Truncate(ulong node, ulong size);

    /// <summary>The entry at <paramref name="cursor"/> (advanced past it): the name's length, 0 at the end.</summary>
    public abstract long ReadDirectory(ulong directory, ref ulong cursor, byte* name, int capacity, out VfsNodeKind kind, out ulong size);

    public abstract long Create(ulong directory, byte* name, int length, VfsNodeKind kind, out ulong node);

    /// <summary>unlink (<paramref name="isDirectory"/> false) or rmdir: the kind must match.</summary>
    public abstract long Remove(ulong directory, byte* name, int length, bool isDirectory);

    public abstract long Rename(ulong oldDirectory, byte* oldName, int oldLength, ulong newDirectory, byte* newName, int newLength);

    /// <summary>FsProtocol's StatFs words (block size, blocks, free blocks, nodes, free nodes) into <paramref name="words"/>.</summary>
    public abstract long StatFs(ulong* words);

    /// <summary>Makes everything written so far durable.</summary>
    public virtual long Sync() => 0;

    /// <summary>A handle now names <paramref name="node"/> (a removed node lives on until the last closes).</summary>
    public virtual void Opened(ulong node)
    {
    }

    public virtual void Closed(ulong node)
    {
    }
}
