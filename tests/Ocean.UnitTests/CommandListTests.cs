#nullable enable
namespace Ocean.UnitTests;

using Ocean.Servers.Sh;

/// <summary>The shell's lists: ';', '&amp;&amp;' and '||' between pipelines (servers/sh/CommandList.cs).</summary>
public class CommandListTests
{
    private static (string Text, ListCondition Condition)[] Split(string line) =>
        CommandList.Split(line).Select(item => (item.Text.Trim(), item.Condition)).ToArray();

    [Fact]
    public void OperatorsSplitPipelinesAndSayWhenEachRuns()
    {
        Assert.Equal(
            [("a x", ListCondition.Always), ("b | c", ListCondition.IfSucceeded), ("d", ListCondition.IfFailed), ("e", ListCondition.Always)],
            Split("a x && b | c || d; e"));
        Assert.Equal([("echo a", ListCondition.Always)], Split("echo a;"));   // a ';' may end the line
        Assert.Equal([("a", ListCondition.Always), ("b", ListCondition.IfSucceeded)], Split("a&&b"));
        Assert.Empty(Split("   "));
    }

    [Fact]
    public void AnAmpersandSendsThePipelineBeforeItToTheBackground()
    {
        List<ListItem> items = CommandList.Split("sleep 5 & echo a | wc&&b& c >&2 '&' \\& d &");
        Assert.Equal(["sleep 5", "echo a | wc", "b", "c >&2 '&' \\& d"], items.Select(i => i.Text.Trim()));
        Assert.Equal([true, false, true, true], items.Select(i => i.Background));
        Assert.Equal([ListCondition.Always, ListCondition.Always, ListCondition.IfSucceeded, ListCondition.Always], items.Select(i => i.Condition));
        Assert.False(CommandList.Split("a && b").Any(i => i.Background));
    }

    [Fact]
    public void ASubshellsOperatorsAreItsOwn()
    {
        Assert.Equal([("(a; b && c)", ListCondition.Always), ("d", ListCondition.IfFailed), ("e", ListCondition.Always)], Split("(a; b && c) || d; e"));
        List<ListItem> items = CommandList.Split("(a; (b; c)) && d &");
        Assert.Equal(["(a; (b; c))", "d"], items.Select(item => item.Text.Trim()));
        Assert.True(items[1].Background && !items[0].Background);
    }

    [Fact]
    public void QuotedAndEscapedOperatorsAreText()
    {
        Assert.Equal([("echo 'a; b' \"c && d\" e\\;f g\\|\\|h", ListCondition.Always)], Split("echo 'a; b' \"c && d\" e\\;f g\\|\\|h"));
        Assert.Equal([("echo \"x \\\" ;\" y", ListCondition.Always), ("z", ListCondition.Always)], Split("echo \"x \\\" ;\" y; z"));
    }

    [Theory]
    [InlineData("; a")]
    [InlineData("a ;; b")]
    [InlineData("a && && b")]
    [InlineData("a ||")]
    [InlineData("&& a")]
    [InlineData("& a")]
    [InlineData("a & & b")]
    [InlineData("a &;")]
    public void AnOperatorWithoutItsPipelineIsASyntaxError(string line)
    {
        var error = Assert.Throws<ShellSyntaxException>(() => CommandList.Split(line));
        Assert.Equal(SyntaxProblem.EmptyListCommand, error.Problem);
    }

    [Theory]
    [InlineData(ListCondition.Always, 0, true)]
    [InlineData(ListCondition.Always, 1, true)]
    [InlineData(ListCondition.IfSucceeded, 0, true)]
    [InlineData(ListCondition.IfSucceeded, 2, false)]
    [InlineData(ListCondition.IfFailed, 0, false)]
    [InlineData(ListCondition.IfFailed, 127, true)]
    public void APipelineRunsAfterTheStatusItsConditionWants(ListCondition condition, int lastStatus, bool runs) =>
        Assert.Equal(runs, new ListItem("x", condition).RunsAfter(lastStatus));
}
