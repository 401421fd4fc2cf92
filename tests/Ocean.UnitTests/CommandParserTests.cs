#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Servers.Sh;

/// <summary>The shell's word splitting and quoting (servers/sh/CommandParser.cs).</summary>
public unsafe class CommandParserTests
{
    private static (ParseStatus Status, string[] Words) Parse(string line, int lastStatus = 0, int storage = 512, int maxArguments = 32)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(line);
        byte[] store = new byte[storage];
        var argv = new byte*[maxArguments];
        fixed (byte* l = bytes)
        fixed (byte* s = store)
        fixed (byte** a = argv)
        {
            ParseStatus status = CommandParser.Parse(l, bytes.Length, lastStatus, s, storage, a, maxArguments, out int argc);
            var words = new string[argc];
            for (int i = 0; i < argc; i++)
            {
                int n = 0;
                while (a[i][n] != 0)
                    n++;
                words[i] = Encoding.ASCII.GetString(a[i], n);
            }
            if (status == ParseStatus.Ok)
                Assert.True(a[argc] == null);
            return (status, words);
        }
    }

    [Theory]
    [InlineData("echo a b", new[] { "echo", "a", "b" })]
    [InlineData("  echo \t a   b  ", new[] { "echo", "a", "b" })]
    [InlineData("echo 'a  b' c", new[] { "echo", "a  b", "c" })]
    [InlineData("echo \"a  b\"c", new[] { "echo", "a  bc" })]
    [InlineData("echo a\\ b", new[] { "echo", "a b" })]
    [InlineData("echo 'it''s'", new[] { "echo", "its" })]
    [InlineData("echo \"say \\\"hi\\\" \\\\ \\$?\"", new[] { "echo", "say \"hi\" \\ $?" })]
    [InlineData("echo \"keep \\n\"", new[] { "echo", "keep \\n" })]
    [InlineData("echo '$?' \"$?\" $? x$?y", new[] { "echo", "$?", "42", "42", "x42y" })]
    [InlineData("echo ''", new[] { "echo", "" })]
    public void SplitsLikeAUnixShell(string line, string[] expected)
    {
        (ParseStatus status, string[] words) = Parse(line, lastStatus: 42);
        Assert.Equal(ParseStatus.Ok, status);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    public void BlankLinesAreEmpty(string line) => Assert.Equal(ParseStatus.Empty, Parse(line).Status);

    [Theory]
    [InlineData("echo 'abc")]
    [InlineData("echo \"abc")]
    [InlineData("echo \"abc\\\"")]
    public void UnterminatedQuotesAreReported(string line) => Assert.Equal(ParseStatus.UnterminatedQuote, Parse(line).Status);

    [Fact]
    public void TooMuchForTheStorageIsReportedNotOverrun()
    {
        Assert.Equal(ParseStatus.TooLong, Parse("echo abcdefgh", storage: 8).Status);
        Assert.Equal(ParseStatus.TooLong, Parse("a b c d", maxArguments: 4).Status);
        Assert.Equal(ParseStatus.Ok, Parse("a b c", maxArguments: 4).Status);
    }

    [Fact]
    public void NegativeStatusesExpandWithASign() => Assert.Equal(new[] { "-3" }, Parse("$?", lastStatus: -3).Words);
}
