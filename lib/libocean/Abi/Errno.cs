namespace Ocean.Abi;

/// <summary>Error numbers (negated in system call results), with the Unix values.</summary>
public static class Errno
{
    public const long EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, E2BIG = 7, ENOEXEC = 8, EBADF = 9;
    public const long ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EINVAL = 22, ENOSYS = 38, ENAMETOOLONG = 36;
    public const long EBADSLOT = EBADF, EPIPE = 32, ENOSPC = 28, EBUSY = 16, ERANGE = 34, EMFILE = 24;
    public const long EEXIST = 17, EXDEV = 18, ENOTDIR = 20, EISDIR = 21, EFBIG = 27, EROFS = 30, ENOTEMPTY = 39;
    /// <summary>A service could not be reached (init does not know it, or it is restarting).</summary>
    public const long ENOTCONN = 107;
    /// <summary>space_change: the process's layout words were not the ones expected (they come back instead).</summary>
    public const long ESTALE = 116;
}
