namespace Ocean.UnitTests;

using System.Text;
using Ocean.Protocols;
using Ocean.Servers.Tty;

/// <summary>The terminal service's canonical line discipline (servers/tty/LineDiscipline.cs), byte by byte as a terminal sends them.</summary>
public class LineDisciplineTests
{
    private readonly LineDiscipline _discipline = new();
    private readonly List<byte> _echo = new();
    private readonly List<byte[]> _ready = new();

    private List<TerminalEvent> Type(string keys) =>
        keys.Select(key => _discipline.Receive((byte)key, _echo, _ready)).Where(e => e != TerminalEvent.None).ToList();

    private string Echo => Encoding.ASCII.GetString(_echo.ToArray());

    private string[] Lines => _ready.Select(r => Encoding.ASCII.GetString(r)).ToArray();

    [Fact]
    public void ALineIsEchoedAndHandedOverWhenEnterEndsIt()
    {
        Type("ls -l");
        Assert.Empty(_ready);
        Assert.Equal(5, _discipline.Pending);
        Type("\r");
        Assert.Equal(new[] { "ls -l\n" }, Lines);
        Assert.Equal("ls -l\n", Echo);
        Type("pwd\n");
        Assert.Equal(new[] { "ls -l\n", "pwd\n" }, Lines);
    }

    [Fact]
    public void BackspaceAndDeleteEraseOneCharacterOnScreenToo()
    {
        Type("lx\bs\x7f\x7fls\r");
        Assert.Equal(new[] { "ls\n" }, Lines);
        Assert.Equal("lx\b \bs\b \b\b \bls\n", Echo);
        Type("\b\b\r");   // nothing to erase: nothing echoed
        Assert.Equal("", Lines[1].TrimEnd('\n'));
    }

    [Fact]
    public void CtrlUErasesTheLineAndCtrlWTheWordBeforeTheCursor()
    {
        Type("echo one two  \x17three\r");
        Assert.Equal("echo one three\n", Lines[0]);
        Type("rm -rf /\u0015echo safe\r");
        Assert.Equal("echo safe\n", Lines[1]);
        Type("\x17\x17x\r");   // Ctrl-W on an empty line erases nothing
        Assert.Equal("x\n", Lines[2]);
    }

    [Fact]
    public void CtrlDIsEndOfFileOnAnEmptyLineAndHandsOverAPartialOne()
    {
        Type("\x04");
        Assert.Single(_ready);
        Assert.Empty(_ready[0]);
        Type("abc\x04");
        Assert.Equal("abc", Lines[1]);
        Assert.Equal("abc", Echo);
    }

    [Fact]
    public void CtrlCDropsTheLineAndAsksForAnInterrupt()
    {
        List<TerminalEvent> events = Type("sleep 100\x03");
        Assert.Equal(new[] { TerminalEvent.Interrupt }, events);
        Assert.Empty(_ready);
        Assert.Equal(0, _discipline.Pending);
        Assert.EndsWith("^C\n", Echo);
        Type("true\r");
        Assert.Equal(new[] { "true\n" }, Lines);
    }

    [Fact]
    public void CtrlBackslashDropsTheLineAndAsksToQuit()
    {
        Assert.Equal(new[] { TerminalEvent.Quit }, Type("yes\u001c"));
        Assert.Equal(0, _discipline.Pending);
        Assert.EndsWith("^\\\n", Echo);
    }

    [Fact]
    public void EscapeSequencesNeverReachTheLine()
    {
        // Up, Down, Home (CSI with a parameter), F1 (SS3), Alt-x, then text.
        Type("\x1b[A\x1b[B\x1b[1~\x1bOP\x1bxok\r");
        Assert.Equal(new[] { "ok\n" }, Lines);
        Assert.Equal("ok\n", Echo);
    }

    [Fact]
    public void OtherControlCharactersAreIgnoredAndTabIsText()
    {
        Type("a\x01\x02\tb\r");
        Assert.Equal("a\tb\n", Lines[0]);
    }

