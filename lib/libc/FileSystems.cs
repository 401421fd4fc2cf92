namespace Ocean.Libc;

using Ocean.Protocols;

/// <summary>One mounted file system, as mount and df list it (<see cref="Error"/> set past the last).</summary>
public readonly struct MountInfo
{
    public Error Error { get; init; }
    public bool Ok => Error.Ok;
    /// <summary>Where it is mounted ("/mnt").</summary>
    public string Path { get; init; }
    /// <summary>What it calls itself ("ext2 disk0p1").</summary>
    public string Name { get; init; }
    public bool ReadOnly { get; init; }
}

/// <summary>A file system's room, in blocks of <see cref="BlockSize"/> bytes.</summary>
public readonly struct FileSystemStatistics
{
    public Error Error { get; init; }
    public ulong BlockSize { get; init; }
    public ulong TotalBlocks { get; init; }
    public ulong FreeBlocks { get; init; }
}

/// <summary>The mounted file systems, for programs without pointers (mount, df).</summary>
public static unsafe class FileSystems
{
    private const int NameBytes = VfsProtocol.MountNameWords * sizeof(ulong) + 1;

    /// <summary>Mount number <paramref name="index"/>: 0 is the RAM file system at "/"; ENOENT past the last.</summary>
    public static MountInfo Mount(int index)
    {
        byte* path = stackalloc byte[VfsProtocol.MaxPathBytes + 1];
        byte* name = stackalloc byte[NameBytes];
        long length = VfsClient.MountInfo(index, path, VfsProtocol.MaxPathBytes, name, out bool readOnly);
        if (length < 0)
            return new MountInfo { Error = Error.Of(length) };
        path[length] = 0;
        name[NameBytes - 1] = 0;
        return new MountInfo { Path = Strings.FromAscii(path), Name = Strings.FromAscii(name), ReadOnly = readOnly };
    }

    /// <summary>The room on the file system holding <paramref name="path"/>.</summary>
    public static FileSystemStatistics Statistics(string path)
    {
        byte* text = stackalloc byte[Files.MaxPath + 1];
        byte* absolute = stackalloc byte[Files.MaxPath + 1];
        ulong* words = stackalloc ulong[FsProtocol.FreeNodesWord + 1];
        int length = path.ToAscii(text, Files.MaxPath + 1) < 0 ? -1 : Files.Absolute(text, absolute);
        if (length < 0)
            return new FileSystemStatistics { Error = Error.Of(-Ocean.Abi.Errno.ENAMETOOLONG) };
        long result = VfsClient.StatFs(absolute, length, words);
        if (result < 0)
            return new FileSystemStatistics { Error = Error.Of(result) };
        return new FileSystemStatistics
        {
            BlockSize = words[FsProtocol.BlockSizeWord],
            TotalBlocks = words[FsProtocol.TotalBlocksWord],
            FreeBlocks = words[FsProtocol.FreeBlocksWord],
        };
    }
}
