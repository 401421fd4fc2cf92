namespace Ocean.UnitTests;

using Ocean.Abi;
using Ocean.Servers.Ext2;

/// <summary>Corrupted or unsupported images are refused with a reason and an errno, never a crash.</summary>
public class Ext2RefusalTests
{
    private const int SuperblockOffset = 1024;
    private const int MagicOffset = SuperblockOffset + 56, IncompatOffset = SuperblockOffset + 96, RoCompatOffset = SuperblockOffset + 100;
    private const int LogBlockSizeOffset = SuperblockOffset + 24, InodesPerGroupOffset = SuperblockOffset + 40;
    // 1 KiB blocks: the group descriptor table is block 2; the first descriptor's inode table pointer is at +8.
    private const int FirstInodeTablePointer = 2 * 1024 + 8;
    private const uint IncompatExtents = 0x40, RoCompatUnknown = 0x1000;

    private static Ext2Image Image() => Ext2Image.Make("8M", root => File.WriteAllText(Path.Combine(root, "f"), "data"), "-b", "1024");

    private static void Patch(Ext2Image image, int offset, params byte[] bytes)
    {
        using FileStream file = File.OpenWrite(image.Path);
        file.Seek(offset, SeekOrigin.Begin);
        file.Write(bytes);
    }

    private static void Patch32(Ext2Image image, int offset, uint value) => Patch(image, offset, BitConverter.GetBytes(value));

    private static string Refused(Ext2Image image, long expectedError = -Errno.EINVAL)
    {
        Ext2Volume volume = Ext2Volume.Mount(image.Open(), false, out long error, out string message);
        Assert.Null(volume);
        Assert.Equal(expectedError, error);
        Assert.False(string.IsNullOrEmpty(message));
        return message;
    }

    [Fact]
    public void BadMagicIsRefused()
    {
        using Ext2Image image = Image();
        Patch(image, MagicOffset, 0x34, 0x12);
        Assert.Equal("bad superblock magic", Refused(image));
    }

    [Fact]
    public void UnsupportedIncompatibleFeatureIsRefused()
    {
        using Ext2Image image = Image();
        Patch32(image, IncompatOffset, 0x2 | IncompatExtents);
        Assert.Contains("incompatible features", Refused(image));
    }

    [Fact]
    public void Ext4ImagesAreRefused()
    {
        Ext2Image.AssertToolsPresent();
        using Ext2Image image = Ext2Image.Make("8M", null, "-b", "1024", "-O", "extent");
        Assert.Contains("incompatible features", Refused(image));
    }

    [Fact]
    public void TruncatedImageIsRefused()
    {
        using Ext2Image image = Image();
        using (FileStream file = File.OpenWrite(image.Path))
            file.SetLength(file.Length / 2);
        Assert.Contains("larger than the device", Refused(image));
        using (FileStream file = File.OpenWrite(image.Path))
            file.SetLength(1024);
        Assert.Contains("too small", Refused(image));
    }

    [Fact]
    public void ImpossibleGeometryIsRefused()
    {
        using Ext2Image image = Image();
        Patch32(image, LogBlockSizeOffset, 7);
        Assert.Equal("unsupported block size", Refused(image));
        Patch32(image, LogBlockSizeOffset, 0);
        Patch32(image, InodesPerGroupOffset, 0);
        Assert.Contains("counts", Refused(image));
    }

    [Fact]
    public void GroupDescriptorPointingOutsideIsRefused()
    {
        using Ext2Image image = Image();
        Patch32(image, FirstInodeTablePointer, 0x7FFFFFFF);
        Assert.Contains("outside", Refused(image, -Errno.EIO));
    }

    [Fact]
    public void UnknownReadOnlyFeatureMountsReadOnly()
    {
        using Ext2Image image = Image();
        Patch32(image, RoCompatOffset, 0x1 | 0x2 | RoCompatUnknown);
        Ext2Volume volume = image.Mount();
        Assert.True(volume.IsReadOnly);
        Assert.Equal("data"u8.ToArray(), volume.ReadAll("/f"));
        Assert.Equal(-Errno.EROFS, volume.Write(volume.Node("/f"), 0, new byte[] { 1 }));
        Assert.Equal(-Errno.EROFS, volume.Unlink("/f"));
    }

    [Fact]
    public unsafe void CorruptedDirectoryRecordIsAnErrorNotACrash()
    {
        using Ext2Image image = Image();
        string bmap = Ext2Image.Run(Ext2Image.Debugfs, "-R", "bmap <2> 0", image.Path).Output;
        uint rootBlock = uint.Parse(bmap.Split('\n')[0].Trim());
        // The first entry's record length (".") becomes 3: not a multiple of four, shorter than a header.
        Patch(image, (int)(rootBlock * 1024 + 4), 3, 0);
        Ext2Volume volume = image.Mount();
        Assert.Equal(-Errno.EIO, volume.Lookup(Ext2Volume.Root, "f", out _));
        byte* name = stackalloc byte[255];
        Assert.Equal(-Errno.EIO, volume.ReadDirectory(Ext2Volume.Root, 0, name, 255, out _));
        Assert.Equal(-Errno.EIO, volume.Unlink("/f"));

        // A record running past the block end is caught the same way.
        Patch(image, (int)(rootBlock * 1024 + 4), 0xF0, 0x7F);
        volume = image.Mount();
        Assert.Equal(-Errno.EIO, volume.Lookup(Ext2Volume.Root, "f", out _));
    }

    [Fact]
    public unsafe void BlockPointerOutOfRangeIsAnError()
    {
        using Ext2Image image = Image();
        string stat = Ext2Image.Run(Ext2Image.Debugfs, "-R", "imap /f", image.Path).Output;
        // "Inode 12 is part of block group 0\n\tlocated at block 36, offset 0x0300"
        string located = stat[(stat.IndexOf("located at block ") + 17)..];
        int block = int.Parse(located[..located.IndexOf(',')]);
        string hex = located[(located.IndexOf("0x") + 2)..];
        int offset = Convert.ToInt32(hex[..hex.IndexOf('\n')].Trim(), 16);
        Patch32(image, block * 1024 + offset + 40, 0x7FFFFFF0);   // i_block[0]
        Ext2Volume volume = image.Mount();
        byte* buffer = stackalloc byte[16];
        Assert.Equal(-Errno.EIO, volume.Read(volume.Node("/f"), 0, buffer, 16));
    }
}
