namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Text;

/// <summary>One command of a pipeline: its words, and the files it reads or writes instead of the pipe or console.</summary>
public sealed class Command
{
    public List<string> Words { get; } = new();
    /// <summary>'&lt; file': where it reads (null: the pipe or console).</summary>
    public string Input { get; set; }
    /// <summary>'&gt; file' or '&gt;&gt; file': where it writes (null: the pipe or console).</summary>
    public string Output { get; set; }
    /// <summary>'&gt;&gt;': add to the end of <see cref="Output"/> instead of replacing it.</summary>
    public bool Append { get; set; }

    public bool Redirected => Input != null || Output != null;
}

/// <summary>What is wrong with a command line.</summary>
public enum SyntaxProblem
{
    UnterminatedQuote,
    /// <summary>A '|' with no command on one side.</summary>
    EmptyCommand,
    /// <summary>A '&lt;', '&gt;' or '&gt;&gt;' with no file name after it.</summary>
    MissingFileName,
    /// <summary>More than <see cref="CommandParser.MaxCommands"/> commands in one pipeline.</summary>
    TooManyCommands,
    /// <summary>A ';', '&amp;&amp;' or '||' with no command before it, or an '&amp;&amp;' or '||' with none after.</summary>
    EmptyListCommand,
}

/// <summary>A command line the shell cannot run; the message is what the shell prints after "sh: ".</summary>
public sealed class ShellSyntaxException : Exception
{
    public ShellSyntaxException(SyntaxProblem problem) : base(MessageOf(problem)) => Problem = problem;

    public SyntaxProblem Problem { get; }

    private static string MessageOf(SyntaxProblem problem) => problem switch
    {
        SyntaxProblem.UnterminatedQuote => "unterminated quote",
        SyntaxProblem.EmptyCommand => "a command is missing next to '|'",
        SyntaxProblem.MissingFileName => "a file name is missing after '<' or '>'",
        SyntaxProblem.EmptyListCommand => "a command is missing next to ';', '&&' or '||'",
        _ => $"a pipeline has at most {CommandParser.MaxCommands} commands",
    };
}

/// <summary>
/// Splits a command line into words, as a Unix shell does: blanks separate words; '…' keeps
/// everything literally; "…" keeps blanks and honours \" \\ \$, $? and $NAME; a backslash outside
/// quotes takes the next character literally; $? outside single quotes becomes the last exit status,
/// $NAME (or ${NAME}) the variable's value (nothing if unset) and $$ the shell's process id (looked
/// up under the name "$"); an unquoted '|' ends one command of a pipeline; unquoted '&lt;', '&gt;' and
/// '&gt;&gt;' take the next word as the command's input or output file. Pure logic, shared with the
/// host unit tests.
/// </summary>
public static class CommandParser
{
    public const int MaxCommands = 8;

    private enum Pending { None, Input, Output, Append }

    /// <summary>
    /// The pipeline's commands (none for a blank line); <paramref name="lookup"/> gives a variable's
    /// value (null or "" if it is not set). A line it cannot run throws <see cref="ShellSyntaxException"/>.
    /// </summary>
    public static List<Command> Parse(string line, int lastStatus, Func<string, string> lookup)
    {
        var commands = new List<Command>();
        var command = new Command();
        var pending = Pending.None;
        bool anything = false;
        int i = 0;
        while (true)
        {
            while (i < line.Length && IsBlank(line[i]))
                i++;
            if (i < line.Length && (line[i] == '<' || line[i] == '>'))
            {
                if (pending != Pending.None)
                    throw new ShellSyntaxException(SyntaxProblem.MissingFileName);
                pending = line[i] == '<' ? Pending.Input : i + 1 < line.Length && line[i + 1] == '>' ? Pending.Append : Pending.Output;
                i += pending == Pending.Append ? 2 : 1;
                anything = true;
                continue;
            }
            if (i >= line.Length || line[i] == '|')
            {
                if (i >= line.Length && !anything)
                    return commands;   // a blank line
                if (pending != Pending.None)
                    throw new ShellSyntaxException(SyntaxProblem.MissingFileName);
                if (command.Words.Count == 0)
                    throw new ShellSyntaxException(SyntaxProblem.EmptyCommand);
                commands.Add(command);
                if (i >= line.Length)
                    return commands;
                if (commands.Count == MaxCommands)
                    throw new ShellSyntaxException(SyntaxProblem.TooManyCommands);
                command = new Command();
                i++;
                continue;
            }
            anything = true;
            string word = Word(line, ref i, lastStatus, lookup);
            if (pending == Pending.None)
                command.Words.Add(word);
            else if (pending == Pending.Input)
                command.Input = word;
            else
            {
                command.Output = word;
                command.Append = pending == Pending.Append;
            }
            pending = Pending.None;
        }
    }

