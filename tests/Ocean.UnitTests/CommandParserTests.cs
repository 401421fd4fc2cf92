#nullable enable
namespace Ocean.UnitTests;

using Ocean.Servers.Sh;

/// <summary>The shell's word splitting and quoting (servers/sh/CommandParser.cs).</summary>
public class CommandParserTests
{
    private static readonly Dictionary<string, string> Values = new() { ["HOME"] = "/home", ["X"] = "1 2", ["EMPTY"] = "", ["$"] = "42" };

    // The shell's lookup: a variable's value, "" if it is not set.
    private static string Lookup(string name) => Values.TryGetValue(name, out string? value) ? value : "";

    private static List<Command> ParseAll(string line, int lastStatus = 0) => CommandParser.Parse(line, lastStatus, Lookup);

    private static string[] Words(string line, int lastStatus = 0)
    {
        List<Command> commands = ParseAll(line, lastStatus);
        Assert.Single(commands);
        return commands[0].Words.ToArray();
    }

    // A command's redirections as "<in", ">out" or ">>out".
    private static string[] Files(Command command)
    {
        var files = new List<string>();
        if (command.Input != null)
            files.Add("<" + command.Input);
        if (command.Output != null)
            files.Add((command.Append ? ">>" : ">") + command.Output);
        Assert.Equal(files.Count > 0, command.Redirected);
        return files.ToArray();
    }

    private static SyntaxProblem Refused(string line) => Assert.Throws<ShellSyntaxException>(() => ParseAll(line)).Problem;

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
    public void SplitsLikeAUnixShell(string line, string[] expected) => Assert.Equal(expected, Words(line, lastStatus: 42));

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    public void BlankLinesHaveNoCommands(string line) => Assert.Empty(ParseAll(line));

    [Theory]
    [InlineData("echo 'abc")]
    [InlineData("echo \"abc")]
    [InlineData("echo \"abc\\\"")]
    public void UnterminatedQuotesAreReported(string line) => Assert.Equal(SyntaxProblem.UnterminatedQuote, Refused(line));

    [Fact]
    public void LongLinesAreWordsLikeAnyOther()
    {
        string word = new('x', 5000);
        Assert.Equal(new[] { "echo", word, word }, Words($"echo {word} '{word}'"));
    }

    [Fact]
    public void NegativeStatusesExpandWithASign() => Assert.Equal(new[] { "-3" }, Words("$?", lastStatus: -3));

    [Theory]
    [InlineData("echo $HOME", new[] { "echo", "/home" })]
    [InlineData("echo ${HOME}x $HOMEx", new[] { "echo", "/homex", "" })]
    [InlineData("echo \"$X\" $X", new[] { "echo", "1 2", "1 2" })]
    [InlineData("echo '$HOME' \\$HOME \"\\$HOME\"", new[] { "echo", "$HOME", "$HOME", "$HOME" })]
    [InlineData("echo $ $5 a$ ${ ${HOME", new[] { "echo", "$", "$5", "a$", "${", "${HOME" })]
    [InlineData("echo $UNSET. $EMPTY", new[] { "echo", ".", "" })]
    [InlineData("kill $$ \"$$\" '$$'", new[] { "kill", "42", "42", "$$" })]
    public void ExpandsVariables(string line, string[] expected) => Assert.Equal(expected, Words(line));

    [Fact]
    public void AnUnsetVariableIsEmptyWhateverTheLookupSays() =>
        Assert.Equal(new[] { "echo", "[]" }, CommandParser.Parse("echo [$NOTHING]", 0, _ => null!)[0].Words.ToArray());

    [Fact]
    public void SplitsPipelinesAtUnquotedBars()
    {
        List<Command> commands = ParseAll("echo a|cat | cat -n 'x|y' \\| z");
        Assert.Equal(3, commands.Count);
        Assert.Equal(new[] { "echo", "a" }, commands[0].Words);
        Assert.Equal(new[] { "cat" }, commands[1].Words);
        Assert.Equal(new[] { "cat", "-n", "x|y", "|", "z" }, commands[2].Words);
    }

    [Theory]
    [InlineData("| cat")]
    [InlineData("echo a |")]
    [InlineData("echo a | | cat")]
    [InlineData("  |  ")]
    public void APipeNeedsACommandOnEachSide(string line) => Assert.Equal(SyntaxProblem.EmptyCommand, Refused(line));

    [Fact]
    public void APipelineHasAtMostEightCommands()
    {
        Assert.Equal(CommandParser.MaxCommands, ParseAll("a|b|c|d|e|f|g|h").Count);
        Assert.Equal(SyntaxProblem.TooManyCommands, Refused("a|b|c|d|e|f|g|h|i"));
    }

    [Fact]
    public void TakesRedirectionsOutOfTheArguments()
    {
        List<Command> commands = ParseAll("sort <in.txt -r >out.txt | cat>>log 'a>b' \\<x");
        Assert.Equal(new[] { "sort", "-r" }, commands[0].Words);
        Assert.Equal(new[] { "<in.txt", ">out.txt" }, Files(commands[0]));
        Assert.Equal(new[] { "cat", "a>b", "<x" }, commands[1].Words);
        Assert.Equal(new[] { ">>log" }, Files(commands[1]));
    }

