#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Libc;

/// <summary>Resolving paths against a working directory (lib/libc/PathName.cs), as cd does.</summary>
public unsafe class PathNameTests
{
    private static string? Resolve(string directory, string path, int capacity = 256)
    {
        byte[] d = Encoding.ASCII.GetBytes(directory + "\0");
        byte[] p = Encoding.ASCII.GetBytes(path);
        byte[] result = new byte[capacity];
        fixed (byte* dp = d)
        fixed (byte* pp = p)
        fixed (byte* rp = result)
        {
            int length = PathName.Resolve(dp, pp, p.Length, rp, capacity);
            byte[] spanResult = new byte[capacity];
            int spanLength = PathName.Resolve(Encoding.ASCII.GetBytes(directory), p, spanResult);   // the shell's overload
            Assert.Equal(length, spanLength);
            if (length < 0)
                return null;
            Assert.Equal(result, spanResult);
            Assert.Equal(0, rp[length]);
            return Encoding.ASCII.GetString(rp, length);
        }
    }

    [Theory]
    [InlineData("/", "tmp", "/tmp")]
    [InlineData("/", "/tmp/", "/tmp")]
    [InlineData("/usr", "bin", "/usr/bin")]
    [InlineData("/usr/bin", "..", "/usr")]
    [InlineData("/usr/bin", "../..", "/")]
    [InlineData("/usr/bin", "../../../..", "/")]
    [InlineData("/tmp", "../boot/./", "/boot")]
    [InlineData("/tmp", "//a///b/./c/../", "/a/b")]
    [InlineData("/tmp", "", "/tmp")]
    [InlineData("/tmp", ".", "/tmp")]
    [InlineData("/", "..", "/")]
    [InlineData("/a", "...", "/a/...")]
    [InlineData("/a", ".hidden/..x", "/a/.hidden/..x")]
    public void ResolvesLikeUnix(string directory, string path, string expected)
    {
        Assert.Equal(expected, Resolve(directory, path));
        Assert.Equal(expected, PathName.Resolve(directory, path));   // the string overload agrees
    }

    [Fact]
    public void TheStringOverloadRefusesWhatAVfsPathCannotHold()
    {
        string longest = "/" + new string('a', Ocean.Protocols.VfsProtocol.MaxPathBytes - 1);
        Assert.Equal(longest, PathName.Resolve("/", longest));
        Assert.Null(PathName.Resolve("/", longest + "a"));
    }

    [Fact]
    public void TooLongIsAnErrorNotAnOverrun()
    {
        Assert.Null(Resolve("/", "abcdef", capacity: 7));     // "/abcdef" needs 8 bytes with the NUL
        Assert.Equal("/abcdef", Resolve("/", "abcdef", capacity: 8));
        Assert.Null(Resolve("/", "", capacity: 1));
    }
}
