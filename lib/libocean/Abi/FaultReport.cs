namespace Ocean.Abi;

/// <summary>
/// What process_faulted reports of a thread stopped by a fault the kernel could not resolve (not a
/// spurious, copy-on-write or first-touch stack fault): the process server decides what follows.
/// </summary>
public struct FaultReport
{
    public long Pid;
    public long Thread;
    /// <summary>The exception (<see cref="ExceptionNames"/>).</summary>
    public ulong Vector;
    /// <summary>The address it concerned (CR2 for a page fault, else the instruction's).</summary>
    public ulong Address;
    public ulong Rip;
    public ulong ErrorCode;
    /// <summary>A page fault's page-table entry as the kernel found it (flags and present bit).</summary>
    public ulong EntryFlags;
    public long Cpu;
    /// <summary>1 when a page fault hit the guard pages just below the stack (a stack overflow).</summary>
    public long StackOverflow;
}