    [Fact]
    public void AFullLineRingsTheBellAndTakesNoMore()
    {
        Type(new string('x', LineDiscipline.MaxLine + 3));
        Assert.Equal(LineDiscipline.MaxLine, _discipline.Pending);
        Assert.EndsWith("\a\a\a", Echo);
        Type("\r");
        Assert.Equal(LineDiscipline.MaxLine + 1, _ready[0].Length);
    }

    [Fact]
    public void RawModePassesEveryByteAsTypedAndEndsARecordAfterEnter()
    {
        _discipline.SetModes(TerminalModes.None, _ready);
        Type("a\u001b[A\u007f\u0015\u0004\u0003");
        Assert.Empty(_ready);   // nothing is handed over until the caller has no more bytes
        Assert.Equal(8, _discipline.Pending);
        _discipline.EndOfInput(_ready);
        Assert.Equal(new[] { "a\u001b[A\u007f\u0015\u0004\u0003" }, Lines);
        Assert.Equal("", Echo);   // no echo without ECHO
        Type("ls\rpwd\r\nx");
        _discipline.EndOfInput(_ready);
        Assert.Equal(new[] { "a\u001b[A\u007f\u0015\u0004\u0003", "ls\r", "pwd\r", "\n", "x" }, Lines);
        _discipline.EndOfInput(_ready);
        Assert.Equal(5, _ready.Count);   // nothing more: no empty record, which would read as end of file
    }

    [Fact]
    public void NonCanonicalModeWithEchoAndSignalsEchoesAndStillSignals()
    {
        _discipline.SetModes(TerminalModes.Echo | TerminalModes.Signals, _ready);
        Assert.Equal(new[] { TerminalEvent.Interrupt, TerminalEvent.Quit }, Type("ab\u0003q\u001c"));
        _discipline.EndOfInput(_ready);
        Assert.Empty(_ready);   // the signal drops what was not handed over
        Assert.Equal("ab^C\nq^\\\n", Echo);
    }

    [Fact]
    public void EnteringRawModeHandsOverTheLineBeingEditedAndLeavingItStartsAFreshLine()
    {
        Type("ech");
        _discipline.SetModes(TerminalModes.None, _ready);
        Assert.Equal(new[] { "ech" }, Lines);
        Type("o\r");
        _discipline.SetModes(TerminalModes.Sane, _ready);
        Assert.Equal(new[] { "ech", "o\r" }, Lines);
        Type("x\b\by\r");
        Assert.Equal("y\n", Lines[2]);
    }

    [Fact]
    public void CanonicalModeWithoutEchoStillEditsButShowsNothing()
    {
        _discipline.SetModes(TerminalModes.Canonical | TerminalModes.Signals, _ready);
        Type("secret\b\bXY\r");
        Assert.Equal(new[] { "secrXY\n" }, Lines);
        Assert.Equal("", Echo);
        Assert.Equal(new[] { TerminalEvent.Interrupt }, Type("\u0003"));
    }

    [Fact]
    public void WithoutSignalsCtrlCIsInputInRawModeAndIgnoredInCanonicalMode()
    {
        _discipline.SetModes(TerminalModes.None, _ready);
        Assert.Empty(Type("\u0003\u001c"));
        _discipline.EndOfInput(_ready);
        Assert.Equal(new[] { "\u0003\u001c" }, Lines);
        _discipline.SetModes(TerminalModes.Canonical, _ready);
        Assert.Empty(Type("a\u0003b\r"));
        Assert.Equal("ab\n", Lines[1]);
    }

    [Fact]
    public void CtrlZDropsTheLineAndAsksForTheStopSignal()
    {
        Type("half");
        Assert.Equal(new[] { TerminalEvent.Suspend }, Type("\u001a"));
        Assert.Equal("half^Z\n", Echo);
        Type("\r");
        Assert.Equal(new[] { "\n" }, Lines);
    }
}
