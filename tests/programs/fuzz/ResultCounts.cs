namespace Ocean.Tests.Fuzz;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>How many calls ended in success and in each errno; formats the seed's summary line.</summary>
public static unsafe class ResultCounts
{
    // Errno values are small; anything else negative (which no call should return) is counted apart.
    private const int Buckets = 128;

    private static readonly long[] _counts = new long[Buckets];
    private static long _successes, _odd, _calls;

    public static long Calls => _calls;

    public static void Reset()
    {
        for (int i = 0; i < Buckets; i++)
            _counts[i] = 0;
        _successes = _odd = _calls = 0;
    }

    public static void Count(long result)
    {
        _calls++;
        if (result >= 0)
            _successes++;
        else if (result > -Buckets)
            _counts[(int)-result]++;
        else
            _odd++;
    }

    /// <summary>"fuzz: seed S: N calls; 0: a, EFAULT: b, ..." with a newline.</summary>
    public static void Format(ref TextBuilder text, ulong seed)
    {
        text.Append("fuzz: seed ").AppendUnsigned(seed).Append(": ").Append(_calls).Append(" calls; 0: ").Append(_successes);
        for (int errno = 1; errno < Buckets; errno++)
            if (_counts[errno] != 0)
            {
                text.Append(", ");
                string name = Name(errno);
                if (name == null)
                    text.Append("errno ").Append(errno);
                else
                    text.Append(name);
                text.Append(": ").Append(_counts[errno]);
            }
        if (_odd != 0)
            text.Append(", other: ").Append(_odd);
        text.AppendLine();
    }

    private static string Name(long errno) => errno switch
    {
        Errno.EPERM => "EPERM", Errno.ENOENT => "ENOENT", Errno.ESRCH => "ESRCH", Errno.EINTR => "EINTR",
        Errno.EIO => "EIO", Errno.E2BIG => "E2BIG", Errno.ENOEXEC => "ENOEXEC", Errno.EBADF => "EBADF",
        Errno.ECHILD => "ECHILD", Errno.EAGAIN => "EAGAIN", Errno.ENOMEM => "ENOMEM", Errno.EACCES => "EACCES",
        Errno.EFAULT => "EFAULT", Errno.EBUSY => "EBUSY", Errno.EEXIST => "EEXIST", Errno.EINVAL => "EINVAL",
        Errno.EMFILE => "EMFILE", Errno.ENOSPC => "ENOSPC", Errno.EPIPE => "EPIPE", Errno.ERANGE => "ERANGE",
        Errno.ENAMETOOLONG => "ENAMETOOLONG", Errno.ENOSYS => "ENOSYS", Errno.ENOTCONN => "ENOTCONN",
        _ => null,
    };
}
