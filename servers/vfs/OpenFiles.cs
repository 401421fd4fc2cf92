namespace Ocean.Servers.Vfs;

using Ocean.Abi;

/// <summary>An open file: what it names, whose it is (the client's badge), its offset and flags.</summary>
public sealed class OpenFile
{
    public ulong Owner;
    public Location Where;
    public ulong Offset;
    public ulong Flags;
    /// <summary>For a directory being listed: where the listing goes on.</summary>
    public ulong Cursor;
}

/// <summary>
/// The open-file table. A handle is valid only with the badge that opened it, so one client cannot
/// use another's files (a forked child shares its parent's capability, and so its files, as on Unix).
/// </summary>
public static class OpenFiles
{
    public const int MaxOpenFiles = 256;

    private static readonly OpenFile[] _files = new OpenFile[MaxOpenFiles];

    /// <summary>A new handle (1-based), or -EMFILE.</summary>
    public static long Open(ulong owner, Location where, ulong flags)
    {
        for (int i = 0; i < MaxOpenFiles; i++)
            if (_files[i] == null)
            {
                _files[i] = new OpenFile { Owner = owner, Where = where, Flags = flags };
                where.FileSystem.Opened(where.Node);
                return i + 1;
            }
        return -Errno.EMFILE;
    }

    public static OpenFile Get(ulong owner, ulong handle)
    {
        if (handle == 0 || handle > MaxOpenFiles)
            return null;
        OpenFile file = _files[(int)handle - 1];
        return file != null && file.Owner == owner ? file : null;
    }

    public static long Close(ulong owner, ulong handle)
    {
        OpenFile file = Get(owner, handle);
        if (file == null)
            return -Errno.EBADF;
        _files[(int)handle - 1] = null;
        file.Where.FileSystem.Closed(file.Where.Node);
        Ocean.Libc.Heap.Free(file);
        return 0;
    }
}
