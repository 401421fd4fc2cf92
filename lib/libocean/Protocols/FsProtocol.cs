namespace Ocean.Protocols;

/// <summary>
/// What a file system server (ext2, one per partition) answers to the VFS. Files are named by node
/// numbers (inode numbers for ext2); names and data move through grants. Reply labels are 0 or a
/// positive errno (ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, ENOSPC, EROFS, EIO, …).
/// </summary>
public enum FsRequest : uint
{
    /// <summary>Reply word 0: the root directory's node.</summary>
    Root = 1,
    /// <summary>Word 0 directory node; read grant: a name. Reply: <see cref="FsProtocol.NodeWord"/>, KindWord, SizeWord.</summary>
    Lookup = 2,
    /// <summary>Word 0 node. Reply: KindWord, SizeWord, LinksWord, ModifiedWord (Unix seconds).</summary>
    GetAttributes = 3,
    /// <summary>Word 0 node, 1 offset; write grant: the buffer. Reply word 0: bytes read (0 at or past the end).</summary>
    Read = 4,
    /// <summary>Word 0 node, 1 offset; read grant: the data. Reply word 0: bytes written (the file grows as needed).</summary>
    Write = 5,
    /// <summary>
    /// Word 0 directory node, 1 cursor (0 to start); write grant: room for a name (<see cref="FsProtocol.MaxNameBytes"/>).
    /// Reply: NodeWord (0 at the end), KindWord, SizeWord, NameLengthWord, CursorWord (pass it back for the next entry).
    /// "." and ".." are not listed.
    /// </summary>
    ReadDirectory = 6,
    /// <summary>Word 0 directory node, 1 kind (<see cref="VfsNodeKind"/>); read grant: the name. Reply: NodeWord. EEXIST if taken.</summary>
    Create = 7,
    /// <summary>Word 0 directory node; read grant: the name of a file (EISDIR for a directory).</summary>
    Unlink = 8,
    /// <summary>Word 0 directory node; read grant: the name of an empty directory (ENOTEMPTY otherwise).</summary>
    RemoveDirectory = 9,
    /// <summary>Word 0 old directory, 1 new directory; read grant: "old name\0new name\0". Replaces a file at the new name.</summary>
    Rename = 10,
    /// <summary>Word 0 node, 1 new size (shrinks or grows with zeros).</summary>
    Truncate = 11,
    /// <summary>Writes everything cached to the block device and flushes it.</summary>
    Sync = 12,
    /// <summary>Reply: BlockSizeWord, TotalBlocksWord, FreeBlocksWord, TotalNodesWord, FreeNodesWord.</summary>
    StatFs = 13,
    /// <summary>The VFS lets go: everything is written, the volume is marked clean, and later requests get EIO.</summary>
    Unmount = 14,
}

/// <summary>Message layouts of <see cref="FsRequest"/>.</summary>
public static class FsProtocol
{
    /// <summary>
    /// The badge of the capability a file system server gives the VFS when it mounts itself; it answers
    /// nobody else (EPERM), so a client that looked the server up from init cannot go around the VFS.
    /// init's lookup badges count up from 1 and never reach it.
    /// </summary>
    public const ulong VfsBadge = 1UL << 62;

    public const int MaxNameBytes = 255;

    // Reply words of Lookup, GetAttributes and ReadDirectory.
    public const int NodeWord = 0, KindWord = 1, SizeWord = 2, LinksWord = 3, ModifiedWord = 4, NameLengthWord = 3, CursorWord = 4;
    // GetAttributes has no node word: its layout starts at kind.
    public const int AttributesKindWord = 0, AttributesSizeWord = 1, AttributesLinksWord = 2, AttributesModifiedWord = 3;
    // StatFs reply words.
    public const int BlockSizeWord = 0, TotalBlocksWord = 1, FreeBlocksWord = 2, TotalNodesWord = 3, FreeNodesWord = 4;
}
