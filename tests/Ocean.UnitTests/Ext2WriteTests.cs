namespace Ocean.UnitTests;

using Ocean.Abi;
using Ocean.Protocols;
using Ocean.Servers.Ext2;

/// <summary>Changes made by the ext2 core leave images that e2fsck -fn calls clean and debugfs reads back.</summary>
public class Ext2WriteTests
{
    private const int BigBytes = 17 * 1024 * 1024 + 4321;   // > 16 MiB: double indirect with 4 KiB blocks
    private const int SmallFiles = 300;

    private static void Populate(string root)
    {
        File.WriteAllText(Path.Combine(root, "keep.txt"), "keep me");
        File.WriteAllText(Path.Combine(root, "doomed.txt"), "delete me");
        File.WriteAllText(Path.Combine(root, "old-name"), "renamed content");
        File.WriteAllText(Path.Combine(root, "victim"), "replaced");
        Directory.CreateDirectory(Path.Combine(root, "src/inner"));
        File.WriteAllText(Path.Combine(root, "src/inner/f"), "inside");
        Directory.CreateDirectory(Path.Combine(root, "dst"));
        Directory.CreateDirectory(Path.Combine(root, "emptydir"));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(2048)]
    [InlineData(4096)]
    public void EveryKindOfChangeKeepsTheImageConsistent(int blockSize)
    {
        using Ext2Image image = Ext2Image.Make("64M", Populate, "-b", blockSize.ToString());
        Ext2Volume volume = image.Mount();
        ulong freeBlocks = volume.FreeBlocks, freeNodes = volume.FreeNodes;

        // New files, an append, a file over 16 MiB written in odd-sized pieces.
        volume.WriteFile("/new.txt", "fresh"u8.ToArray());
        uint keep = volume.Node("/keep.txt");
        Assert.Equal(9, volume.Write(keep, 7, " forever\n"u8.ToArray()) + 0 * 1);
        byte[] big = Ext2Image.Pattern(BigBytes, 7);
        uint bigNode = volume.CreateNode("/big.bin", VfsNodeKind.File);
        for (int offset = 0; offset < big.Length; offset += 1_000_003)
            Assert.Equal(Math.Min(1_000_003, big.Length - offset), volume.Write(bigNode, (ulong)offset, big[offset..Math.Min(offset + 1_000_003, big.Length)]));
        Assert.True(volume.FreeBlocks < freeBlocks - (ulong)(BigBytes / blockSize));

        // Nested directories and many small files (the directory grows past one block).
        volume.CreateNode("/n1", VfsNodeKind.Directory);
        volume.CreateNode("/n1/n2", VfsNodeKind.Directory);
        volume.CreateNode("/n1/n2/n3", VfsNodeKind.Directory);
        volume.WriteFile("/n1/n2/n3/leaf", "leaf"u8.ToArray());
        volume.CreateNode("/small", VfsNodeKind.Directory);
        for (int i = 0; i < SmallFiles; i++)
            volume.WriteFile($"/small/f{i}", System.Text.Encoding.ASCII.GetBytes($"small {i}"));
        for (int i = 0; i < SmallFiles; i += 3)
            Assert.Equal(0, volume.Unlink($"/small/f{i}"));
        Assert.Equal(-Errno.EEXIST, Create(volume, "/small", "f1", VfsNodeKind.File));

        // Unlink, rmdir (empty and not), rename in place, over a file, and a directory across directories.
        Assert.Equal(0, volume.Unlink("/doomed.txt"));
        Assert.Equal(-Errno.ENOENT, volume.Unlink("/doomed.txt"));
        Assert.Equal(-Errno.EISDIR, volume.Unlink("/emptydir"));
        Assert.Equal(-Errno.ENOTEMPTY, volume.RemoveDirectory("/n1"));
        Assert.Equal(-Errno.ENOTDIR, volume.RemoveDirectory("/keep.txt"));
        Assert.Equal(0, volume.RemoveDirectory("/emptydir"));
        Assert.Equal(0, volume.Rename("/old-name", "/new-name"));
        Assert.Equal(0, volume.Rename("/new.txt", "/victim"));
        Assert.Equal(0, volume.Rename("/src/inner", "/dst/moved"));
        Assert.Equal(-Errno.EINVAL, volume.Rename("/dst", "/dst/moved/loop"));
        Assert.Equal(0, volume.Lookup(volume.Node("/dst/moved"), "..", out uint dotDot));
        Assert.Equal(volume.Node("/dst"), dotDot);
        Assert.Equal(0, volume.GetAttributes(volume.Node("/src"), out NodeAttributes src));
        Assert.Equal(2u, src.Links);
        Assert.Equal(0, volume.GetAttributes(volume.Node("/dst"), out NodeAttributes dst));
        Assert.Equal(3u, dst.Links);

        // Truncate: shrink (freeing indirect blocks), then grow again over a hole that reads as zeros.
        uint truncated = volume.WriteFile("/trunc.bin", Ext2Image.Pattern(200_000, 3));
        Assert.Equal(0, volume.Truncate(truncated, 5000));
        Assert.Equal(0, volume.Truncate(truncated, 300_000));
        byte[] expected = new byte[300_000];
        Array.Copy(Ext2Image.Pattern(200_000, 3), expected, 5000);
        Assert.Equal(expected, volume.ReadAll("/trunc.bin"));
        Assert.Equal(-Errno.EISDIR, volume.Truncate(volume.Node("/dst"), 0));

        Assert.Equal(0, volume.Sync());
        image.UnmountAndCheck(volume);

        Assert.Equal("keep me forever\n"u8.ToArray(), image.DebugfsCat("/keep.txt"));
        Assert.Equal("fresh"u8.ToArray(), image.DebugfsCat("/victim"));
        Assert.Equal("renamed content"u8.ToArray(), image.DebugfsCat("/new-name"));
        Assert.Equal("inside"u8.ToArray(), image.DebugfsCat("/dst/moved/f"));
        Assert.Equal("leaf"u8.ToArray(), image.DebugfsCat("/n1/n2/n3/leaf"));
        Assert.Equal("small 299"u8.ToArray(), image.DebugfsCat("/small/f299"));
        Assert.Equal(big, image.DebugfsCat("/big.bin"));
        Assert.Equal(expected, image.DebugfsCat("/trunc.bin"));
        string root = image.DebugfsLs("/");
        Assert.DoesNotContain("doomed.txt", root);
        Assert.DoesNotContain("emptydir", root);
        Assert.DoesNotContain("old-name", root);

        // Mounted again: everything reads back, and deleting it all returns every block and inode.
        volume = image.Mount();
        Assert.Equal(big, volume.ReadAll("/big.bin"));
        Assert.Equal(SmallFiles - SmallFiles / 3, volume.List("/small").Count);
        Assert.Equal(0, volume.Unlink("/big.bin"));
        Assert.Equal(0, volume.Unlink("/trunc.bin"));
        for (int i = 0; i < SmallFiles; i++)
            if (i % 3 != 0)
                Assert.Equal(0, volume.Unlink($"/small/f{i}"));
        Assert.Equal(0, volume.RemoveDirectory("/small"));
        Assert.Equal(0, volume.Unlink("/n1/n2/n3/leaf"));
        Assert.Equal(0, volume.RemoveDirectory("/n1/n2/n3"));
        Assert.Equal(0, volume.RemoveDirectory("/n1/n2"));
        Assert.Equal(0, volume.RemoveDirectory("/n1"));
        // Back to the start: doomed.txt and emptydir are gone, old "victim" was replaced by new.txt.
        Assert.Equal(freeNodes + 2, volume.FreeNodes);
        image.UnmountAndCheck(volume);
    }

