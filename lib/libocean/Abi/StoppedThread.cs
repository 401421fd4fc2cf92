namespace Ocean.Abi;

/// <summary>
/// What threads_stop writes for each other thread of the caller's process: its id and the user
/// registers it will resume with (for a thread blocked in a system call, those it made the call with).
/// A collector reads its stack from <see cref="Rsp"/> up and every register as a possible reference.
/// </summary>
public struct StoppedThread
{
    public ulong Id;
    public ulong Rip, Rsp;
    public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp;
    public ulong R8, R9, R10, R11, R12, R13, R14, R15;
}
