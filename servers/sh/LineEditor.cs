namespace Ocean.Servers.Sh;

using System.Text;

/// <summary>What a key did to the line being edited.</summary>
public enum EditOutcome
{
    /// <summary>Still editing.</summary>
    Editing,
    /// <summary>Enter: <see cref="LineEditor.Line"/> is the line to run.</summary>
    Line,
    /// <summary>Ctrl-D on an empty line: the end of input.</summary>
    EndOfFile,
    /// <summary>Ctrl-C: the line is dropped; a fresh prompt follows.</summary>
    Interrupted,
}

/// <summary>
/// The shell's line editor, on a terminal in raw mode: keys come in as the terminal sends them and
/// the screen is drawn with the VT100 subset every terminal has (carriage return, backspace, erase to
/// the end of the line, cursor left). Left/Right (Ctrl-B/F), Home/End (Ctrl-A/E), Backspace, Delete
/// (and Ctrl-D inside a line), Ctrl-K, Ctrl-U and Ctrl-W cut, Ctrl-L clears the screen, Up/Down
/// (Ctrl-P/N) walk the <see cref="History"/> and Tab asks <see cref="Completer"/>. A line longer than
/// the window scrolls sideways within one row. Pure logic (keys in, screen bytes out), tested on the host.
/// </summary>
public sealed class LineEditor
{
    /// <summary>The longest line (as the terminal's canonical mode takes): a key past it rings the bell.</summary>
    public const int MaxLine = 1023;

    private const char CtrlA = '\u0001', CtrlB = '\u0002', CtrlC = '\u0003', CtrlD = '\u0004', CtrlE = '\u0005', CtrlF = '\u0006';
    private const char Bell = '\u0007', Backspace = '\u0008', Tab = '\u0009', LineFeed = '\n', CtrlK = '\u000b', CtrlL = '\u000c';
    private const char CarriageReturn = '\r', CtrlN = '\u000e', CtrlP = '\u0010', CtrlU = '\u0015', CtrlW = '\u0017';
    private const char Escape = '\u001b', Delete = '\u007f';
    private const string EraseToEnd = "\u001b[K", ClearScreen = "\u001b[H\u001b[2J", EraseBack = "\b \b";
    private const int MinimumView = 8, MaxParameter = 1000;
    // VT220 editing keys: ESC [ n ~.
    private const int HomeKey = 1, DeleteKey = 3, EndKey = 4, HomeKeyRxvt = 7, EndKeyRxvt = 8;

    private enum EscapeState { None, Started, Sequence, SingleShift }

    private readonly History _history;
    private readonly StringBuilder _line = new();
    private string _prompt = "";
    private int _columns, _cursor, _scroll, _recalled;
    private string _draft = "";
    private EscapeState _escape;
    private int _parameter;
    private bool _parameterDone;

    public LineEditor(History history) => _history = history;

    /// <summary>Tab's completions: given the line and the cursor, the replacement for the word before it, or null.</summary>
    public System.Func<string, int, Completion> Completer { get; set; }

    /// <summary>The line as edited so far.</summary>
    public string Line => _line.ToString();

    /// <summary>Where the cursor is in <see cref="Line"/>.</summary>
    public int Cursor => _cursor;

    /// <summary>Starts a new line: shows the prompt on a window <paramref name="columns"/> wide.</summary>
    public void Start(string prompt, int columns, StringBuilder screen)
    {
        _prompt = prompt;
        _columns = columns < prompt.Length + MinimumView ? prompt.Length + MinimumView : columns;
        _line.Clear();
        _cursor = _scroll = 0;
        _recalled = _history.Count;
        _draft = "";
        _escape = EscapeState.None;
        screen.Append(prompt);
    }

    /// <summary>Takes one key (a byte as the terminal sent it); what to show goes to <paramref name="screen"/>.</summary>
    public EditOutcome Key(char key, StringBuilder screen)
    {
        if (_escape != EscapeState.None)
        {
            EscapeKey(key, screen);
            return EditOutcome.Editing;
        }
        switch (key)
        {
            case CarriageReturn or LineFeed:
                if (_scroll > 0 || _cursor < _line.Length)
                    Show(0, screen);   // the whole start of the line, as it will stay on the screen
                screen.Append(LineFeed);
                return EditOutcome.Line;
            case CtrlC:
                screen.Append("^C").Append(LineFeed);
                return EditOutcome.Interrupted;
            case CtrlD:
                if (_line.Length == 0)
                    return EditOutcome.EndOfFile;
                DeleteForward(screen);
                break;
            case CtrlA: MoveTo(0, screen); break;
            case CtrlE: MoveTo(_line.Length, screen); break;
            case CtrlB: MoveTo(_cursor - 1, screen); break;
            case CtrlF: MoveTo(_cursor + 1, screen); break;
            case Backspace or Delete: DeleteBackward(screen); break;
            case CtrlK: Cut(_cursor, _line.Length, screen); break;
            case CtrlU: Cut(0, _cursor, screen); break;
            case CtrlW: Cut(WordStart(), _cursor, screen); break;
            case CtrlL:
                screen.Append(ClearScreen).Append(_prompt);
                Show(_cursor, screen);
                break;
            case CtrlP: Recall(-1, screen); break;
            case CtrlN: Recall(1, screen); break;
            case Tab: Complete(screen); break;
            case Escape:
                _escape = EscapeState.Started;
                break;
            default:
                if (key >= ' ')
                    Insert(key.ToString(), screen);
                break;   // other control keys mean nothing here
        }
        return EditOutcome.Editing;
    }