    [Fact]
    public void SparseFileReachesTripleIndirectBlocksAndTruncatesBack()
    {
        using Ext2Image image = Ext2Image.Make("16M", null, "-b", "1024");
        Ext2Volume volume = image.Mount();
        ulong freeBlocks = volume.FreeBlocks;
        // With 1 KiB blocks triple indirect starts at block 12 + 256 + 65536 (about 64 MiB).
        const ulong tripleOffset = 70UL << 20, doubleOffset = 20UL << 20;
        byte[] data = Ext2Image.Pattern(5000, 9);
        uint node = volume.CreateNode("/sparse", VfsNodeKind.File);
        Assert.Equal(data.Length, volume.Write(node, tripleOffset, data));
        Assert.Equal(data.Length, volume.Write(node, doubleOffset, data));
        Assert.Equal(data.Length, volume.Write(node, 3, data));
        Assert.Equal(0, volume.GetAttributes(node, out NodeAttributes attributes));
        Assert.Equal(tripleOffset + 5000, attributes.Size);
        var back = new byte[5000];
        unsafe
        {
            fixed (byte* p = back)
            {
                Assert.Equal(5000, volume.Read(node, tripleOffset, p, 5000));
                Assert.Equal(data, back);
                Assert.Equal(5000, volume.Read(node, 40UL << 20, p, 5000));
                Assert.All(back, b => Assert.Equal(0, b));
            }
        }
        image.UnmountAndCheck(volume);
        byte[] all = image.DebugfsCat("/sparse");
        Assert.Equal((int)attributes.Size, all.Length);
        Assert.Equal(data, all[(int)tripleOffset..]);
        Assert.Equal(data, all[(int)doubleOffset..((int)doubleOffset + 5000)]);

        volume = image.Mount();
        node = volume.Node("/sparse");
        Assert.Equal(0, volume.Truncate(node, 4));
        Assert.Equal(freeBlocks - 1, volume.FreeBlocks);
        Assert.Equal(0, volume.Truncate(node, 0));
        Assert.Equal(freeBlocks, volume.FreeBlocks);
        image.UnmountAndCheck(volume);
    }

