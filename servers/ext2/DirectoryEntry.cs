namespace Ocean.Servers.Ext2;

/// <summary>Where a directory entry was found and what it says.</summary>
public struct DirectoryEntry
{
    /// <summary>Byte position of the entry in the directory (the cursor of listings).</summary>
    public ulong Position;
    /// <summary>The block holding it and its offset there; the previous entry's offset in the block or -1.</summary>
    public uint Physical;
    public int Offset, PreviousOffset;
    public uint Inode;
    public int RecordLength, NameLength;
    public byte FileType;
}

/// <summary>One listed entry of ReadDirectory.</summary>
public struct DirectoryListing
{
    public uint Node;
    public int NameLength;
    public ulong NextCursor;
    public NodeAttributes Attributes;
}
