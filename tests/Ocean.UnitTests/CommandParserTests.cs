#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Servers.Sh;

/// <summary>The shell's word splitting and quoting (servers/sh/CommandParser.cs).</summary>
public class CommandParserTests
{
    private static readonly Dictionary<string, string> Values = new() { ["HOME"] = "/home", ["X"] = "1 2", ["EMPTY"] = "", ["$"] = "42" };

    // The parser's lookup: a variable's value as bytes, empty if it is not set.
    private sealed class TestVariables : VariableSource
    {
        public override ReadOnlySpan<byte> Lookup(ReadOnlySpan<byte> name) =>
            Values.TryGetValue(Encoding.ASCII.GetString(name), out string? value) ? Encoding.ASCII.GetBytes(value) : default;
    }

    private const int MaxCommands = 8;

    // The NUL-terminated word at offset start of the storage.
    private static string Text(byte[] storage, int start)
    {
        int end = Array.IndexOf(storage, (byte)0, start);
        return Encoding.ASCII.GetString(storage, start, end - start);
    }

    /// <summary>Parses a line; returns each command's words and redirections ("&lt;in", "&gt;out" or "&gt;&gt;out").</summary>
    private static (ParseStatus Status, string[][] Commands, string[][] Files) ParseAll(string line, int lastStatus = 0, int storage = 512, int maxArguments = 32)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(line);
        byte[] store = new byte[storage];
        var words = new int[maxArguments];
        var redirections = new Redirection[MaxCommands];
        ParseStatus status = CommandParser.Parse(bytes, lastStatus, new TestVariables(), store, words, redirections, out int commands);
        var result = new List<string[]>();
        var files = new List<string[]>();
        int entry = 0;
        for (int c = 0; c < commands; c++)
        {
            var command = new List<string>();
            for (; words[entry] != CommandParser.EndOfCommand; entry++)
                command.Add(Text(store, words[entry]));
            entry++;
            result.Add(command.ToArray());
            var redirected = new List<string>();
            if (redirections[c].Input != Redirection.None)
                redirected.Add("<" + Text(store, redirections[c].Input));
            if (redirections[c].Output != Redirection.None)
                redirected.Add((redirections[c].Append ? ">>" : ">") + Text(store, redirections[c].Output));
            Assert.Equal(redirected.Count > 0, redirections[c].Any);
            files.Add(redirected.ToArray());
        }
        return (status, result.ToArray(), files.ToArray());
    }

    private static (ParseStatus Status, string[][] Commands) ParsePipeline(string line, int lastStatus = 0, int storage = 512, int maxArguments = 32)
    {
        (ParseStatus status, string[][] commands, _) = ParseAll(line, lastStatus, storage, maxArguments);
        return (status, commands);
    }

    private static (ParseStatus Status, string[] Words) Parse(string line, int lastStatus = 0, int storage = 512, int maxArguments = 32)
    {
        (ParseStatus status, string[][] commands) = ParsePipeline(line, lastStatus, storage, maxArguments);
        if (status == ParseStatus.Ok)
            Assert.Single(commands);
        return (status, commands.Length > 0 ? commands[0] : Array.Empty<string>());
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

    [Theory]
    [InlineData("echo $HOME", new[] { "echo", "/home" })]
    [InlineData("echo ${HOME}x $HOMEx", new[] { "echo", "/homex", "" })]
    [InlineData("echo \"$X\" $X", new[] { "echo", "1 2", "1 2" })]
    [InlineData("echo '$HOME' \\$HOME \"\\$HOME\"", new[] { "echo", "$HOME", "$HOME", "$HOME" })]
    [InlineData("echo $ $5 a$ ${ ${HOME", new[] { "echo", "$", "$5", "a$", "${", "${HOME" })]
    [InlineData("echo $UNSET. $EMPTY", new[] { "echo", ".", "" })]
    [InlineData("kill $$ \"$$\" '$$'", new[] { "kill", "42", "42", "$$" })]
    public void ExpandsVariables(string line, string[] expected)
    {
        (ParseStatus status, string[] words) = Parse(line);
        Assert.Equal(ParseStatus.Ok, status);
        Assert.Equal(expected, words);
    }

    [Fact]
    public void SplitsPipelinesAtUnquotedBars()
    {
        (ParseStatus status, string[][] commands) = ParsePipeline("echo a|cat | cat -n 'x|y' \\| z");
        Assert.Equal(ParseStatus.Ok, status);
        Assert.Equal(3, commands.Length);
        Assert.Equal(new[] { "echo", "a" }, commands[0]);
        Assert.Equal(new[] { "cat" }, commands[1]);
        Assert.Equal(new[] { "cat", "-n", "x|y", "|", "z" }, commands[2]);
    }

    [Theory]
    [InlineData("| cat")]
    [InlineData("echo a |")]
    [InlineData("echo a | | cat")]
    [InlineData("  |  ")]
    public void APipeNeedsACommandOnEachSide(string line) => Assert.Equal(ParseStatus.EmptyCommand, ParsePipeline(line).Status);

    [Fact]
    public void EveryCommandsTerminatorCountsAgainstTheLimit()
    {
        Assert.Equal(ParseStatus.Ok, ParsePipeline("a | b", maxArguments: 4).Status);
        Assert.Equal(ParseStatus.TooLong, ParsePipeline("a | b | c", maxArguments: 5).Status);
    }

    [Fact]
    public void TakesRedirectionsOutOfTheArguments()
    {
        (ParseStatus status, string[][] commands, string[][] files) = ParseAll("sort <in.txt -r >out.txt | cat>>log 'a>b' \\<x");
        Assert.Equal(ParseStatus.Ok, status);
        Assert.Equal(new[] { "sort", "-r" }, commands[0]);
        Assert.Equal(new[] { "<in.txt", ">out.txt" }, files[0]);
        Assert.Equal(new[] { "cat", "a>b", "<x" }, commands[1]);
        Assert.Equal(new[] { ">>log" }, files[1]);
    }

    [Fact]
    public void RedirectionTargetsExpandAndQuote()
    {
        (_, _, string[][] files) = ParseAll("echo hi > \"$HOME/my file\"");
        Assert.Equal(new[] { ">/home/my file" }, files[0]);
    }

    [Theory]
    [InlineData("echo >", ParseStatus.MissingFileName)]
    [InlineData("echo > | cat", ParseStatus.MissingFileName)]
    [InlineData("echo > > x", ParseStatus.MissingFileName)]
    [InlineData("> x", ParseStatus.EmptyCommand)]
    [InlineData("a|b|c|d|e|f|g|h|i", ParseStatus.TooLong)]
    public void RefusesBrokenRedirections(string line, ParseStatus expected) => Assert.Equal(expected, ParseAll(line).Status);

    [Theory]
    [InlineData("PATH", true)]
    [InlineData("_a1", true)]
    [InlineData("1a", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void KnowsAVariableName(string name, bool expected) => Assert.Equal(expected, CommandParser.IsName(Encoding.ASCII.GetBytes(name)));
}
