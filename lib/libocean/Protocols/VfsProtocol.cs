namespace Ocean.Protocols;

/// <summary>What the VFS server answers; the request is the message label. Paths travel in a read-only grant.</summary>
public enum VfsRequest : uint
{
    /// <summary>Grant: an absolute path. Reply words: 0 the node's <see cref="VfsNodeKind"/>, 1 its size in bytes; ENOENT if nothing is there.</summary>
    Stat = 1,
    /// <summary>
    /// Attaches a file system server at a directory. Read grant: the mount point's absolute path; one
    /// transferred capability: a send capability on the file system server's endpoint (it answers
    /// <see cref="FsRequest"/>); word <see cref="VfsProtocol.MountReadOnlyWord"/>: 1 if read-only. Reply: 0 or an errno.
    /// </summary>
    Mount = 20,
}

public enum VfsNodeKind : ulong
{
    File = 1,
    Directory = 2,
}

/// <summary>Message layouts of <see cref="VfsRequest"/>; reply labels are 0 or a positive errno, as in <see cref="InitProtocol"/>.</summary>
public static class VfsProtocol
{
    /// <summary>The name init knows the VFS service by.</summary>
    public const string ServiceName = "vfs";
    public const int KindWord = 0, SizeWord = 1;
    /// <summary>Mount request word: 1 for a read-only file system.</summary>
    public const int MountReadOnlyWord = 0;
}
