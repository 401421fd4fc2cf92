namespace Ocean.SystemTests;

using System.Text;
using System.Text.RegularExpressions;
using Ocean.Packaging;
using Ocean.TestDisks;

/// <summary>
/// The block driver on a real (emulated) ATA disk: a raw image with a partition table, written on the
/// host, attached to the primary ATA channel; the disks utility lists what blk found and dumps sectors
/// whose contents are known ("SECTOR n" at the start of sector n).
/// </summary>
public class BlockDeviceTests
{
    private const string Prompt = "ocean$ ";
    private const int DiskSectors = 65536;   // 32 MiB

    [Fact]
    public void MbrPartitionsReadWriteAndReadRate()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 0, 0x83, 2048, 8192, status: 0x80);
        DiskImageBuilder.WriteMbrEntry(disk, 0, 1, 0x0C, 10240, 20480);
        string path = WriteDisk("mbr", disk);
        QemuRun run = RunSession("mbr", path, " MB/s)\n",
            "disks", "disks read 1 0", "disks read disk0p2 5", "disks read 1 8192", "disks read 7 0",
            "disks write 2 3 hello-ocean", "disks read 2 3", "disks bench 0 4");

        Boot.RequireMatch(run, @"blk: disk0: QEMU HARDDISK, 65536 sectors \(32 MiB\), LBA48$");
        Boot.RequireMatch(run, @"blk: disk0: MBR, 2 partitions$");
        Boot.RequireMatch(run, @"^DEVICE\s+KIND\s+SECTORS\s+MIB\s+TYPE\ndisk0\s+disk\s+65536\s+32\s+-\n" +
                                                 @"disk0p1\s+partition\s+8192\s+4\s+0x83\ndisk0p2\s+partition\s+20480\s+10\s+0x0c\nocean\$ ");
        // Partition-relative sectors: disk0p1 starts at 2048, disk0p2 at 10240.
        Boot.RequireMatch(run, @"^ocean\$ disks read 1 0\n0000  53 45 43 54 4f 52 20 32 30 34 38 00( 00){4}  \|SECTOR 2048\.{5}\|$");
        Boot.RequireMatch(run, @"^01f0  00( 00){15}  \|\.{16}\|$");
        Boot.RequireMatch(run, @"^ocean\$ disks read disk0p2 5\n0000 .*\|SECTOR 10245\.{4}\|$");
        Boot.RequireMatch(run, @"^ocean\$ disks read 1 8192\ndisks: read failed: sector out of range$");
        Boot.RequireMatch(run, @"^ocean\$ disks read 7 0\ndisks: read failed: no such device$");
        // A write through disk0p2 lands at disk sector 10243 of the host's file.
        Boot.RequireMatch(run, @"^ocean\$ disks read 2 3\n0000 .*\|hello-ocean\.{5}\|$");
        byte[] after = File.ReadAllBytes(path);
        string written = Encoding.ASCII.GetString(after, 10243 * DiskImageBuilder.SectorSize, 16);
        Assert.Equal("hello-ocean\0\0\0\0\0", written);
        Assert.Equal("SECTOR 10244", Encoding.ASCII.GetString(after, 10244 * DiskImageBuilder.SectorSize, 12));
        Match rate = Boot.RequireMatch(run, @"^blk: read 4 MiB in (\d+) ms \((\d+\.\d) MB/s\)$");
        Boot.Require(run, double.Parse(rate.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "no read rate");
        File.Delete(path);
    }

    [Fact]
    public void GptPartitions()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteGpt(disk, new[]
        {
            new GptPartition(DiskImageBuilder.EfiSystem, 2048, 4095),
            new GptPartition(DiskImageBuilder.LinuxFileSystem, 4096, DiskSectors - 35),
        });
        string path = WriteDisk("gpt", disk);
        QemuRun run = RunSession("gpt", path, "|SECTOR 4097.....|\n", "disks", "disks read disk0p2 1");
        Boot.RequireMatch(run, @"blk: disk0: GPT, 2 partitions$");
        Boot.RequireMatch(run, @"^disk0p1\s+partition\s+2048\s+1\s+0xef$");
        Boot.RequireMatch(run, @"^disk0p2\s+partition\s+61406\s+29\s+0x83$");
        Boot.RequireMatch(run, @"^ocean\$ disks read disk0p2 1\n0000 .*\|SECTOR 4097\.{5}\|$");
        File.Delete(path);
    }

    [Fact]
    public void ACorruptedGptIsReportedAndIgnored()
    {
        byte[] disk = DiskImageBuilder.Patterned(DiskSectors);
        DiskImageBuilder.WriteGpt(disk, new[] { new GptPartition(DiskImageBuilder.LinuxFileSystem, 2048, 4095) });
        disk[2 * DiskImageBuilder.SectorSize + 32] ^= 1;   // an entry changed behind the entries' CRC
        string path = WriteDisk("gpt-corrupt", disk);
        QemuRun run = RunSession("gpt-corrupt", path, "no such device\n", "disks", "disks read 1 0");
        Boot.RequireMatch(run, @"blk: disk0: GPT entries CRC mismatch; partition table ignored$");
        Boot.RequireMatch(run, @"^disk0\s+disk\s+65536\s+32\s+-\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ disks read 1 0\ndisks: read failed: no such device$");
        File.Delete(path);
    }

    private static string WriteDisk(string name, byte[] disk)
    {
        string directory = Path.Combine(OceanEnvironment.Artifacts, "disks");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, disk);
        return path;
    }

    // Boots the default image with the disk and types each line at a prompt until `expect` (the end of a line, as QEMU is stopped at once) appears.
    private static QemuRun RunSession(string name, string diskPath, string expect, params string[] lines)
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        var session = lines.Select(l => new ConsoleStep(Prompt, l + "\n")).ToList();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, disks: [diskPath]), image.Directory,
            expect, TimeSpan.FromSeconds(120), session);
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", $"blk-{name}-session.log"), run.Log);
        Boot.Require(run, run.MatchedExpectation, $"the session did not reach \"{expect}\"");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
        return run;
    }
}
