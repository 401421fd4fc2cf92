namespace Ocean.Packaging;

using System.Diagnostics;

/// <summary>
/// A raw disk image for the ATA channel: an MBR with one Linux partition at sector 2048 holding an
/// ext2 file system made by e2fsprogs' mke2fs from a directory tree (the Bench target's and the
/// storage tests' disks).
/// </summary>
public static class Ext2Disk
{
    public const int SectorSize = 512;
    public const int PartitionStart = 2048;
    /// <summary>The first of the MBR's four 16-byte partition entries.</summary>
    private const int PartitionEntry = 446;
    private const byte LinuxType = 0x83;
    private const int BootSignatureOffset = 510;

    /// <summary>The partition's bytes (the file system) out of a disk image, for e2fsck and debugfs.</summary>
    public static byte[] Partition(string diskPath) => File.ReadAllBytes(diskPath).AsSpan(PartitionStart * SectorSize).ToArray();

    /// <summary>
    /// Makes <paramref name="diskPath"/> from the files in <paramref name="tree"/> with a file system of
    /// <paramref name="megabytes"/> MiB and <paramref name="blockSize"/>-byte blocks.
    /// </summary>
    public static void Create(string diskPath, string tree, int megabytes, int blockSize = 4096)
    {
        string partition = diskPath + ".partition";
        var start = new ProcessStartInfo("/usr/sbin/mke2fs", $"-q -F -t ext2 -b {blockSize} -d \"{tree}\" \"{partition}\" {megabytes}M")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using (Process mke2fs = Process.Start(start)!)
        {
            string errors = mke2fs.StandardError.ReadToEnd() + mke2fs.StandardOutput.ReadToEnd();
            mke2fs.WaitForExit();
            if (mke2fs.ExitCode != 0)
                throw new InvalidOperationException($"mke2fs failed: {errors}");
        }
        byte[] fs = File.ReadAllBytes(partition);
        File.Delete(partition);
        var disk = new byte[PartitionStart * SectorSize + fs.Length];
        int entry = PartitionEntry;
        disk[entry + 4] = LinuxType;
        BitConverter.TryWriteBytes(disk.AsSpan(entry + 8), (uint)PartitionStart);
        BitConverter.TryWriteBytes(disk.AsSpan(entry + 12), (uint)(fs.Length / SectorSize));
        disk[BootSignatureOffset] = 0x55;
        disk[BootSignatureOffset + 1] = 0xAA;
        fs.CopyTo(disk, PartitionStart * SectorSize);
        File.WriteAllBytes(diskPath, disk);
    }
}
