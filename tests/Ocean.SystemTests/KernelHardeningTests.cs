namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// Issue 29: what an unprivileged program can do to the kernel. With the services up on two CPUs,
/// <c>utest exhaust</c> creates pipes, endpoints, notifications and threads in 200 processes with all user
/// memory taken, until each is refused; the kernel must not panic, and the shell must go on working.
/// </summary>
public class KernelHardeningTests
{
    [Fact]
    public void KernelObjectsExhaustedThenTheShellGoesOn()
    {
        QemuRun run = Boot.ShellSession(Boot.TestImageWithServices(), 256, 2, TimeSpan.FromSeconds(300), "exhaust-session",
            "utest exhaust", "echo alive", "ls /bin", "cat /boot/ocean/services.conf", "poweroff");

        Boot.Require(run, !run.Log.Contains("KERNEL PANIC", StringComparison.Ordinal), "the kernel panicked");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off (a hang?)");
        Boot.Require(run, !Regex.IsMatch(run.Log, @"ocean: pid \d+ \([^)]*\) killed:"), "a process was killed");
        Match summary = Boot.RequireMatch(run, @"^utest: (\d+) passed, (\d+) failed$");
        Boot.Require(run, summary.Groups[2].Value == "0" && summary.Groups[1].Value == "6", "an exhaustion check failed");
        // The pipes (8 KiB each) reach the kernel's reserve before the holders' descriptor limits.
        Match pipes = Boot.RequireMatch(run, @"^utest: exhaustion: pipes: (\d+) of 200 holders refused with ENOMEM");
        Boot.Require(run, int.Parse(pipes.Groups[1].Value) > 0, "no holder reached the reserve: the test did not exhaust kernel memory");
        Boot.RequireMatch(run, @"^ocean\$ echo alive\nalive$");
        Boot.RequireMatch(run, @"^ocean\$ ls /bin\n(\S+\n)*utest\n");   // the VFS still lists the programs
        Boot.RequireMatch(run, @"^vfs Ocean\.Servers\.Vfs@");   // a file read through the VFS
    }
}
