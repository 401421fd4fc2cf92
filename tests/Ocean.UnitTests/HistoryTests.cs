namespace Ocean.UnitTests;

using Ocean.Servers.Sh;

/// <summary>The shell's history (servers/sh/History.cs) and Tab's completions (servers/sh/Completion.cs).</summary>
public class HistoryTests
{
    [Fact]
    public void BlankLinesAndRepeatsAreNotKeptAndTheOldestGo()
    {
        var history = new History();
        Assert.True(history.Add("ls"));
        Assert.False(history.Add("ls"));
        Assert.False(history.Add("   "));
        Assert.True(history.Add("pwd"));
        Assert.True(history.Add("ls"));
        Assert.Equal(3, history.Count);
        for (int i = 0; i < History.MaxEntries; i++)
            history.Add("echo " + i);
        Assert.Equal(History.MaxEntries, history.Count);
        Assert.Equal("echo 0", history[0]);
    }

    [Fact]
    public void BangBangIsTheLastLineOutsideSingleQuotes()
    {
        var history = new History();
        Assert.Null(history.Expand("echo !!"));
        Assert.Equal("echo plain", history.Expand("echo plain"));
        history.Add("ls -l");
        Assert.Equal("ls -l", history.Expand("!!"));
        Assert.Equal("ls -l | wc", history.Expand("!! | wc"));
        Assert.Equal("echo '!!' \"ls -l\" \\!!", history.Expand("echo '!!' \"!!\" \\!!"));
    }

    [Fact]
    public void ACompletionAddsWhatEveryCandidateSharesAndEndsALoneOne()
    {
        string[] names = { "sort", "sleep", "sync", ".hidden", "src" };
        Completion one = Completion.Of("sl", names, _ => false);
        Assert.Equal("eep ", one.Added);
        Completion dir = Completion.Of("sr", names, name => name == "src");
        Assert.Equal("c/", dir.Added);
        Completion many = Completion.Of("s", names, _ => false);
        Assert.Equal("", many.Added);
        Assert.Equal(new[] { "sleep", "sort", "src", "sync" }, many.Candidates);
        Assert.Equal("rt", Completion.Of("so", new[] { "sort", "sorted" }, _ => false).Added);
        Assert.Empty(Completion.Of("x", names, _ => false).Candidates);
        Assert.Equal(new[] { ".hidden" }, Completion.Of(".", names, _ => false).Candidates);
    }

    [Theory]
    [InlineData("ls", 2, 0, true)]
    [InlineData("cat fi", 6, 4, false)]
    [InlineData("ls | so", 7, 5, true)]
    [InlineData("a; b && gr", 10, 8, true)]
    [InlineData("cat <in", 7, 5, false)]
    [InlineData("echo $(ca", 9, 7, true)]
    public void TheWordBeforeTheCursorAndWhetherItIsACommand(string line, int cursor, int start, bool command)
    {
        Assert.Equal(start, Completion.WordStart(line, cursor, out bool isCommand));
        Assert.Equal(command, isCommand);
    }
}
