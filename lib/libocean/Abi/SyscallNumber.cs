namespace Ocean.Abi;

/// <summary>
/// System call numbers: the one definition shared by the kernel's syscall table and lib/libocean.
/// The kernel implements them from issue 4 on; user programs are built against them now.
/// </summary>
public enum SyscallNumber : ulong
{
    Exit = 0,
    Write = 1,
    Read = 2,
    GetPid = 3,
    Yield = 4,
}
