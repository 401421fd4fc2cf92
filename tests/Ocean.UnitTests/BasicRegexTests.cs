namespace Ocean.UnitTests;

using System.Text.RegularExpressions;
using Ocean.Utilities.Grep;

/// <summary>grep's basic regular expressions (utilities/grep/BasicRegex.cs), against .NET's Regex on the same patterns.</summary>
public class BasicRegexTests
{
    [Theory]
    [InlineData("sea", "the sea", true)]
    [InlineData("sea", "the SEA", false)]
    [InlineData("^the", "the sea", true)]
    [InlineData("^sea", "the sea", false)]
    [InlineData("sea$", "the sea", true)]
    [InlineData("^$", "", true)]
    [InlineData("^$", " ", false)]
    [InlineData("s.a", "the sxa", true)]
    [InlineData("ab*c", "ac", true)]
    [InlineData("ab*c", "abbbc", true)]
    [InlineData("ab*c", "abxc", false)]
    [InlineData("[0-9][0-9]*", "pid 42", true)]
    [InlineData("^[^#]", "# comment", false)]
    [InlineData("^[^#]", "code", true)]
    [InlineData("[]x]", "]", true)]
    [InlineData("a\\.b", "a.b", true)]
    [InlineData("a\\.b", "axb", false)]
    [InlineData("*star", "a *star", true)]
    [InlineData("x\\$", "cost x$", true)]
    [InlineData(".*", "", true)]
    public void MatchesAsPosixGrepDoes(string pattern, string line, bool matches) =>
        Assert.Equal(matches, new BasicRegex(pattern).IsMatch(line));

    [Fact]
    public void IgnoringCaseFoldsLettersAndRanges()
    {
        Assert.True(new BasicRegex("SEA", ignoreCase: true).IsMatch("the sea"));
        Assert.True(new BasicRegex("[a-c]x", ignoreCase: true).IsMatch("Bx"));
        Assert.False(new BasicRegex("[a-c]x", ignoreCase: false).IsMatch("Bx"));
    }

    [Fact]
    public void AnUnclosedBracketIsRefused() =>
        Assert.Throws<FormatException>(() => new BasicRegex("a[bc"));

    [Fact]
    public void RandomPatternsMatchWhatDotNetsRegexMatches()
    {
        var random = new Random(1003);
        string[] atoms = { "a", "b", ".", "[ab]", "[^a]", "[a-c]", "\\.", "c" };
        for (int round = 0; round < 20_000; round++)
        {
            var pattern = new System.Text.StringBuilder();
            var dotnet = new System.Text.StringBuilder();
            bool start = random.Next(4) == 0, end = random.Next(4) == 0;
            if (start)
            {
                pattern.Append('^');
                dotnet.Append('^');
            }
            for (int i = random.Next(0, 5); i > 0; i--)
            {
                string atom = atoms[random.Next(atoms.Length)];
                pattern.Append(atom);
                dotnet.Append(atom);
                if (random.Next(3) == 0)
                {
                    pattern.Append('*');
                    dotnet.Append('*');
                }
            }
            if (end)
            {
                pattern.Append('$');
                dotnet.Append('$');
            }
            string line = new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => "abc.d"[random.Next(5)]).ToArray());
            bool expected = Regex.IsMatch(line, dotnet.ToString());
            Assert.True(expected == new BasicRegex(pattern.ToString()).IsMatch(line), $"/{pattern}/ on \"{line}\": .NET says {expected}");
        }
    }
}
