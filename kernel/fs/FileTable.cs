namespace Ocean.Kernel.Fs;

using Ocean.Abi;
using Ocean.Kernel.Mm;

/// <summary>
/// A process's file descriptors: small numbers naming open files. fork copies the table (sharing the
/// files), exec keeps it, exit closes every descriptor, so a pipe's reader sees end of file once the
/// last writer is gone.
/// </summary>
public sealed class FileTable
{
    public const int StandardInput = 0, StandardOutput = 1, StandardError = 2;

    private readonly OpenFile[] _files = new OpenFile[SyscallLimits.MaxOpenFiles];

    /// <summary>The first process's table: standard input, output and error are the console.</summary>
    public static FileTable ForConsole()
    {
        var table = new FileTable();
        var console = new ConsoleFile();
        table._files[StandardInput] = console;
        console.AddReference();
        table._files[StandardOutput] = console;
        console.AddReference();
        table._files[StandardError] = console;
        return table;
    }

    public OpenFile Get(long fd) => fd >= 0 && fd < _files.Length ? _files[(int)fd] : null;

    /// <summary>Gives <paramref name="file"/> (whose reference the table takes over) the lowest free descriptor; -EMFILE when full.</summary>
    public long Install(OpenFile file)
    {
        for (int fd = 0; fd < _files.Length; fd++)
            if (_files[fd] == null)
            {
                _files[fd] = file;
                return fd;
            }
        return -Errno.EMFILE;
    }

    /// <summary>dup2: <paramref name="target"/> names what <paramref name="fd"/> names.</summary>
    public long Duplicate(long fd, long target)
    {
        OpenFile file = Get(fd);
        if (file == null || target < 0 || target >= _files.Length)
            return -Errno.EBADF;
        if (fd == target)
            return target;
        file.AddReference();
        _files[(int)target]?.Release();
        _files[(int)target] = file;
        return target;
    }

    public long Close(long fd)
    {
        OpenFile file = Get(fd);
        if (file == null)
            return -Errno.EBADF;
        _files[(int)fd] = null;
        file.Release();
        return 0;
    }

    /// <summary>For fork: the same open files under the same numbers.</summary>
    public FileTable Clone()
    {
        var copy = new FileTable();
        for (int fd = 0; fd < _files.Length; fd++)
            if (_files[fd] != null)
            {
                _files[fd].AddReference();
                copy._files[fd] = _files[fd];
            }
        return copy;
    }

    public void CloseAll()
    {
        for (int fd = 0; fd < _files.Length; fd++)
            if (_files[fd] != null)
                Close(fd);
    }

    /// <summary>Closes everything and frees the table.</summary>
    public void Free()
    {
        CloseAll();
        KernelHeap.Free(_files);
        KernelHeap.Free(this);
    }
}
