namespace Ocean.UnitTests;

using System.Diagnostics;
using Ocean.Libc;
using Ocean.Utilities.Cut;
using Ocean.Utilities.Tr;

/// <summary>The pure parts of basename, dirname (libc's PathParts, checked against GNU's on this host), tr's sets and cut's lists.</summary>
public class TextUtilityTests
{
    public static readonly TheoryData<string> Paths = new()
    {
        "", "/", "//", "///", "a", "a/", "a/b", "a/b/", "a//b//", "/a", "/a/", "//a//b//", "/usr/lib", "/usr/lib/", ".", "..", "./x", "a/./b/..", "x//",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void BaseAndDirectoryAreGnus(string path)
    {
        Assert.Equal(Gnu("basename", path), PathParts.Base(path) + "\n");
        if (path.Length > 0)   // GNU's dirname of "" is ".", POSIX leaves it open
            Assert.Equal(Gnu("dirname", path), PathParts.Directory(path) + "\n");
    }

    [Theory]
    [InlineData("b.txt", ".txt")]
    [InlineData("/a/b.txt", ".txt")]
    [InlineData(".txt", ".txt")]
    [InlineData("b.txt/", "txt")]
    [InlineData("b", "")]
    public void ASuffixGoesUnlessItIsTheWholeName(string path, string suffix) =>
        Assert.Equal(Gnu("basename", path, suffix), PathParts.Base(path, suffix) + "\n");

    [Fact]
    public void SetsTakeRangesAndEscapes()
    {
        Assert.Equal("abcxyz"u8.ToArray(), ByteSets.Expand("a-cx-z"));
        Assert.Equal("\n\t\\-"u8.ToArray(), ByteSets.Expand("\\n\\t\\\\-"));
        Assert.Equal("a-"u8.ToArray(), ByteSets.Expand("a-"));
        Assert.Null(ByteSets.Expand("z-a"));
    }

    [Theory]
    [InlineData("2", new[] { 2 }, new[] { 1, 3 })]
    [InlineData("2-4", new[] { 2, 3, 4 }, new[] { 1, 5 })]
    [InlineData("-2,5-", new[] { 1, 2, 5, 99 }, new[] { 3, 4 })]
    [InlineData("3,1", new[] { 1, 3 }, new[] { 2 })]
    public void ListsNamePositions(string text, int[] inside, int[] outside)
    {
        CutList list = CutList.Parse(text)!;
        Assert.All(inside, position => Assert.True(list.Contains(position)));
        Assert.All(outside, position => Assert.False(list.Contains(position)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-")]
    [InlineData("3-1")]
    [InlineData("a")]
    [InlineData("1,,2")]
    public void BadListsAreRefused(string text) => Assert.Null(CutList.Parse(text));

    private static string Gnu(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
