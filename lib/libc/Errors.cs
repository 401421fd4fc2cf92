namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>What an errno means, in the words a user reads after "cat: x: ".</summary>
public static unsafe class Errors
{
    /// <summary>"program: subject: what went wrong" on standard error (after what standard output holds).</summary>
    public static void Report(string program, byte* subject, long errno)
    {
        Stdio.Flush();
        Stdio.WriteError(program);
        Stdio.WriteError(": ");
        if (subject != null)
        {
            Syscall.Write(Stdio.StandardError, subject, (ulong)CString.Length(subject));
            Stdio.WriteError(": ");
        }
        Stdio.WriteError(Describe(errno));
        Stdio.WriteError("\n");
    }

    /// <summary>"program: subject: what went wrong" on standard error; no subject part when <paramref name="subject"/> is null.</summary>
    public static void Report(string program, string subject, Error error)
    {
        Stdio.Flush();
        Stdio.WriteError(program);
        Stdio.WriteError(": ");
        if (subject != null)
        {
            Stdio.WriteError(subject);
            Stdio.WriteError(": ");
        }
        Stdio.WriteError(error.Message);
        Stdio.WriteError("\n");
    }

    public static string Describe(long errno)
    {
        if (errno < 0)
            errno = -errno;
        return errno switch
        {
            Errno.ENOENT => "no such file or directory",
            Errno.EEXIST => "already exists",
            Errno.ENOTDIR => "not a directory",
            Errno.EISDIR => "is a directory",
            Errno.ENOTEMPTY => "directory not empty",
            Errno.EROFS => "read-only file system",
            Errno.ENOSPC => "no space left",
            Errno.EXDEV => "not on the same file system",
            Errno.EBUSY => "busy (a mount point or in use)",
            Errno.EACCES or Errno.EPERM => "not permitted",
            Errno.ENAMETOOLONG => "name too long",
            Errno.EIO => "input/output error",
            Errno.EBADF => "bad file handle",
            Errno.EINVAL => "invalid argument",
            Errno.EMFILE => "too many open files",
            Errno.ENOMEM => "out of memory",
            Errno.EFBIG => "file too large",
            Errno.ENOTCONN => "the service is not running",
            Errno.ENOEXEC => "not an executable program",
            Errno.E2BIG => "argument list too long",
            _ => "error",
        };
    }
}
