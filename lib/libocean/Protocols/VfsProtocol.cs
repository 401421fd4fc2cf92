namespace Ocean.Protocols;

/// <summary>
/// What the VFS server answers (service "vfs"); the request is the message label. Paths are absolute
/// and travel in a read-only grant; data moves through grants (at most <see cref="VfsProtocol.MaxTransferBytes"/>
/// per request). Open files are handles, private to the client capability (its badge) that opened
/// them, with their own offset. Reply labels are 0 or a positive errno, as in <see cref="InitProtocol"/>.
/// </summary>
public enum VfsRequest : uint
{
    /// <summary>Grant: a path. Reply: KindWord, SizeWord, LinksWord, ModifiedWord; ENOENT if nothing is there.</summary>
    Stat = 1,
    /// <summary>Word 0 <see cref="VfsOpenFlags"/>; grant: a path. Reply: HandleWord, OpenKindWord, OpenSizeWord.</summary>
    Open = 2,
    /// <summary>Word 0 handle; write grant: the buffer. Reply word 0: bytes read (0 at the end); the offset advances.</summary>
    Read = 3,
    /// <summary>Word 0 handle; read grant: the data. Reply word 0: bytes written (at the end for Append).</summary>
    Write = 4,
    /// <summary>Word 0 handle.</summary>
    Close = 5,
    /// <summary>Word 0 handle, 1 offset (signed), 2 whence (<see cref="VfsProtocol.SeekSet"/>…). Reply word 0: the new offset.</summary>
    Seek = 6,
    /// <summary>Word 0 handle of an open directory; write grant: room for a name. Reply: EntryKindWord (0 at the end), EntrySizeWord, EntryNameLengthWord.</summary>
    ReadDirectory = 7,
    /// <summary>Grant: a path. Creates a directory (EEXIST if something is there).</summary>
    MakeDirectory = 8,
    /// <summary>Grant: a path. Removes an empty directory.</summary>
    RemoveDirectory = 9,
    /// <summary>Grant: a path. Removes a file.</summary>
    Unlink = 10,
    /// <summary>Grant: "old path\0new path\0". Both on one file system (EXDEV otherwise).</summary>
    Rename = 11,
    /// <summary>Writes everything every mounted file system caches to its device.</summary>
    Sync = 12,
    /// <summary>Grant: a path. Reply: the StatFs words of the file system holding it (see <see cref="FsProtocol"/>).</summary>
    StatFs = 13,
    /// <summary>Word 0 mount index; write grant: room for the mount point. Reply: MountPathLengthWord, MountReadOnlyWord, MountNameWord (2 words of text). ENOENT past the last.</summary>
    MountInfo = 14,
    /// <summary>Grant: a mount point. The file system is synced and detached.</summary>
    Unmount = 15,
    /// <summary>Word 0 handle, 1 new size.</summary>
    Truncate = 16,
    /// <summary>
    /// Read grant: the mount point (an existing, empty directory); one transferred capability: a send
    /// capability on the file system server's endpoint (<see cref="FsProtocol"/>); word 0: 1 for read-only;
    /// words 1–2: the file system's name for listings (text); word 3: its root node. Reply 0 or errno.
    /// The VFS never calls the server while answering this (the server waits for the reply).
    /// </summary>
    Mount = 20,
}

/// <summary>What a path names.</summary>
public enum VfsNodeKind : ulong
{
    File = 1,
    Directory = 2,
}

/// <summary>How a file is opened (word 0 of Open).</summary>
public static class VfsOpenFlags
{
    public const ulong Read = 1, Write = 2, Create = 4, Truncate = 8, Append = 16, Exclusive = 32;
}

/// <summary>Message layouts of <see cref="VfsRequest"/>.</summary>
public static class VfsProtocol
{
    /// <summary>The name init knows the VFS service by.</summary>
    public const string ServiceName = "vfs";
    /// <summary>Clients split bigger reads and writes into requests of at most this size.</summary>
    public const ulong MaxTransferBytes = 1UL << 20;
    public const int MaxPathBytes = 1024;
    public const int MaxNameBytes = 255;

    // Stat reply words.
    public const int KindWord = 0, SizeWord = 1, LinksWord = 2, ModifiedWord = 3;
    // Open reply words.
    public const int HandleWord = 0, OpenKindWord = 1, OpenSizeWord = 2;
    // ReadDirectory reply words.
    public const int EntryKindWord = 0, EntrySizeWord = 1, EntryNameLengthWord = 2;
    // MountInfo reply words; Mount request words.
    public const int MountPathLengthWord = 0, MountReadOnlyWord = 1, MountNameWord = 2, MountNameWords = 2;
    public const int MountRequestReadOnlyWord = 0, MountRequestNameWord = 1, MountRequestRootWord = 3;
    // Seek whence.
    public const ulong SeekSet = 0, SeekCurrent = 1, SeekEnd = 2;
}