    private void EscapeKey(char key, StringBuilder screen)
    {
        switch (_escape)
        {
            case EscapeState.Started:
                _escape = key == '[' ? EscapeState.Sequence : key == 'O' ? EscapeState.SingleShift : EscapeState.None;
                _parameter = 0;
                _parameterDone = false;
                return;
            case EscapeState.SingleShift:
                _escape = EscapeState.None;
                CursorKey(key, screen);
                return;
        }
        // ESC [ parameters (digits, ';') intermediates final: only the first parameter counts.
        if (key >= '0' && key <= '9')
        {
            if (!_parameterDone && _parameter < MaxParameter)
                _parameter = _parameter * 10 + (key - '0');
            return;
        }
        if (key >= ' ' && key <= '?')
        {
            _parameterDone = true;
            return;
        }
        _escape = EscapeState.None;
        if (key != '~')
        {
            CursorKey(key, screen);
            return;
        }
        switch (_parameter)
        {
            case HomeKey or HomeKeyRxvt: MoveTo(0, screen); break;
            case EndKey or EndKeyRxvt: MoveTo(_line.Length, screen); break;
            case DeleteKey: DeleteForward(screen); break;
        }
    }

    // The final letter of ESC [ x or ESC O x.
    private void CursorKey(char key, StringBuilder screen)
    {
        switch (key)
        {
            case 'A': Recall(-1, screen); break;
            case 'B': Recall(1, screen); break;
            case 'C': MoveTo(_cursor + 1, screen); break;
            case 'D': MoveTo(_cursor - 1, screen); break;
            case 'H': MoveTo(0, screen); break;
            case 'F': MoveTo(_line.Length, screen); break;
        }
    }

    private void Insert(string text, StringBuilder screen)
    {
        if (_line.Length + text.Length > MaxLine)
        {
            screen.Append(Bell);
            return;
        }
        bool atEnd = _cursor == _line.Length;
        _line.Insert(_cursor, text);
        _cursor += text.Length;
        if (atEnd && _cursor - _scroll <= View)
            screen.Append(text);   // typing at the end of a line that fits: just the keys
        else
            Show(_cursor, screen);
    }

    private void DeleteBackward(StringBuilder screen)
    {
        if (_cursor == 0)
            return;
        if (_cursor == _line.Length && _scroll == 0)
        {
            _line.Remove(--_cursor, 1);
            screen.Append(EraseBack);
            return;
        }
        _line.Remove(--_cursor, 1);
        Show(_cursor, screen);
    }

    private void DeleteForward(StringBuilder screen)
    {
        if (_cursor == _line.Length)
            return;
        _line.Remove(_cursor, 1);
        Show(_cursor, screen);
    }

    private void Cut(int start, int end, StringBuilder screen)
    {
        if (start == end)
            return;
        _line.Remove(start, end - start);
        Show(start, screen);
    }

    private int WordStart()
    {
        int start = _cursor;
        while (start > 0 && _line[start - 1] == ' ')
            start--;
        while (start > 0 && _line[start - 1] != ' ')
            start--;
        return start;
    }

    private void MoveTo(int position, StringBuilder screen)
    {
        if (position < 0 || position > _line.Length || position == _cursor)
            return;
        Show(position, screen);
    }

    // Up (-1) or Down (+1) through the history; the line being typed is kept as the newest entry.
    private void Recall(int step, StringBuilder screen)
    {
        int target = _recalled + step;
        if (target < 0 || target > _history.Count)
        {
            screen.Append(Bell);
            return;
        }
        if (_recalled == _history.Count)
            _draft = Line;
        _recalled = target;
        _line.Clear().Append(target == _history.Count ? _draft : _history[target]);
        Show(_line.Length, screen);
    }

    private void Complete(StringBuilder screen)
    {
        Completion completion = Completer?.Invoke(Line, _cursor);
        if (completion == null || completion.Candidates.Count == 0)
        {
            screen.Append(Bell);
            return;
        }
        string added = completion.Added;
        if (added.Length > 0)
            Insert(added, screen);
        else if (completion.Candidates.Count > 1)
        {
            // Nothing more in common: list them under the line, as other shells do, and draw it again.
            screen.Append(LineFeed).Append(string.Join("  ", completion.Candidates.ToArray())).Append(LineFeed);
            screen.Append(_prompt);
            Show(_cursor, screen);
        }
        else
            screen.Append(Bell);
    }

    // How many characters of the line fit beside the prompt (the last column stays free, so the
    // terminal never wraps).
    private int View => _columns - _prompt.Length - 1;

    // Draws the line again with the cursor at position: back to the row's start, past the prompt (which
    // stays as it is: drawn again, it would look like a new prompt to whoever reads the screen), the
    // part of the line in view, erase what is left of the old one, and back to the cursor. A line
    // that leaves the view scrolls by half of it, so typing on goes without redrawing for a while.
    private void Show(int position, StringBuilder screen)
    {
        _cursor = position;
        int furthest = _line.Length > View ? _line.Length - View / 2 : 0;
        if (_scroll > furthest)
            _scroll = furthest;   // little empty room on the right while the start is hidden
        if (_cursor < _scroll)
            _scroll = _cursor;
        else if (_cursor - _scroll > View)
            _scroll = _cursor - View / 2;
        int shown = _line.Length - _scroll < View ? _line.Length - _scroll : View;
        screen.Append(CarriageReturn);
        if (_prompt.Length > 0)
            screen.Append("\u001b[").Append(_prompt.Length).Append('C');
        screen.Append(_line.ToString(_scroll, shown)).Append(EraseToEnd);
        int back = _scroll + shown - _cursor;
        if (back > 0)
            screen.Append("\u001b[").Append(back).Append('D');
    }
}
