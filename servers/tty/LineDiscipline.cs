namespace Ocean.Servers.Tty;

using System.Collections.Generic;
using Ocean.Protocols;

/// <summary>What a typed byte asks of the terminal beyond echo and input.</summary>
public enum TerminalEvent
{
    None,
    /// <summary>Ctrl-C: the line so far is dropped; the foreground group is to be interrupted (SIGINT).</summary>
    Interrupt,
    /// <summary>Ctrl-\: the same, with SIGQUIT.</summary>
    Quit,
    /// <summary>Ctrl-Z: the same, with SIGTSTP (the foreground job stops).</summary>
    Suspend,
}

/// <summary>
/// The terminal's line discipline, in the modes of <see cref="TerminalModes"/> (POSIX's ICANON,
/// ECHO and ISIG, with ICRNL and ECHOE in canonical mode). Canonical: typed bytes are collected into a
/// line, which readers get whole when Enter ends it; Backspace (or DEL) erases a character, Ctrl-U the
/// line, Ctrl-W the word before the cursor; Ctrl-D hands over the line so far without a newline, and
/// on an empty line is end of file (an empty record); escape sequences (arrow keys and the like) are
/// swallowed whole rather than typed into the line. Non-canonical: every byte is input as it is, a
/// record ending after each Enter (so a program that reads one line raw and switches back leaves the
/// rest to be cooked) or when the caller has no more (<see cref="EndOfInput"/>). With signals on,
/// Ctrl-C, Ctrl-\ and Ctrl-Z drop the line and ask for SIGINT, SIGQUIT or SIGTSTP. Pure logic, tested on the host.
/// </summary>
public sealed class LineDiscipline
{
    /// <summary>The longest line, without its newline (a full line rings the bell and takes no more).</summary>
    public const int MaxLine = 1023;

    private const byte Interrupt = 0x03, EndOfFile = 0x04, Bell = 0x07, Backspace = 0x08, Tab = 0x09;
    private const byte LineFeed = 0x0A, CarriageReturn = 0x0D, KillLine = 0x15, EraseWord = 0x17, SuspendKey = 0x1A, Escape = 0x1B, QuitKey = 0x1C, Delete = 0x7F;
    private static readonly byte[] EraseEcho = { Backspace, (byte)' ', Backspace };
    private static readonly byte[] InterruptEcho = { (byte)'^', (byte)'C', LineFeed };
    private static readonly byte[] QuitEcho = { (byte)'^', (byte)'\\', LineFeed };
    private static readonly byte[] SuspendEcho = { (byte)'^', (byte)'Z', LineFeed };

    private enum EscapeState { None, Started, Sequence, SingleShift }

    private readonly List<byte> _line = new();
    private readonly List<byte> _hidden = new();   // where echo goes with ECHO off
    private EscapeState _escape;
    private TerminalModes _modes = TerminalModes.Sane;

    /// <summary>The bytes of the line being edited (canonical), or of input not yet handed over (raw).</summary>
    public int Pending => _line.Count;

    /// <summary>The modes in effect.</summary>
    public TerminalModes Modes => _modes;

    /// <summary>
    /// Changes modes. Entering non-canonical mode hands over the line being edited as it is; leaving
    /// it starts an empty line (the caller feeds back the input programs did not read, to be cooked).
    /// </summary>
    public void SetModes(TerminalModes modes, List<byte[]> ready)
    {
        bool wasCanonical = IsCanonical;
        _modes = modes;
        _escape = EscapeState.None;
        if (wasCanonical && !IsCanonical && _line.Count > 0)
            Hand(ready);
    }

    /// <summary>The caller has no more bytes for now: in non-canonical mode, what came is handed over.</summary>
    public void EndOfInput(List<byte[]> ready)
    {
        if (!IsCanonical && _line.Count > 0)
            Hand(ready);
    }

    private bool IsCanonical => (_modes & TerminalModes.Canonical) != 0;

    /// <summary>
    /// Takes one typed byte: what to show goes to <paramref name="echo"/>, input readers may now have
    /// to <paramref name="ready"/> (a line ending in a newline, a partial line, or an empty array for
    /// end of file).
    /// </summary>
    public TerminalEvent Receive(byte value, List<byte> echo, List<byte[]> ready)
    {
        if ((_modes & TerminalModes.Echo) == 0)
        {
            _hidden.Clear();
            echo = _hidden;
        }
        if ((_modes & TerminalModes.Signals) != 0 && (value == Interrupt || value == QuitKey || value == SuspendKey))
        {
            _line.Clear();
            echo.AddRange(value == Interrupt ? InterruptEcho : value == QuitKey ? QuitEcho : SuspendEcho);
            return value == Interrupt ? TerminalEvent.Interrupt : value == QuitKey ? TerminalEvent.Quit : TerminalEvent.Suspend;
        }
        if (!IsCanonical)
        {
            _line.Add(value);
            echo.Add(value);
            if (value == CarriageReturn || value == LineFeed || _line.Count == MaxLine)
                Hand(ready);
            return TerminalEvent.None;
        }
        if (_escape != EscapeState.None)
        {
            SkipEscape(value);
            return TerminalEvent.None;
        }
        switch (value)
        {
            case Escape:
                _escape = EscapeState.Started;
                return TerminalEvent.None;
            case CarriageReturn or LineFeed:
                _line.Add(LineFeed);
                echo.Add(LineFeed);
                Hand(ready);
                return TerminalEvent.None;
            case Backspace or Delete:
                EraseLast(echo);
                return TerminalEvent.None;
            case KillLine:
                while (_line.Count > 0)
                    EraseLast(echo);
                return TerminalEvent.None;
            case EraseWord:
                while (_line.Count > 0 && IsBlank(_line[_line.Count - 1]))
                    EraseLast(echo);
                while (_line.Count > 0 && !IsBlank(_line[_line.Count - 1]))
                    EraseLast(echo);
                return TerminalEvent.None;
            case EndOfFile:
                Hand(ready);   // an empty line so handed over is end of file
                return TerminalEvent.None;
        }
        if (value < (byte)' ' && value != Tab)
            return TerminalEvent.None;   // other control characters have no meaning here
        if (_line.Count == MaxLine)
        {
            echo.Add(Bell);
            return TerminalEvent.None;
        }
        _line.Add(value);
        echo.Add(value);
        return TerminalEvent.None;
    }

    // ESC [ parameters intermediates final, ESC O final, or ESC and one byte: no part reaches the line.
    private void SkipEscape(byte value)
    {
        _escape = _escape switch
        {
            EscapeState.Started when value == (byte)'[' => EscapeState.Sequence,
            EscapeState.Started when value == (byte)'O' => EscapeState.SingleShift,
            EscapeState.Sequence when value >= 0x20 && value <= 0x3F => EscapeState.Sequence,
            _ => EscapeState.None,
        };
    }

    private void Hand(List<byte[]> ready)
    {
        ready.Add(_line.ToArray());
        _line.Clear();
    }

    private void EraseLast(List<byte> echo)
    {
        if (_line.Count == 0)
            return;
        _line.RemoveAt(_line.Count - 1);
        echo.AddRange(EraseEcho);
    }

    private static bool IsBlank(byte value) => value == (byte)' ' || value == Tab;
}
