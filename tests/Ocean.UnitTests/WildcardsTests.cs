namespace Ocean.UnitTests;

using Ocean.Libc;

/// <summary>libc's pattern matching (lib/libc/Wildcards.cs), shared by the shell's wildcards and find -name.</summary>
public class WildcardsTests
{
    [Theory]
    [InlineData("*.txt", "a.txt", true)]
    [InlineData("*.txt", "a.txt.bak", false)]
    [InlineData("t?o", "two", true)]
    [InlineData("[ot]*", "one", true)]
    [InlineData("[!ot]*", "one", false)]
    [InlineData("[^ot]*", "xyz", true)]
    [InlineData("[]a]", "]", true)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "a", false)]
    [InlineData("*", ".hidden", true)]
    [InlineData("a[", "a[", true)]
    public void PatternsMatchNamesAsFnmatchDoes(string pattern, string name, bool matches) =>
        Assert.Equal(matches, Wildcards.Matches(pattern, name));

    [Fact]
    public void AHiddenNameNeedsADotWhenAsked()
    {
        Assert.False(Wildcards.Matches("*", ".hidden", hiddenNeedsDot: true));
        Assert.True(Wildcards.Matches(".*", ".hidden", hiddenNeedsDot: true));
    }
}
