namespace Ocean.Libc;

using Ocean.Protocols;

/// <summary>The console terminal's settings: termios's flags that Ocean has, and the window size.</summary>
public struct TerminalSettings
{
    public TerminalModes Modes;
    public int Rows;
    public int Columns;

    public bool Canonical => (Modes & TerminalModes.Canonical) != 0;
    public bool Echo => (Modes & TerminalModes.Echo) != 0;
    public bool Signals => (Modes & TerminalModes.Signals) != 0;
}

/// <summary>
/// The console terminal (servers/tty), as POSIX's tcgetattr/tcsetattr subset: canonical or raw
/// input, echo, and whether Ctrl-C and Ctrl-\ signal; and the window size. Reads stay reads of
/// standard input: in non-canonical mode each comes back with the keys typed so far (VMIN 1, VTIME
/// 0), and a read never passes a typed Enter, so a program that reads one line raw and switches back
/// leaves the rest to be cooked.
/// </summary>
public static class Terminal
{
    /// <summary>isatty: whether <paramref name="descriptor"/> is the console (not a pipe, a file or nothing).</summary>
    public static bool IsTerminal(int descriptor) => Syscall.IsTerminal(descriptor) == 1;

    /// <summary>tcgetattr: the console's settings. Fails (ENOTCONN, EAGAIN) while no terminal service runs.</summary>
    public static Error GetSettings(out TerminalSettings settings)
    {
        long result = TtyClient.GetMode(out TerminalModes modes, out int rows, out int columns);
        settings = new TerminalSettings { Modes = modes, Rows = rows, Columns = columns };
        return Error.Of(result);
    }

    /// <summary>tcsetattr(TCSANOW): the new modes; <paramref name="before"/> gets the old ones.</summary>
    public static Error SetModes(TerminalModes modes, out TerminalModes before)
    {
        long result = TtyClient.SetMode(modes);
        before = result < 0 ? TerminalModes.None : (TerminalModes)result;
        return Error.Of(result);
    }

    /// <summary>tcsetattr(TCSANOW) with the new modes.</summary>
    public static Error SetModes(TerminalModes modes) => SetModes(modes, out _);

    /// <summary>TIOCSWINSZ: tells the terminal (and programs that ask) its rows and columns.</summary>
    public static Error SetWindowSize(int rows, int columns) => Error.Of(TtyClient.SetWindowSize(rows, columns));
}
