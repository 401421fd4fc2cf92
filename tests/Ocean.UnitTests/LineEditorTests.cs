namespace Ocean.UnitTests;

using System.Text;
using Ocean.Servers.Sh;

/// <summary>The shell's line editor (servers/sh/LineEditor.cs), fed keys exactly as a terminal sends them.</summary>
public class LineEditorTests
{
    private const string Prompt = "ocean$ ";
    private readonly History _history = new();
    private readonly LineEditor _editor;
    private readonly StringBuilder _screen = new();

    public LineEditorTests()
    {
        _editor = new LineEditor(_history);
        _editor.Start(Prompt, 80, _screen);
    }

    private EditOutcome Type(string keys)
    {
        EditOutcome outcome = EditOutcome.Editing;
        foreach (char key in keys)
        {
            outcome = _editor.Key(key, _screen);
            if (outcome != EditOutcome.Editing)
                break;
        }
        return outcome;
    }

    // What a VT100 would show on the row: replays the screen bytes (CR, BS, ESC [ K, ESC [ n D, text).
    private static string Row(string screen, out int column)
    {
        var row = new StringBuilder();
        column = 0;
        for (int i = 0; i < screen.Length; i++)
        {
            char c = screen[i];
            if (c == '\r')
                column = 0;
            else if (c == '\n')
            {
                row.Clear();
                column = 0;
            }
            else if (c == '\b')
                column--;
            else if (c == '\u0007')
                continue;
            else if (c == '\u001b')
            {
                int end = i + 2;
                while (!char.IsLetter(screen[end]))
                    end++;
                string parameter = screen.Substring(i + 2, end - i - 2);
                if (screen[end] == 'K')
                    row.Length = Math.Min(row.Length, column);
                else if (screen[end] == 'D')
                    column -= parameter.Length == 0 ? 1 : int.Parse(parameter);
                else if (screen[end] == 'C')
                    column += parameter.Length == 0 ? 1 : int.Parse(parameter);
                else if (screen[end] == 'J')
                {
                    row.Clear();
                    column = 0;
                }
                i = end;
            }
            else
            {
                while (row.Length < column)
                    row.Append(' ');
                if (column < row.Length)
                    row[column] = c;
                else
                    row.Append(c);
                column++;
            }
        }
        return row.ToString();
    }

    private string Screen(out int column) => Row(_screen.ToString(), out column);

    [Fact]
    public void TypingAtTheEndShowsJustTheKeysAndEnterEndsTheLine()
    {
        Assert.Equal(EditOutcome.Line, Type("ls -l\r"));
        Assert.Equal("ls -l", _editor.Line);
        Assert.Equal("ocean$ ls -l\n", _screen.ToString());
    }

    [Fact]
    public void ArrowsHomeAndEndMoveAndTypingInsertsAtTheCursor()
    {
        Type("echo world");
        Type("\u001b[D\u001b[D\u001b[D\u001b[D\u001b[D");   // five times Left: before "world"
        Type("hello ");
        Assert.Equal("echo hello world", _editor.Line);
        Assert.Equal("ocean$ echo hello world", Screen(out int column));
        Assert.Equal(Prompt.Length + 11, column);
        Type("\u001bOH#");        // Home (ESC O H)
        Type("\u001b[F!");        // End (ESC [ F)
        Type("\u001b[1~<");       // Home (ESC [ 1 ~)
        Type("\u0005>\u0001^");   // Ctrl-E, Ctrl-A
        Assert.Equal("^<#echo hello world!>", _editor.Line);
        Assert.Equal("ocean$ ^<#echo hello world!>", Screen(out column));
        Assert.Equal(Prompt.Length + 1, column);
    }

    [Fact]
    public void DeletingKeysEraseOnTheScreenToo()
    {
        Type("echo abc\u007f\u007f");                    // Backspace (DEL) twice
        Assert.Equal("echo a", _editor.Line);
        Type("\u0001\u001b[3~\u0004");                    // Home, Delete, Ctrl-D inside a line
        Assert.Equal("ho a", _editor.Line);
        Type("\u0005 one two  \u0017");                    // Ctrl-W: the word before the cursor and its blanks
        Assert.Equal("ho a one ", _editor.Line);
        Type("\u0002\u0002\u0002\u000b");                  // Ctrl-B three times, Ctrl-K
        Assert.Equal("ho a o", _editor.Line);
        Type("\u0002\u0015");                              // Ctrl-U: from the start to the cursor
        Assert.Equal("o", _editor.Line);
        Assert.Equal("ocean$ o", Screen(out int column));
        Assert.Equal(Prompt.Length, column);
    }