    [Fact]
    public void AParenthesizedListIsASubshellCommand()
    {
        List<Command> commands = ParseAll("(cd /tmp; ls | wc) | grep x");
        Assert.Equal("cd /tmp; ls | wc", commands[0].Subshell);
        Assert.Empty(commands[0].Words);
        Assert.Equal("(…)", commands[0].Name);
        Assert.Equal(new[] { "grep", "x" }, commands[1].Words);
        Command redirected = ParseAll("( echo ')' \\) ) > out 2>&1")[0];
        Assert.Equal(" echo ')' \\) ", redirected.Subshell);
        Assert.True(redirected.Output == "out" && redirected.ErrorToOutput);
        Assert.Equal("echo (x)", ParseAll("(echo (x))")[0].Subshell);
        Assert.Equal(new[] { "echo", "a(b)", "$(x)" }, ParseAll("echo 'a(b)' \\$\\(x\\)")[0].Words);   // quoted or escaped: text
    }

    [Theory]
    [InlineData("(echo a", SyntaxProblem.UnterminatedGroup)]
    [InlineData("echo a)", SyntaxProblem.UnexpectedParenthesis)]
    [InlineData("(echo a) b", SyntaxProblem.UnexpectedParenthesis)]
    [InlineData("( )", SyntaxProblem.EmptyCommand)]
    [InlineData("echo a(b", SyntaxProblem.UnexpectedParenthesis)]
    public void RefusesBrokenGroups(string line, SyntaxProblem expected) => Assert.Equal(expected, Refused(line));

    [Fact]
    public void NumberedDescriptorsRedirectAndDuplicate()
    {
        List<Command> commands = ParseAll("ls x 2>err 1>out 0<in | grep a2>b 2>>log 2>&1 | wc >&2");
        Assert.Equal(new[] { "ls", "x" }, commands[0].Words);
        Assert.Equal(("in", "out", "err", false), (commands[0].Input, commands[0].Output, commands[0].ErrorOutput, commands[0].ErrorAppend));
        Assert.Equal(new[] { "grep", "a2" }, commands[1].Words);   // a digit inside a word stays the word's
        Assert.Equal(("b", "log", true, true), (commands[1].Output, commands[1].ErrorOutput, commands[1].ErrorAppend, commands[1].ErrorToOutput));
        Assert.True(commands[2].OutputToError && commands[2].Redirected && !commands[2].ErrorToOutput);
        Assert.Equal(new[] { "echo", "2", ">x" }, ParseAll("echo 2 \\>x")[0].Words);
        Assert.Equal(new[] { "echo", "'2'" }, ParseAll("echo \"'2'\" 2>&1")[0].Words);
    }

    [Theory]
    [InlineData("echo 3>x")]
    [InlineData("cat 1<x")]
    [InlineData("cat 0>x")]
    [InlineData("echo 2>&3")]
    [InlineData("echo 1>&1")]
    [InlineData("echo 2>&1x")]
    [InlineData("echo >&file")]
    public void RefusesDescriptorRedirectionsItDoesNotHave(string line)
    {
        Assert.Equal(SyntaxProblem.UnsupportedRedirect, Refused(line));
    }

    [Fact]
    public void RedirectionTargetsExpandAndQuote() =>
        Assert.Equal(new[] { ">/home/my file" }, Files(ParseAll("echo hi > \"$HOME/my file\"")[0]));

    [Theory]
    [InlineData("echo >", SyntaxProblem.MissingFileName)]
    [InlineData("echo > | cat", SyntaxProblem.MissingFileName)]
    [InlineData("echo > > x", SyntaxProblem.MissingFileName)]
    [InlineData("> x", SyntaxProblem.EmptyCommand)]
    [InlineData("echo 2>&", SyntaxProblem.MissingFileName)]
    [InlineData("echo 2>", SyntaxProblem.MissingFileName)]
    public void RefusesBrokenRedirections(string line, SyntaxProblem expected) => Assert.Equal(expected, Refused(line));

    [Theory]
    [InlineData(SyntaxProblem.UnterminatedQuote, "unterminated quote")]
    [InlineData(SyntaxProblem.EmptyCommand, "a command is missing next to '|'")]
    [InlineData(SyntaxProblem.MissingFileName, "a file name is missing after '<' or '>'")]
    [InlineData(SyntaxProblem.TooManyCommands, "a pipeline has at most 8 commands")]
    public void SaysWhatIsWrong(SyntaxProblem problem, string message) => Assert.Equal(message, new ShellSyntaxException(problem).Message);

    [Theory]
    [InlineData("PATH", true)]
    [InlineData("_a1", true)]
    [InlineData("1a", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void KnowsAVariableName(string name, bool expected) => Assert.Equal(expected, CommandParser.IsName(name));
}
