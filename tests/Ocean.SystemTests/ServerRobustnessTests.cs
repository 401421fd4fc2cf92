namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// The servers against bad clients and sudden deaths: badclient sends init, proc, mem, vfs, blk and ext2 malformed
/// requests (each must be answered with an errno, and the server must go on serving), then each
/// server is killed from the shell while a client uses it; init restarts it and files work again.
/// </summary>
public class ServerRobustnessTests
{
    private const string Prompt = "ocean$ ";
    private const string HelloText = "hello from the robustness disk\n";

    [Fact]
    public void ServersAnswerMalformedRequestsAndSurviveKills()
    {
        string work = Path.Combine(OceanEnvironment.Artifacts, "robustness");
        Directory.CreateDirectory(work);
        string disk = MakeDisk(work);
        ComposedImage image = OceanEnvironment.TestImage();
        image = image with { Kernel = image.Kernel with { Cmdline = "" } };   // init is PID 1, not utest

        // Services start in manifest order after init and proc (ShellTests checks the pids).
        var session = new List<ConsoleStep>
        {
            new(Prompt, "badclient\n"),
            new(Prompt, $"cat /bin/sh | kill {OceanEnvironment.ServicePid("vfs")}\n"),
            // A command typed while init restarts a server may run only at the prompt after it: the next
            // line waits for the end of that command's own output, not for the prompt before it runs.
            new("init: starting vfs again (restart 1)", "ls /\n"),
            new("tmp/\n" + Prompt, "cat /boot/ocean/services.conf\n"),
            new(Prompt, $"disks | kill {OceanEnvironment.ServicePid("blk")}\n"),
            new("init: starting blk again (restart 1)", "disks\n"),
            new("0x83\n" + Prompt, $"cat /mnt/hello.txt | kill {OceanEnvironment.ServicePid("ext2")}\n"),
            // The restarted ext2 mounts itself again once blk answers: then the file is there again.
            new("mounted on /mnt", "cat /mnt/hello.txt\n"),
            new(HelloText + Prompt, "badclient\n"),
            new(Prompt, "services\n"),
            new(Prompt, "poweroff\n"),
        };
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, disks: [disk]), image.Directory,
            expect: null, TimeSpan.FromSeconds(240), session);   // runs until the machine switches itself off
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", "robustness-session.log"), run.Log);
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the machine did not switch itself off at the end of the session");

        // Every malformed request was answered with an errno, twice (before and after the restarts).
        Boot.Require(run, Regex.Matches(run.Log, @"^badclient: all servers answered$", RegexOptions.Multiline).Count == 2,
            "badclient did not finish twice with every server answering");
        Boot.Require(run, !run.Log.Contains(" -> accepted") && !run.Log.Contains(" -> no answer"),
            "a server accepted a malformed request or did not answer");
        foreach (string service in new[] { "init", "proc", "mem", "vfs", "blk" })
            Boot.RequireMatch(run, $@"^badclient: {service} unknown-label -> errno 38$");
        Boot.RequireMatch(run, @"^badclient: proc List-grant-too-short -> errno 22$");
        Boot.RequireMatch(run, @"^badclient: proc List-past-the-last -> errno 3$");
        Boot.RequireMatch(run, @"^badclient: proc List-0 -> ok$");
        Boot.RequireMatch(run, @"^badclient: proc Wait-no-children -> errno 10$");
        Boot.RequireMatch(run, @"^badclient: proc Kill-init -> errno 1$");
        Boot.RequireMatch(run, @"^badclient: proc ChildNotify-not-a-notification -> errno 22$");
        Boot.RequireMatch(run, @"^badclient: proc List-with-a-capability -> errno 22$");
        Boot.RequireMatch(run, @"^badclient: mem Usage-pid-over-32-bits -> errno 3$");
        Boot.RequireMatch(run, @"^badclient: mem Info -> ok$");
        Boot.RequireMatch(run, @"^badclient: init Lookup-unterminated-name -> errno 2$");
        Boot.RequireMatch(run, @"^badclient: init ServiceStatus-0 -> ok$");
        // ext2 answers only the VFS: everything else is refused before it is parsed.
        Boot.RequireMatch(run, @"^badclient: ext2 unknown-label -> errno 1$");
        Boot.RequireMatch(run, @"^badclient: vfs Stat-relative-path -> errno 22$");
        Boot.RequireMatch(run, @"^badclient: vfs Stat-name-over-255 -> errno 36$");
        Boot.RequireMatch(run, @"^badclient: vfs Mount-without-capability -> errno 22$");
        Boot.RequireMatch(run, @"^badclient: blk Read-huge-sector -> errno 34$");
        Boot.RequireMatch(run, @"^badclient: vfs Stat-/ -> ok$");
        Boot.RequireMatch(run, @"^badclient: blk Info-0 -> ok$");
        Boot.RequireMatch(run, @"^badclient: ext2 Root-not-from-the-VFS -> errno 1$");

        // Each server was restarted once, and files work again through the fresh endpoints.
        foreach (string service in new[] { "vfs", "blk", "ext2" })
        {
            Boot.RequireLine(run, $"init: starting {service} again (restart 1)");
            Boot.RequireMatch(run, $@"^{service}\s+\d+\s+running\s+1\s+\S+$");
        }
        // (Typed while init restarts the VFS, "ls /" may echo before its prompt.)
        Boot.RequireMatch(run, @"^(ocean\$ )?boot/$");
        Boot.RequireMatch(run, @"^vfs Ocean\.Servers\.Vfs@\S+ /boot/ocean/vfs\.elf$");
        Boot.RequireMatch(run, @"^(ocean\$ )?cat /mnt/hello.txt\nhello from the robustness disk$");   // the prompt may precede ext2's mount line
        Boot.RequireLine(run, "ocean: powering off");
    }

    // An MBR disk whose first partition holds a small ext2 file system with 1 KiB blocks.
    private static string MakeDisk(string work)
    {
        string tree = Path.Combine(work, "tree");
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "hello.txt"), HelloText);
        string path = Path.Combine(work, "disk.img");
        Ext2Disk.Create(path, tree, megabytes: 8, blockSize: 1024);
        return path;
    }
}
