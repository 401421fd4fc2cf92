namespace Ocean.Packaging;

using System.Text.RegularExpressions;

/// <summary>
/// The shell session the Stress target types at every boot: processes (fork/exec/wait, a nested
/// shell's status, a faulting program's kill), IPC (pipes between processes, init's service status,
/// the VFS) and files (write, append, read back, copy, remove), ending with a power-off. Each line has
/// what its output must show.
/// </summary>
public static class StressSession
{
    public const string Prompt = "ocean$ ";

    private static readonly (string Line, string Expect)[] Script =
    {
        ("services", @"^vfs\s+\d+\s+running\s+0\s"),
        ("echo stress > /tmp/s.txt", ""),
        ("echo again >> /tmp/s.txt", ""),
        ("cat /tmp/s.txt | cat | cat", @"^stress\nagain$"),
        ("cp /tmp/s.txt /tmp/t.txt", ""),
        ("cksum < /tmp/t.txt", @"^[0-9a-f]{8} 13 $"),
        ("rm /tmp/s.txt /tmp/t.txt", ""),
        ("ls /tmp", @"^ocean\$ ls /tmp\nocean\$ "),
        ("sh", ""),
        ("exit 7", ""),
        ("echo nested $?", @"^nested 7$"),
        ("ps | cat", @"^\s*1\s+0\s+1\s+1\s+\d+\s+\d+\s+[1-9]\d*\s+\d+:\d\d\.\d\d\s+running\s+init$"),   // pid, parent, group, session, threads, CPU, memory (KiB), CPU time
        ("kill 999", @"^kill: 999: no such process$"),
        ("poweroff", @"^ocean: powering off$"),
    };

    public static IReadOnlyList<ConsoleStep> Steps { get; } = Script.Select(s => new ConsoleStep(Prompt, s.Line + "\n")).ToList();

    /// <summary>Null if the run did everything the script expects, else what went wrong.</summary>
    public static string? Check(QemuRun run)
    {
        if (run.TimedOut)
            return "timed out";
        if (run.Log.Contains("KERNEL PANIC", StringComparison.Ordinal))
            return "kernel panic";
        if (run.StepTimes.Count != Script.Length)
            return $"only {run.StepTimes.Count} of {Script.Length} lines were typed (a prompt did not come)";
        foreach ((string line, string expect) in Script)
            if (expect.Length > 0 && !Regex.IsMatch(run.Log, expect, RegexOptions.Multiline))
                return $"after \"{line}\": no line matching /{expect}/";
        return run.ExitCode == 0 ? null : $"QEMU exited with {run.ExitCode} instead of powering off";
    }
}