    [Fact]
    public void IndexedDirectoriesLoseTheirIndexFlagWhenChanged()
    {
        using Ext2Image image = Ext2Image.Make("16M", root =>
        {
            Directory.CreateDirectory(Path.Combine(root, "big"));
            for (int i = 0; i < 400; i++)
                File.WriteAllText(Path.Combine(root, $"big/entry-number-{i}"), "x");
        }, "-b", "1024");
        // e2fsck -D builds htree indexes (dir_index is on by default).
        var (status, output) = Ext2Image.Run(Ext2Image.E2fsck, "-fyD", image.Path);
        Assert.True(status is 0 or 1, output);
        Assert.Contains("Flags: 0x1000", Ext2Image.Run(Ext2Image.Debugfs, "-R", "stat /big", image.Path).Output);

        Ext2Volume volume = image.Mount();
        Assert.Equal(400, volume.List("/big").Count);
        Assert.Equal("x"u8.ToArray(), volume.ReadAll("/big/entry-number-399"));
        volume.WriteFile("/big/added", "y"u8.ToArray());
        Assert.Equal(0, volume.Unlink("/big/entry-number-7"));
        image.UnmountAndCheck(volume);
        Assert.DoesNotContain("Flags: 0x1000", Ext2Image.Run(Ext2Image.Debugfs, "-R", "stat /big", image.Path).Output);
        Assert.Equal("y"u8.ToArray(), image.DebugfsCat("/big/added"));
    }

    [Fact]
    public void RevisionZeroImagesTakeWritesToo()
    {
        using Ext2Image image = Ext2Image.Make("8M", root => File.WriteAllText(Path.Combine(root, "a"), "a"), "-b", "1024", "-r", "0");
        Ext2Volume volume = image.Mount();
        volume.CreateNode("/d", VfsNodeKind.Directory);
        volume.WriteFile("/d/file", Ext2Image.Pattern(400_000, 2));
        Assert.Equal(0, volume.Rename("/a", "/d/a"));
        image.UnmountAndCheck(volume);
        Assert.Equal(Ext2Image.Pattern(400_000, 2), image.DebugfsCat("/d/file"));
        Assert.Equal("a"u8.ToArray(), image.DebugfsCat("/d/a"));
    }

    [Fact]
    public void FillingTheDiskReportsNoSpaceAndStaysConsistent()
    {
        using Ext2Image image = Ext2Image.Make("2M", null, "-b", "1024");
        Ext2Volume volume = image.Mount();
        uint node = volume.CreateNode("/fill", VfsNodeKind.File);
        byte[] chunk = Ext2Image.Pattern(64 * 1024, 4);
        ulong written = 0;
        while (true)
        {
            long result = volume.Write(node, written, chunk);
            if (result < 0)
            {
                Assert.Equal(-Errno.ENOSPC, result);
                break;
            }
            written += (ulong)result;
            Assert.True(written < 4UL << 20);
        }
        Assert.Equal(0UL, volume.FreeBlocks);
        Assert.Equal(0, volume.GetAttributes(node, out NodeAttributes attributes));
        Assert.Equal(written, attributes.Size);
        image.UnmountAndCheck(volume);
    }

    private static unsafe long Create(Ext2Volume volume, string directory, string name, VfsNodeKind kind)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(name);
        fixed (byte* p = bytes)
            return volume.Create(volume.Node(directory), p, bytes.Length, kind, out _);
    }
}
