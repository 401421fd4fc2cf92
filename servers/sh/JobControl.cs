namespace Ocean.Servers.Sh;

using Ocean.Abi;


/// <summary>
/// Who has the console: the shell leads a process group of its own and ignores Ctrl-C (SIGINT),
/// Ctrl-\ (SIGQUIT), Ctrl-Z (SIGTSTP) and SIGTTIN itself; each pipeline it runs is a group of its own too, in the shell's session,
/// and gets the console (the foreground group that servers/tty interrupts) until it ends. Failures
/// here cost only Ctrl-C, never the command, so they are not reported.
/// </summary>
public static class JobControl
{
    private static long _shellGroup;

    /// <summary>Only an interactive shell moves jobs and the console; a script's commands stay in its group, so Ctrl-C stops the script with them.</summary>
    private static bool _enabled;

    /// <summary>Whether this shell runs jobs (an interactive one): a stopped job then comes back to the prompt.</summary>
    public static bool Enabled => _enabled;

    /// <summary>A subshell's copy of the shell runs its commands in its own group, as a script does.</summary>
    public static void Disable() => _enabled = false;

    /// <summary>At an interactive shell's start.</summary>
    public static void Start()
    {
        _enabled = true;
        ProcClient.SetProcessGroup(0, 0);
        _shellGroup = ProcClient.ProcessGroup(0);
        ProcClient.SetSignalIgnored(Signal.Interrupt, true);
        ProcClient.SetSignalIgnored(Signal.Quit, true);
        ProcClient.SetSignalIgnored(Signal.TerminalStop, true);
        ProcClient.SetSignalIgnored(Signal.TerminalInput, true);
        TakeConsole();
    }

    /// <summary>
    /// In a pipeline's child before it runs its command: into the pipeline's group (0: a new one), with
    /// the console if it is to run in the <paramref name="foreground"/> (as the shell gives it too:
    /// whichever comes first, the command never starts without it) and the signals' default actions.
    /// </summary>
    public static void EnterJob(long group, bool foreground)
    {
        if (!_enabled)
            return;
        ProcClient.SetProcessGroup(0, group);
        if (foreground)
            ProcClient.SetForegroundGroup(group == 0 ? Syscall.GetPid() : group);
        ProcClient.SetSignalIgnored(Signal.Interrupt, false);
        ProcClient.SetSignalIgnored(Signal.Quit, false);
        ProcClient.SetSignalIgnored(Signal.TerminalStop, false);
        ProcClient.SetSignalIgnored(Signal.TerminalInput, false);
    }

    /// <summary>In the shell after forking a pipeline's child: the same move (whichever comes first wins), and the pipeline's group.</summary>
    public static long Joined(long child, long group)
    {
        long job = group == 0 ? child : group;
        if (_enabled)
            ProcClient.SetProcessGroup(child, job);
        return job;
    }

    public static void GiveConsole(long group)
    {
        if (_enabled)
            ProcClient.SetForegroundGroup(group);
    }

    public static void TakeConsole()
    {
        if (_enabled)
            ProcClient.SetForegroundGroup(_shellGroup);
    }
}
