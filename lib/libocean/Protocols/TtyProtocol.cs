namespace Ocean.Protocols;

/// <summary>
/// What the terminal service (servers/tty) answers: the console's modes (a termios subset) and its
/// window size. Clients reach it by name (<see cref="TtyProtocol.ServiceName"/>, kept in
/// <see cref="ServiceSlot.Tty"/>). The request is the message label; reply labels are 0 or a positive
/// errno. Input itself does not come this way: programs read the console as a file.
/// </summary>
public enum TtyRequest : uint
{
    /// <summary>tcgetattr and TIOCGWINSZ. No words. Reply words: the modes (<see cref="TerminalModes"/>), rows and columns.</summary>
    GetMode = 1,
    /// <summary>
    /// tcsetattr (TCSANOW). Word 0: the new modes. Reply word 0: the modes before. Entering
    /// non-canonical mode hands readers the line being edited as it is; leaving it cooks the keys
    /// typed ahead that no program has read yet, as if typed now. EINVAL for an unknown mode bit.
    /// </summary>
    SetMode = 2,
    /// <summary>TIOCSWINSZ. Words 0–1: rows and columns, each 1..<see cref="TtyProtocol.MaxDimension"/>. EINVAL otherwise.</summary>
    SetWindowSize = 3,
}

/// <summary>The terminal's modes, as POSIX's termios flags of the same meaning.</summary>
[System.Flags]
public enum TerminalModes : ulong
{
    None = 0,
    /// <summary>ICANON: input comes a line at a time, edited with Backspace, Ctrl-U and Ctrl-W; Ctrl-D ends the input. Without it every key is passed on as it is typed.</summary>
    Canonical = 1,
    /// <summary>ECHO: typed keys are shown.</summary>
    Echo = 2,
    /// <summary>ISIG: Ctrl-C and Ctrl-\ signal the foreground process group (SIGINT, SIGQUIT) instead of being input.</summary>
    Signals = 4,
    /// <summary>What a terminal starts with and `stty sane` restores.</summary>
    Sane = Canonical | Echo | Signals,
    All = Canonical | Echo | Signals,
}

/// <summary>Message layouts of <see cref="TtyRequest"/>.</summary>
public static class TtyProtocol
{
    public const string ServiceName = "tty";

    // GetMode reply words; SetMode request and reply word 0; SetWindowSize request words.
    public const int ModesWord = 0, RowsWord = 1, ColumnsWord = 2, GetModeWords = 3;
    public const int SizeRowsWord = 0, SizeColumnsWord = 1, SizeWords = 2;

    /// <summary>The window a terminal starts with (a VT100's), until someone sets it.</summary>
    public const int DefaultRows = 24, DefaultColumns = 80;
    public const int MaxDimension = 9999;
}
