namespace Ocean.Kernel.Proc;

/// <summary>
/// The constant of kernel/proc/ProcessLimits.cs that EndedProcesses (shared into these tests) sizes
/// itself by; the real file also needs the process table.
/// </summary>
public static class ProcessLimits
{
    public const int MaxProcesses = 256;
}
