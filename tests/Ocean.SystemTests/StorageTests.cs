namespace Ocean.SystemTests;

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Ocean.Packaging;
using Ocean.TestDisks;

/// <summary>
/// The whole storage stack on an emulated disk: an ext2 file system made on the host with e2fsprogs,
/// inside an MBR partition, served by blk (ATA, userspace) and the ext2 server, mounted by the VFS at
/// /mnt, used from the shell. After a clean power-off the host checks the file system with e2fsck and
/// reads Ocean's writes back with debugfs; a second boot sees them too.
/// </summary>
public class StorageTests
{
    private const string Prompt = "ocean$ ";
    private const int BigFileBytes = 17 * 1024 * 1024;
    private const string HelloText = "Hello from the host\n";
    /// <summary>Small files made by one touch command (the kernel takes up to 32 arguments).</summary>
    private const int ManyFiles = 30;

    [Fact]
    public void Ext2OnADiskReadWrittenAndCleanAfterPowerOff()
    {
        string work = Path.Combine(OceanEnvironment.Artifacts, "disks", $"ext2-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        byte[] big = Pattern(BigFileBytes);
        string disk = MakeDisk(work, big);

        string[] many = Enumerable.Range(1, ManyFiles).Select(i => $"/mnt/many/f{i:D2}").ToArray();
        string[] lines =
        {
            "mount",
            "ls -l /mnt",
            "cat /mnt/hello.txt",
            "cksum /mnt/big.bin",
            "echo written by ocean > /mnt/new.txt",
            "echo appended >> /mnt/hello.txt",
            "rm /mnt/delete-me.txt",
            "cp /mnt/big.bin /mnt/big-copy.bin",
            "mkdir /mnt/x",
            "mkdir /mnt/x/y",
            "mkdir /mnt/x/y/z",
            "echo deep > /mnt/x/y/z/deep.txt",
            "mv /mnt/new.txt /mnt/x/moved.txt",
            "echo across > /tmp/across.txt",
            "mv /tmp/across.txt /mnt/across.txt",
            "cat /tmp/across.txt",
            "mkdir /mnt/many",
            "touch " + string.Join(' ', many),
            "rmdir /mnt/docs",
            "cksum /mnt/big-copy.bin",
            "df",
            "poweroff",
        };
        QemuRun run = Session("ext2-first", disk, lines);
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the machine did not switch itself off at the end of the session");
        Boot.RequireMatch(run, @"^ext2: disk0p1 mounted on /mnt \(ext2 rev 1, 4096-byte blocks, \d+ free of \d+\)$");
        Boot.RequireMatch(run, @"^ocean\$ mount\n/ on ramfs \(rw\)\n/mnt on ext2 disk0p1 \(rw\)$");
        Boot.RequireMatch(run, $@"^-\s+{BigFileBytes} big.bin$");
        Boot.RequireMatch(run, @"^d\s+\d+ docs$");
        Boot.RequireMatch(run, @"^ocean\$ cat /mnt/hello.txt\nHello from the host$");
        string crc = Crc(big);
        Boot.RequireMatch(run, $@"^{crc} {BigFileBytes} /mnt/big.bin$");
        Boot.RequireMatch(run, $@"^{crc} {BigFileBytes} /mnt/big-copy.bin$");
        Boot.RequireMatch(run, @"^rmdir: /mnt/docs: directory not empty$");
        // mv across file systems copies, then removes the original.
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/across.txt\ncat: /tmp/across.txt: no such file or directory$");
        Boot.RequireMatch(run, @"^ext2 disk0p1\s+\d+\s+\d+\s+\d+ /mnt$");
        Boot.RequireMatch(run, @"^init: unmounting /mnt$");

        // On the host: the file system is clean, and holds exactly what Ocean wrote.
        string partition = ExtractPartition(disk, work);
        (int fsck, string report) = Tool("e2fsck", $"-fn \"{partition}\"");
        Assert.True(fsck == 0, $"e2fsck found problems:\n{report}");
        Assert.Equal(HelloText + "appended\n", Debugfs(partition, "cat /hello.txt"));
        Assert.Equal("written by ocean\n", Debugfs(partition, "cat /x/moved.txt"));
        Assert.Equal("deep\n", Debugfs(partition, "cat /x/y/z/deep.txt"));
        Assert.Equal("across\n", Debugfs(partition, "cat /across.txt"));
        Assert.Contains("File not found", Debugfs(partition, "stat /delete-me.txt"));
        Assert.Contains("File not found", Debugfs(partition, "stat /new.txt"));
        string listing = Debugfs(partition, "ls -l /many");
        Assert.Equal(ManyFiles, Regex.Matches(listing, @" f\d\d\s*$", RegexOptions.Multiline).Count);
        string dumped = Path.Combine(work, "big-copy.bin");
        Debugfs(partition, $"dump /big-copy.bin {dumped}");
        Assert.True(File.ReadAllBytes(dumped).AsSpan().SequenceEqual(big), "the 17 MiB copy differs from the original");

        // A second boot sees the same files.
        QemuRun again = Session("ext2-second", disk, "cat /mnt/x/moved.txt", "cksum /mnt/big-copy.bin", "ls /mnt/many | cksum", "poweroff");
        Boot.Require(again, !again.TimedOut && again.ExitCode == 0, "the second boot did not switch itself off");
        Boot.RequireMatch(again, @"^ocean\$ cat /mnt/x/moved.txt\nwritten by ocean$");
        Boot.RequireMatch(again, $@"^{crc} {BigFileBytes} /mnt/big-copy.bin$");
        string names = string.Concat(Enumerable.Range(1, ManyFiles).Select(i => $"f{i:D2}\n"));
        Boot.RequireMatch(again, $@"^{Crc(Encoding.ASCII.GetBytes(names))} {names.Length} $");
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public void TheBlockServerKilledDuringIoIsRestartedAndNothingSyncedIsLost()
    {
        string work = Path.Combine(OceanEnvironment.Artifacts, "disks", $"ext2-kill-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        byte[] big = Pattern(BigFileBytes);
        string disk = MakeDisk(work, big);
        string crc = Crc(big);
        QemuRun run = Session("ext2-kill", disk,
            "echo kept > /mnt/kept.txt",
            "sync",
            // The kill lands while cksum reads 17 MiB.
            $"cksum /mnt/big.bin | kill {OceanEnvironment.ServicePid("blk")}",
            "echo after",
            "services",
            "cat /mnt/kept.txt",
            "cksum /mnt/big.bin",
            "echo more >> /mnt/kept.txt",
            "poweroff");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the machine did not switch itself off");
        Boot.RequireMatch(run, $@"init: blk \(pid {OceanEnvironment.ServicePid("blk")}\) killed by signal 15$");
        Boot.RequireMatch(run, @"init: starting blk again \(restart 1\)$");
        Boot.RequireMatch(run, @"^blk\s+\d+\s+running\s+1\s+");
        // The restarted blk may still be writing its disk lines when the shell runs the next commands:
        // they may come after the prompt, before the typed command's echo, or before its output.
        Boot.RequireMatch(run, @"^ocean\$ (?:blk: [^\n]*\n)*cat /mnt/kept.txt\n(?:blk: [^\n]*\n)*kept$");
        Boot.RequireMatch(run, $@"^ocean\$ (?:blk: [^\n]*\n)*cksum /mnt/big.bin\n(?:blk: [^\n]*\n)*{crc} {BigFileBytes} /mnt/big.bin$");
        string partition = ExtractPartition(disk, work);
        (int fsck, string report) = Tool("e2fsck", $"-fn \"{partition}\"");
        Assert.True(fsck == 0, $"e2fsck found problems:\n{report}");
        Assert.Equal("kept\nmore\n", Debugfs(partition, "cat /kept.txt"));
        Directory.Delete(work, recursive: true);
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        new Random(1234).NextBytes(bytes);
        return bytes;
    }

    private static string Crc(byte[] data) => DiskImageBuilder.Crc32(data).ToString("x8");

    // An MBR disk whose first partition holds an ext2 file system made by mke2fs from a directory tree.
    private static string MakeDisk(string work, byte[] big)
    {
        string tree = Path.Combine(work, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "docs"));
        File.WriteAllText(Path.Combine(tree, "hello.txt"), HelloText);
        File.WriteAllText(Path.Combine(tree, "delete-me.txt"), "going away\n");
        File.WriteAllText(Path.Combine(tree, "docs", "readme.txt"), "read me\n");
        File.WriteAllBytes(Path.Combine(tree, "big.bin"), big);
        string path = Path.Combine(work, "disk.img");
        Ext2Disk.Create(path, tree, megabytes: 64);
        return path;
    }

    private static string ExtractPartition(string disk, string work)
    {
        string path = Path.Combine(work, "partition-after.img");
        File.WriteAllBytes(path, Ext2Disk.Partition(disk));
        return path;
    }

    private static QemuRun Session(string name, string disk, params string[] lines)
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        var session = lines.Select(l => new ConsoleStep(Prompt, l + "\n")).ToList();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, disks: [disk]), image.Directory,
            expect: null, TimeSpan.FromSeconds(240), session);   // until the machine switches itself off
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", $"{name}-session.log"), run.Log);
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
        return run;
    }

    private static string Debugfs(string partition, string request)
    {
        (_, string output) = Tool("debugfs", $"-R \"{request}\" \"{partition}\"", ignoreStderrBanner: true);
        return output;
    }

    private static (int Status, string Output) Tool(string name, string arguments, bool ignoreStderrBanner = false)
    {
        string path = File.Exists($"/usr/sbin/{name}") ? $"/usr/sbin/{name}" : $"/sbin/{name}";
        var start = new ProcessStartInfo(path, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, ignoreStderrBanner ? output + (errors.Contains("not found", StringComparison.OrdinalIgnoreCase) ? errors : "") : output + errors);
    }
}