    /// <summary>Whether the text is a variable name (a letter or '_', then letters, digits, '_').</summary>
    public static bool IsName(string name)
    {
        if (name.Length == 0)
            return false;
        for (int i = 0; i < name.Length; i++)
            if (!IsNameCharacter(name[i], i == 0))
                return false;
        return true;
    }

    // The word starting at position, quotes and references resolved; leaves position after it.
    private static string Word(string line, ref int position, int lastStatus, Func<string, string> lookup)
    {
        var word = new StringBuilder();
        int i = position;
        while (i < line.Length && !IsBlank(line[i]) && line[i] != '|' && line[i] != '<' && line[i] != '>')
        {
            char c = line[i];
            if (c == '\'' || c == '"')
            {
                int end = QuoteEnd(line, i);
                if (end >= line.Length)
                    throw new ShellSyntaxException(SyntaxProblem.UnterminatedQuote);
                for (int j = i + 1; j < end; j++)
                {
                    if (c == '"' && line[j] == '\\' && IsEscapable(line[j + 1]))
                        word.Append(line[++j]);
                    else if (c == '"' && line[j] == '$' && j + 1 < end && line[j + 1] == '?')
                    {
                        word.Append(lastStatus.ToString());
                        j++;
                    }
                    else if (c == '"' && line[j] == '$' && ReferenceLength(line, j + 1, end) > 0)
                        AppendVariable(line, ref j, end, lookup, word);
                    else
                        word.Append(line[j]);
                }
                i = end + 1;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[i + 1]);
                i += 2;
            }
            else if (c == '$' && i + 1 < line.Length && line[i + 1] == '?')
            {
                word.Append(lastStatus.ToString());
                i += 2;
            }
            else if (c == '$' && ReferenceLength(line, i + 1, line.Length) > 0)
            {
                AppendVariable(line, ref i, line.Length, lookup, word);
                i++;
            }
            else
            {
                word.Append(c);
                i++;
            }
        }
        position = i;
        return word.ToString();
    }

    internal static bool IsBlank(char c) => c == ' ' || c == '\t';

    /// <summary>
    /// Where the quote opened at <paramref name="open"/> closes (inside "…" a backslash keeps the next
    /// character, a '"' included), or the line's length when it never does.
    /// </summary>
    internal static int QuoteEnd(string line, int open)
    {
        char quote = line[open];
        int end = open + 1;
        while (end < line.Length && line[end] != quote)
            end += quote == '"' && line[end] == '\\' && end + 1 < line.Length ? 2 : 1;
        return end;
    }

    private static bool IsNameCharacter(char c, bool first) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9');

    // How many characters the reference after a '$' at start-1 spans: NAME or {NAME}; 0 if none.
    private static int ReferenceLength(string line, int start, int end)
    {
        if (start < end && line[start] == '$')
            return 1;   // $$: the shell's process id, looked up under the name "$"
        bool braced = start < end && line[start] == '{';
        int i = braced ? start + 1 : start;
        int nameStart = i;
        while (i < end && IsNameCharacter(line[i], i == nameStart))
            i++;
        if (i == nameStart)
            return 0;
        if (!braced)
            return i - start;
        return i < end && line[i] == '}' ? i + 1 - start : 0;
    }

    // Appends the value of the reference whose '$' is at position; leaves position on its last character.
    private static void AppendVariable(string line, ref int position, int end, Func<string, string> lookup, StringBuilder word)
    {
        int span = ReferenceLength(line, position + 1, end);
        bool braced = line[position + 1] == '{';
        string name = line.Substring(position + (braced ? 2 : 1), braced ? span - 2 : span);
        position += span;
        word.Append(lookup(name) ?? "");
    }

    private static bool IsEscapable(char c) => c == '"' || c == '\\' || c == '$';
}
