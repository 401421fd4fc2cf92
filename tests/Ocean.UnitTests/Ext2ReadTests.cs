namespace Ocean.UnitTests;

using Ocean.Abi;
using Ocean.Protocols;
using Ocean.Servers.Ext2;

/// <summary>The ext2 core reads what mke2fs -d put in images of every supported geometry.</summary>
public class Ext2ReadTests
{
    private const int ManyFiles = 150;
    // 300 KiB: past the direct and single indirect range of 1 KiB blocks, into double indirect.
    private const int LargeBytes = 300 * 1024 + 17;

    private static void Populate(string root)
    {
        File.WriteAllText(Path.Combine(root, "hello.txt"), "hello, ext2\n");
        File.WriteAllBytes(Path.Combine(root, "large.bin"), Ext2Image.Pattern(LargeBytes, 1));
        Directory.CreateDirectory(Path.Combine(root, "a/b/c"));
        File.WriteAllText(Path.Combine(root, "a/b/c/deep.txt"), "deep");
        Directory.CreateDirectory(Path.Combine(root, "many"));
        for (int i = 0; i < ManyFiles; i++)
            File.WriteAllText(Path.Combine(root, $"many/file-with-a-longish-name-{i:D4}"), $"{i}");
        File.WriteAllBytes(Path.Combine(root, "empty"), Array.Empty<byte>());
    }

    [Theory]
    [InlineData(1024, "1")]
    [InlineData(2048, "1")]
    [InlineData(4096, "1")]
    [InlineData(1024, "0")]
    [InlineData(4096, "0")]
    public void ReadsFilesAndDirectoriesOfEveryGeometry(int blockSize, string revision)
    {
        using Ext2Image image = Ext2Image.Make("16M", Populate, "-b", blockSize.ToString(), "-r", revision);
        Ext2Volume volume = image.Mount();
        Assert.Equal(blockSize, volume.BlockSize);
        Assert.Equal(uint.Parse(revision), volume.Revision);
        Assert.True(volume.WasClean);
        Assert.False(volume.IsReadOnly);

        Assert.Equal("hello, ext2\n"u8.ToArray(), volume.ReadAll("/hello.txt"));
        Assert.Equal(Ext2Image.Pattern(LargeBytes, 1), volume.ReadAll("/large.bin"));
        Assert.Equal("deep"u8.ToArray(), volume.ReadAll("/a/b/c/deep.txt"));
        Assert.Empty(volume.ReadAll("/empty"));

        List<string> root = volume.List("/");
        foreach (string name in new[] { "hello.txt", "large.bin", "a", "many", "empty", "lost+found" })
            Assert.Contains(name, root);
        Assert.DoesNotContain(".", root);
        List<string> many = volume.List("/many");
        Assert.Equal(ManyFiles, many.Count);
        Assert.Equal(ManyFiles, many.Distinct().Count());
        Assert.Equal("77"u8.ToArray(), volume.ReadAll("/many/file-with-a-longish-name-0077"));

        Assert.Equal(0, volume.GetAttributes(volume.Node("/a/b"), out NodeAttributes directory));
        Assert.Equal(VfsNodeKind.Directory, directory.Kind);
        Assert.Equal(3u, directory.Links);
        Assert.Equal(0, volume.GetAttributes(volume.Node("/large.bin"), out NodeAttributes file));
        Assert.Equal(VfsNodeKind.File, file.Kind);
        Assert.Equal((ulong)LargeBytes, file.Size);
        Assert.Equal(1u, file.Links);

        Assert.Equal(-Errno.ENOENT, volume.Resolve("/nothing", out _));
        Assert.Equal(-Errno.ENOTDIR, volume.Resolve("/hello.txt/x", out _));
        Assert.Equal(-Errno.ENOENT, volume.GetAttributes(0, out _));
        Assert.Equal(-Errno.ENOENT, volume.GetAttributes(uint.MaxValue, out _));

        // A read-only look changes nothing: the image stays byte-for-byte valid.
        Assert.Equal(0, volume.Unmount());
        image.Save();
        image.AssertClean();
    }

    [Fact]
    public unsafe void ReadPastTheEndReturnsZeroAndShortReadsStop()
    {
        using Ext2Image image = Ext2Image.Make("8M", Populate, "-b", "1024");
        Ext2Volume volume = image.Mount(readOnly: true);
        uint node = volume.Node("/hello.txt");
        byte* buffer = stackalloc byte[64];
        Assert.Equal(0, volume.Read(node, 12, buffer, 64));
        Assert.Equal(0, volume.Read(node, 1000, buffer, 64));
        Assert.Equal(5, volume.Read(node, 7, buffer, 64));
        Assert.Equal((byte)'e', buffer[0]);
        Assert.Equal(-Errno.EROFS, volume.Write(node, 0, buffer, 1));
    }
}
