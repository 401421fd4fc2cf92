namespace Ocean.UnitTests;

using Ocean.Servers.Sh;

/// <summary>
/// The shell's command substitution and pathname expansion (servers/sh/CommandParser.cs, Glob.cs),
/// with a fake command runner and a fake directory tree.
/// </summary>
public class ExpansionTests
{
    private static readonly Dictionary<string, string[]> Tree = new()
    {
        ["."] = new[] { "a.txt", "b.txt", "c.log", ".hidden.txt", "dir", "x[1]" },
        ["dir"] = new[] { "one.txt", "two.md", "sub" },
        ["dir/sub"] = new[] { "deep.txt" },
        ["/"] = new[] { "bin", "boot", "tmp" },
        ["/bin"] = new[] { "cat", "echo", "ls" },
    };

    private readonly List<string> _ran = new();

    private Expansions With(int status = 0) => new()
    {
        LastStatus = status,
        Lookup = name => name == "HOME" ? "/home/me" : name == "STAR" ? "*.txt" : null,
        Substitute = commands =>
        {
            _ran.Add(commands);
            return commands switch
            {
                "echo hi" => "hi\n",
                "printf 'a b\\nc'" => "a b\nc\n\n",
                "nothing" => "",
                _ => "<" + commands + ">\n",
            };
        },
        ListDirectory = path => Tree.TryGetValue(path, out string[] names) ? names : null,
    };

    private List<string> Words(string line) => CommandParser.Parse(line, With())[0].Words;

    [Fact]
    public void ASubstitutionIsReplacedByItsOutputWithoutTheLastNewlines()
    {
        Assert.Equal(new[] { "echo", "hi" }, Words("echo $(echo hi)"));
        Assert.Equal(new[] { "echo", "xhiy" }, Words("echo x$(echo hi)y"));
        Assert.Equal(new[] { "echo", "hi" }, Words("echo `echo hi`"));
        Assert.Equal(new[] { "echo hi" }, _ran.Distinct());
    }

    [Fact]
    public void OutsideQuotesItsOutputIsSplitIntoWordsAndInsideItStaysOne()
    {
        Assert.Equal(new[] { "x", "a", "b", "c" }, Words("x $(printf 'a b\\nc')"));
        Assert.Equal(new[] { "x", "a b\nc" }, Words("x \"$(printf 'a b\\nc')\""));
        Assert.Equal(new[] { "x" }, Words("x $(nothing)"));          // nothing unquoted: no word
        Assert.Equal(new[] { "x", "" }, Words("x \"$(nothing)\""));  // quoted: an empty one
    }

    [Fact]
    public void ParenthesesQuotesAndPipesInsideASubstitutionAreItsOwn()
    {
        Assert.Equal(new[] { "echo", "<ls | cat (x) ')'>" }, Words("echo \"$(ls | cat (x) ')')\""));
        List<Command> pipeline = CommandParser.Parse("echo $(a | b) | cat", With());
        Assert.Equal(2, pipeline.Count);
        Assert.Contains("a | b", _ran);
        Assert.Equal("echo $(a; b) ", CommandList.Split("echo $(a; b) && x")[0].Text);
        Assert.Equal(2, CommandList.Split("echo $(a; b) && x").Count);
        Assert.Equal(2, CommandList.Split("echo `a; b`; x").Count);
    }

    [Fact]
    public void AnUnterminatedSubstitutionIsASyntaxError()
    {
        Assert.Equal(SyntaxProblem.UnterminatedSubstitution, Assert.Throws<ShellSyntaxException>(() => Words("echo $(echo hi")).Problem);
        Assert.Equal(SyntaxProblem.UnterminatedSubstitution, Assert.Throws<ShellSyntaxException>(() => Words("echo `echo hi")).Problem);
        Assert.Equal(SyntaxProblem.AmbiguousRedirect, Assert.Throws<ShellSyntaxException>(() => CommandParser.Parse("cat > *.txt", With())).Problem);
    }

    [Fact]
    public void WildcardsBecomeTheMatchingPathsSorted()
    {
        Assert.Equal(new[] { "ls", "a.txt", "b.txt" }, Words("ls *.txt"));
        Assert.Equal(new[] { "ls", "a.txt", "b.txt", "c.log" }, Words("ls ?.*"));
        Assert.Equal(new[] { "ls", "a.txt", "c.log" }, Words("ls [ac].*"));
        Assert.Equal(new[] { "ls", "b.txt", "c.log" }, Words("ls [b-z].*"));
        Assert.Equal(new[] { "ls", "c.log" }, Words("ls [!ab]*.*"));
        Assert.Equal(new[] { "ls", "dir/one.txt", "dir/sub/deep.txt" }, Words("ls dir/*.txt dir/*/deep.txt"));
        Assert.Equal(new[] { "ls", "/bin/cat", "/bin/echo" }, Words("ls /bin/[ce]*"));
        Assert.Equal(new[] { "ls", "/bin/", "/boot/" }, Words("ls /b*/"));
    }

    [Fact]
    public void QuotedWildcardsHiddenNamesAndNoMatchStayAsTheyAre()
    {
        Assert.Equal(new[] { "ls", "*.txt" }, Words("ls '*.txt'"));
        Assert.Equal(new[] { "ls", "*.txt" }, Words("ls \\*.txt"));
        Assert.Equal(new[] { "ls", "*.md" }, Words("ls *.md"));           // nothing matches: the word stays
        Assert.Equal(new[] { "ls", ".hidden.txt" }, Words("ls .*.txt"));   // a dot must be named
        Assert.Equal(new[] { "ls", "*.txt" }, Words("ls $STAR"));          // a variable's value is not a pattern here
        Assert.Equal(new[] { "ls", "x[1]" }, Words("ls x\\[1]"));
        Assert.Equal(new[] { "ls", "nodir/*" }, Words("ls nodir/*"));
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("a*b*c", "aXXbYc", true)]
    [InlineData("a*b*c", "aXXbY", false)]
    [InlineData("?", "", false)]
    [InlineData("[]]", "]", true)]
    [InlineData("[!]]", "x", true)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[", "[", true)]
    [InlineData("*", ".dot", false)]
    [InlineData(".*", ".dot", true)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "x", false)]
    public void OneComponentMatchesAsPosixSays(string pattern, string name, bool matches) =>
        Assert.Equal(matches, Glob.Matches(pattern, name));

    [Fact]
    public void TheOldParseExpandsNoSubstitutionAndNoWildcard()
    {
        Assert.Equal(new[] { "echo", "*.txt" }, CommandParser.Parse("echo $(echo hi) *.txt", 0, _ => null)[0].Words);
    }

    [Fact]
    public void ADefaultStandsInForAnUnsetOrEmptyVariable()
    {
        Func<string, string> lookup = name => name switch { "SET" => "value", "EMPTY" => "", _ => null };
        Assert.Equal(new[] { "value", "fallback", "fallback", "x-y" }, CommandParser.Parse("${SET:-no} ${EMPTY:-fallback} ${UNSET:-fallback} ${UNSET:-x-y}", 0, lookup)[0].Words);
        Assert.Equal(new[] { "", "word" }, CommandParser.Parse("\"${EMPTY-word}\" ${UNSET-word}", 0, lookup)[0].Words);
        Assert.Equal(new[] { "a b c" }, CommandParser.Parse("\"${UNSET:-a b c}\"", 0, lookup)[0].Words);
        Assert.Equal(new[] { "${UNSET:-open" }, CommandParser.Parse("'${UNSET:-open'", 0, lookup)[0].Words);
    }
}
