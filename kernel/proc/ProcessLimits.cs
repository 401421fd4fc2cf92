namespace Ocean.Kernel.Proc;

/// <summary>
/// How many processes may exist: every one costs a kernel stack, page tables and heap objects, so a
/// fork storm must end in EAGAIN long before it exhausts the kernel. An ended process counts until
/// the process server has read its end (the zombie then lives in the server, which has its own limit).
/// </summary>
public static class ProcessLimits
{
    /// <summary>Processes in the table, system-wide (alive or zombie).</summary>
    public const int MaxProcesses = 256;

    /// <summary>Table entries only init may take, so it can still restart a service during a storm.</summary>
    public const int InitReserve = 8;

    /// <summary>Whether <paramref name="parent"/> may fork now.</summary>
    public static bool MayFork(Process parent) =>
        Processes.Count < (parent.Pid == Processes.InitPid ? MaxProcesses : MaxProcesses - InitReserve);
}