    [Fact]
    public void CtrlDOnAnEmptyLineIsTheEndAndCtrlCDropsTheLine()
    {
        Assert.Equal(EditOutcome.EndOfFile, Type("\u0004"));
        _editor.Start(Prompt, 80, _screen);
        Assert.Equal(EditOutcome.Interrupted, Type("sleep 100\u0003"));
        Assert.EndsWith("sleep 100^C\n", _screen.ToString());
    }

    [Fact]
    public void UpAndDownWalkTheHistoryAndKeepTheLineBeingTyped()
    {
        _history.Add("first");
        _history.Add("second");
        _editor.Start(Prompt, 80, _screen);
        Type("draft\u001b[A");
        Assert.Equal("second", _editor.Line);
        Type("\u001b[A\u001b[A");   // past the oldest: the bell, the line stays
        Assert.Equal("first", _editor.Line);
        Assert.EndsWith("\u0007", _screen.ToString());
        Type("\u001b[B\u001b[B");
        Assert.Equal("draft", _editor.Line);
        Type("\u0010 again");        // Ctrl-P, then edit the recalled line
        Assert.Equal(EditOutcome.Line, Type("\r"));
        Assert.Equal("second again", _editor.Line);
        Assert.Equal("ocean$ second again", Row(_screen.ToString().TrimEnd('\n'), out _));
    }

    [Fact]
    public void UnknownAndTruncatedEscapeSequencesNeverReachTheLine()
    {
        Type("a\u001b[1;5C\u001b[200~\u001b[99Zb\u001bxc\u001b[15;2~d");
        Assert.Equal("abcd", _editor.Line);
    }

    [Fact]
    public void ALongLineScrollsSidewaysWithinOneRow()
    {
        _screen.Clear();
        _editor.Start(Prompt, 20, _screen);   // 12 columns of line beside the prompt
        Type("0123456789abcdefghij");
        Assert.Equal("0123456789abcdefghij", _editor.Line);
        string row = Screen(out int column);
        Assert.True(row.Length < 20, row);
        Assert.Equal("ocean$ efghij", row);   // scrolled by half the view, the cursor after
        Assert.Equal(1, _screen.ToString().Split("ocean$").Length - 1);   // a redraw never draws the prompt again
        Assert.Equal(row.Length, column);
        Type("\u0001");
        Assert.Equal("ocean$ 0123456789ab", Screen(out column));
        Assert.Equal(Prompt.Length, column);
        Assert.Equal(EditOutcome.Line, Type("\r"));
    }

    [Fact]
    public void ALineStopsAtItsLongestAndRingsTheBell()
    {
        Type(new string('x', LineEditor.MaxLine + 5));
        Assert.Equal(LineEditor.MaxLine, _editor.Line.Length);
        Assert.EndsWith("\u0007", _screen.ToString());
    }

    [Fact]
    public void CtrlLClearsTheScreenAndDrawsTheLineAgain()
    {
        Type("ls\u000c");
        Assert.Contains("\u001b[2J", _screen.ToString());
        Assert.Equal("ocean$ ls", Screen(out _));
    }

    [Fact]
    public void TabCompletesWhatTheCompleterOffers()
    {
        _editor.Completer = (line, cursor) => Completion.Of(line.Substring(0, cursor), new[] { "sort", "sleep", "sync", "stty" }, _ => false);
        Type("sl\t");
        Assert.Equal("sleep ", _editor.Line);
        _editor.Start(Prompt, 80, _screen);
        Type("s\t");   // nothing more in common: the names are listed and the line drawn again
        Assert.Equal("s", _editor.Line);
        Assert.Contains("\nsleep  sort  stty  sync\n", _screen.ToString());
        Assert.Equal("ocean$ s", Screen(out _));
        Type("x\t");
        Assert.EndsWith("\u0007", _screen.ToString());
    }
}
