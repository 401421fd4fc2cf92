namespace Ocean.Abi;

/// <summary>What process_ended reports with an ended process's pid.</summary>
public struct ProcessEnd
{
    /// <summary>The process that forked it (0: the kernel started it); the process server knows whether it has been orphaned since.</summary>
    public long Parent;
    /// <summary>Encoded as waitpid reports it (<see cref="WaitStatus"/>).</summary>
    public int Status;
}
