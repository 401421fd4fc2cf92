#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Loader.Limine;

public class ModuleStringTests
{
    private static (string Path, string Cmdline, int PathStart, int CmdlineStart) Split(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        ModuleString.Split(bytes, out int pathStart, out int pathLength, out int cmdlineStart, out int cmdlineLength);
        Assert.InRange(pathStart, 0, bytes.Length);
        Assert.InRange(pathStart + pathLength, pathStart, bytes.Length);
        Assert.InRange(cmdlineStart, pathStart + pathLength, bytes.Length);
        Assert.InRange(cmdlineStart + cmdlineLength, cmdlineStart, bytes.Length);
        return (text.Substring(pathStart, pathLength), text.Substring(cmdlineStart, cmdlineLength), pathStart, cmdlineStart);
    }

    [Theory]
    [InlineData("/boot/init.elf console=serial", "/boot/init.elf", "console=serial")]
    [InlineData("/boot/init.elf a b  c", "/boot/init.elf", "a b  c")]       // spaces inside the command line are kept
    [InlineData("/boot/kernel.elf", "/boot/kernel.elf", "")]
    [InlineData("   /boot/init.elf    -v   ", "/boot/init.elf", "-v")]     // leading, separating and trailing spaces
    [InlineData("/boot/init.elf   ", "/boot/init.elf", "")]
    [InlineData("   /boot/init.elf", "/boot/init.elf", "")]
    [InlineData("", "", "")]
    [InlineData("     ", "", "")]
    [InlineData("x", "x", "")]
    [InlineData("a b", "a", "b")]
    public void SplitsPathAndCommandLine(string text, string path, string cmdline)
    {
        var split = Split(text);
        Assert.Equal(path, split.Path);
        Assert.Equal(cmdline, split.Cmdline);
    }

    [Fact]
    public void OffsetsPointIntoTheOriginalText()
    {
        var split = Split("  /p  arg");
        Assert.Equal(2, split.PathStart);
        Assert.Equal(6, split.CmdlineStart);
    }

    [Fact]
    public void PathOnlyLeavesAnEmptyCommandLineAtTheEnd()
    {
        var split = Split("/p");
        Assert.Equal(0, split.PathStart);
        Assert.Equal(2, split.CmdlineStart);
    }

    [Fact]
    public void OnlySpacesSeparate()
    {
        // Tabs are not separators by this convention.
        var split = Split("/p\targ x");
        Assert.Equal("/p\targ", split.Path);
        Assert.Equal("x", split.Cmdline);
    }

    [Fact]
    public void EmptyArrayGivesEmptyParts()
    {
        ModuleString.Split([], out int pathStart, out int pathLength, out int cmdlineStart, out int cmdlineLength);
        Assert.Equal((0, 0, 0, 0), (pathStart, pathLength, cmdlineStart, cmdlineLength));
    }
}
