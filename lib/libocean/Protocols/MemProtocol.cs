namespace Ocean.Protocols;

/// <summary>
/// What the memory server (servers/mem) answers. Clients reach it through the send capability in
/// <see cref="ServiceSlot.Mem"/>, which the kernel gives init at boot, as for the process server
/// (<see cref="ProcProtocol"/>). The request is the message label; reply labels are 0 or a positive
/// errno. docs/design/process-and-memory-servers.md has the requests still to come (brk, mmap,
/// shared memory).
/// </summary>
public enum MemRequest : uint
{
    /// <summary>No words. Reply words: total, free and kernel bytes (<see cref="MemProtocol"/>).</summary>
    Info = 9,
    /// <summary>Word 0: a pid. Reply word 0: the bytes it has mapped; ESRCH if no such process lives.</summary>
    Usage = 10,
}

/// <summary>Message layouts of <see cref="MemRequest"/>.</summary>
public static class MemProtocol
{
    // Info reply words.
    public const int TotalWord = 0, FreeWord = 1, KernelWord = 2, InfoWords = 3;

    // Usage: request word 0, reply word 0.
    public const int PidWord = 0, MappedWord = 0;
}
