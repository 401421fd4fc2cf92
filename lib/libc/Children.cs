namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>How a child ended: its exit code, or the signal that killed it; or that a signal stopped it.</summary>
public readonly struct ExitStatus
{
    /// <summary>It has not ended: a signal stopped it (<see cref="Signal"/> says which); it is still a child to wait for.</summary>
    public bool Stopped { get; init; }
    /// <summary>A wait that would not block (<see cref="Children.Poll"/>) found it still running.</summary>
    public bool Running { get; init; }
    /// <summary>Why there is no status (ECHILD: not a child of this process).</summary>
    public Error Error { get; init; }
    /// <summary>It called exit (else a signal ended it).</summary>
    public bool Exited { get; init; }
    public int Code { get; init; }
    public int Signal { get; init; }
}

/// <summary>The children of this process: waiting for one to end.</summary>
public static unsafe class Children
{
    /// <summary>
    /// Waits until <paramref name="pid"/> ends and reaps it; with <paramref name="untraced"/>, a stop
    /// ends the wait too (WUNTRACED: the child stays).
    /// </summary>
    public static ExitStatus Wait(long pid, bool untraced = false) => Wait(pid, untraced ? WaitStatus.Untraced : 0);

    /// <summary>As <see cref="Wait(long, bool)"/> with a stop reported, but never blocks: <see cref="ExitStatus.Running"/> while it runs.</summary>
    public static ExitStatus Poll(long pid) => Wait(pid, WaitStatus.Untraced | WaitStatus.NoHang);

    private static ExitStatus Wait(long pid, ulong options)
    {
        int status;
        long result = ProcClient.WaitPid(pid, &status, options);
        if (result < 0)
            return new ExitStatus { Error = Error.Of(result) };
        if (result == 0)
            return new ExitStatus { Running = true };
        if (result != pid)
            return new ExitStatus { Error = Error.Of(-Errno.ECHILD) };
        if (WaitStatus.IfStopped(status))
            return new ExitStatus { Stopped = true, Signal = WaitStatus.StopSignal(status) };
        return WaitStatus.IfExited(status) ? new ExitStatus { Exited = true, Code = WaitStatus.ExitCode(status) }
                                           : new ExitStatus { Signal = WaitStatus.TermSignal(status) };
    }
}
