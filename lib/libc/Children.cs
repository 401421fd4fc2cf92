namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>How a child ended: its exit code, or the signal that killed it.</summary>
public readonly struct ExitStatus
{
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
    /// <summary>Waits until <paramref name="pid"/> ends and reaps it.</summary>
    public static ExitStatus Wait(long pid)
    {
        int status;
        long result = ProcClient.WaitPid(pid, &status, 0);
        if (result < 0)
            return new ExitStatus { Error = Error.Of(result) };
        if (result != pid)
            return new ExitStatus { Error = Error.Of(-Errno.ECHILD) };
        return WaitStatus.IfExited(status) ? new ExitStatus { Exited = true, Code = WaitStatus.ExitCode(status) }
                                           : new ExitStatus { Signal = WaitStatus.TermSignal(status) };
    }
}
