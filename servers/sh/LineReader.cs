namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Text;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Where the interactive shell's command lines come from. On the console, with the terminal service
/// answering, each line is edited in raw mode by the <see cref="LineEditor"/> (the terminal's modes
/// before are put back while the command runs, so `stty -echo` lasts, and keys typed ahead of the next
/// prompt are cooked for the command); otherwise (a pipe, or the kernel's fallback while no terminal
/// service runs) a line at a time as the console gives it. Lines run are kept in the
/// <see cref="History"/> and appended to $HOME/.sh_history when it can be written.
/// </summary>
public static class LineReader
{
    private const string HistoryName = ".sh_history";
    private const int KeyBytes = 64;

    // Static initializers run in text order: the history exists before the editor that walks it.
    private static readonly History Lines = new();
    private static readonly LineEditor Editor = new(Lines);
    private static readonly byte[] Keys = new byte[KeyBytes];
    private static int _keysRead, _keysUsed;
    private static string _historyPath;

    /// <summary>The lines this shell ran (and those the history file held when it started).</summary>
    public static History History => Lines;

    /// <summary>Loads the history file of <paramref name="home"/>, if there is one.</summary>
    public static void Start(string home)
    {
        _historyPath = PathName.Resolve(home, HistoryName);
        Editor.Completer = Completions.Complete;
        if (_historyPath == null)
            return;
        try
        {
            foreach (string line in System.IO.File.ReadAllLines(_historyPath))
                History.Add(line);
        }
        catch (System.IO.IOException)
        {
            // none yet, or not readable: the history starts empty
        }
    }

    /// <summary>Keeps a line that ran; a history file that cannot be written is not tried again.</summary>
    public static void Remember(string line)
    {
        if (!History.Add(line) || _historyPath == null)
            return;
        try
        {
            System.IO.File.AppendAllText(_historyPath, line + "\n");
        }
        catch (System.IO.IOException)
        {
            _historyPath = null;
        }
    }

    /// <summary>
    /// Shows <paramref name="prompt"/> and reads a line: null at the end of input, "" with
    /// <paramref name="interrupted"/> set after Ctrl-C.
    /// </summary>
    public static string Read(string prompt, out bool interrupted)
    {
        interrupted = false;
        if (!Terminal.IsTerminal(Descriptors.StandardInput) || Terminal.GetSettings(out TerminalSettings settings).Failed ||
            Terminal.SetModes(TerminalModes.None).Failed)
        {
            Console.Write(prompt);
            return Console.ReadLine();
        }
        var screen = new StringBuilder();
        Editor.Start(prompt, settings.Columns, screen);
        EditOutcome outcome = EditOutcome.Editing;
        while (outcome == EditOutcome.Editing)
        {
            Show(screen);
            if (_keysUsed == _keysRead && !ReadKeys())
                outcome = EditOutcome.EndOfFile;
            while (outcome == EditOutcome.Editing && _keysUsed < _keysRead)
                outcome = Editor.Key((char)Keys[_keysUsed++], screen);
        }
        Show(screen);
        Terminal.SetModes(settings.Modes);
        interrupted = outcome == EditOutcome.Interrupted;
        return outcome == EditOutcome.EndOfFile ? null : interrupted ? "" : Editor.Line;
    }

    private static bool ReadKeys()
    {
        int count = File.StandardInput.Read(new Span<byte>(Keys, 0, KeyBytes));
        _keysUsed = 0;
        _keysRead = count > 0 ? count : 0;
        return count > 0;
    }

    private static void Show(StringBuilder screen)
    {
        if (screen.Length == 0)
            return;
        Console.Write(screen.ToString());
        Stdio.Flush();
        screen.Clear();
    }
}
