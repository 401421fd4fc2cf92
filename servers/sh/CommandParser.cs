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
    /// <summary>'2&gt; file' or '2&gt;&gt; file': where its standard error goes (null: where the shell's does).</summary>
    public string ErrorOutput { get; set; }
    /// <summary>'2&gt;&gt;': add to the end of <see cref="ErrorOutput"/>.</summary>
    public bool ErrorAppend { get; set; }
    /// <summary>'2&gt;&amp;1': standard error goes where standard output finally goes (a file, the pipe or the console).</summary>
    public bool ErrorToOutput { get; set; }
    /// <summary>'&gt;&amp;2' (or '1&gt;&amp;2'): standard output goes where standard error goes.</summary>
    public bool OutputToError { get; set; }

    /// <summary>'( list )': the list a child shell runs in place of a program (null: none).</summary>
    public string Subshell { get; set; }

    /// <summary>What the shell calls the command in a message: its program, or "(…)" for a subshell.</summary>
    public string Name => Words.Count > 0 ? Words[0] : "(…)";

    public bool Redirected => Input != null || Output != null || ErrorOutput != null || ErrorToOutput || OutputToError;
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
    /// <summary>A "$(" without its ')', or a '`' without its pair.</summary>
    UnterminatedSubstitution,
    /// <summary>A '(' without its ')'.</summary>
    UnterminatedGroup,
    /// <summary>A ')' with no '(' before it, or words after a subshell's ')'.</summary>
    UnexpectedParenthesis,
    /// <summary>A redirection whose word expands to no file name or to several.</summary>
    AmbiguousRedirect,
    /// <summary>A redirection of another descriptor than 0, 1 and 2, or a duplication other than 2&gt;&amp;1 and 1&gt;&amp;2.</summary>
    UnsupportedRedirect,
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
        SyntaxProblem.UnterminatedSubstitution => "unterminated $( or `",
        SyntaxProblem.UnterminatedGroup => "unterminated (",
        SyntaxProblem.UnexpectedParenthesis => "unexpected ')' or words after a ( ... ) group",
        SyntaxProblem.AmbiguousRedirect => "a redirection needs exactly one file name",
        SyntaxProblem.UnsupportedRedirect => "only 0<, 1> and 2> (with >>), 2>&1 and >&2 redirect descriptors",
        _ => $"a pipeline has at most {CommandParser.MaxCommands} commands",
    };
}

/// <summary>
/// Splits a command line into words, as a Unix shell does: blanks separate words; '…' keeps
/// everything literally; "…" keeps blanks and honours \" \\ \$, $? and $NAME; a backslash outside
/// quotes takes the next character literally; $? outside single quotes becomes the last exit status,
/// $NAME (or ${NAME}) the variable's value (nothing if unset) and $$ the shell's process id (looked
/// up under the name "$"); an unquoted '|' ends one command of a pipeline; unquoted '&lt;', '&gt;' and
/// '&gt;&gt;' take the next word as the command's input or output file; ${NAME:-word} is word when
/// NAME is unset or empty (${NAME-word}: only when unset). $(…) and `…` are replaced by
/// the output of the commands inside (without its last newlines; outside double quotes split into
/// words at blanks and newlines), and an unquoted word with '*', '?' or '[…]' by the paths it
/// matches (<see cref="Glob"/>). Pure logic, shared with the host unit tests: running commands and
/// reading directories are the caller's (<see cref="Expansions"/>).
/// </summary>
public static class CommandParser
{
    public const int MaxCommands = 8;

    private enum Pending { None, Input, Output, Append, ErrorOutput, ErrorAppend }

    private const int StandardInput = 0, StandardOutput = 1, StandardError = 2;

    /// <summary>
    /// The pipeline's commands (none for a blank line); <paramref name="lookup"/> gives a variable's
    /// value (null or "" if it is not set). Without a way to run commands or read directories, $(…)
    /// expands to nothing and wildcards stay as they are. A line it cannot run throws
    /// <see cref="ShellSyntaxException"/>.
    /// </summary>
    public static List<Command> Parse(string line, int lastStatus, Func<string, string> lookup) =>
        Parse(line, new Expansions { LastStatus = lastStatus, Lookup = lookup });

    /// <summary>The pipeline's commands, with every expansion <paramref name="expansions"/> makes possible.</summary>
    public static List<Command> Parse(string line, Expansions expansions)
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
            // A redirection: [n]< [n]> [n]>> or [n]>&m, n and m 0 to 2 (a digit right before the
            // operator at a word's start names the descriptor; elsewhere it is part of the word).
            int descriptor = -1;
            if (i + 1 < line.Length && line[i] >= '0' && line[i] <= '9' && (line[i + 1] == '<' || line[i + 1] == '>'))
                descriptor = line[i++] - '0';
            if (descriptor > StandardError)
                throw new ShellSyntaxException(SyntaxProblem.UnsupportedRedirect);
            if (i < line.Length && (line[i] == '<' || line[i] == '>'))
            {
                if (pending != Pending.None)
                    throw new ShellSyntaxException(SyntaxProblem.MissingFileName);
                bool input = line[i] == '<', append = !input && i + 1 < line.Length && line[i + 1] == '>';
                i += append ? 2 : 1;
                descriptor = descriptor >= 0 ? descriptor : input ? StandardInput : StandardOutput;
                anything = true;
                if (!input && !append && i < line.Length && line[i] == '&')
                {
                    Duplicate(command, descriptor, line, ref i);
                    continue;
                }
                pending = descriptor == StandardError ? (append ? Pending.ErrorAppend : Pending.ErrorOutput)
                    : (descriptor == StandardInput) != input ? throw new ShellSyntaxException(SyntaxProblem.UnsupportedRedirect)
                    : input ? Pending.Input : append ? Pending.Append : Pending.Output;
                continue;
            }
            if (i < line.Length && line[i] == '(' && pending == Pending.None && command.Words.Count == 0 && command.Subshell == null)
            {
                int close = GroupEnd(line, i);
                if (close >= line.Length)
                    throw new ShellSyntaxException(SyntaxProblem.UnterminatedGroup);
                string inner = line.Substring(i + 1, close - i - 1);
                if (inner.Trim().Length == 0)
                    throw new ShellSyntaxException(SyntaxProblem.EmptyCommand);
                command.Subshell = inner;
                i = close + 1;
                anything = true;
                continue;
            }
            if (i < line.Length && (line[i] == ')' || line[i] == '(' || (command.Subshell != null && pending == Pending.None && line[i] != '|')))
                throw new ShellSyntaxException(SyntaxProblem.UnexpectedParenthesis);
            if (i >= line.Length || line[i] == '|')
            {
                if (i >= line.Length && !anything)
                    return commands;   // a blank line
                if (pending != Pending.None)
                    throw new ShellSyntaxException(SyntaxProblem.MissingFileName);
                if (command.Words.Count == 0 && command.Subshell == null)
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
            List<string> fields = Words(line, ref i, expansions);
            if (pending == Pending.None)
                command.Words.AddRange(fields);
            else if (fields.Count != 1)
                throw new ShellSyntaxException(SyntaxProblem.AmbiguousRedirect);
            else if (pending == Pending.Input)
                command.Input = fields[0];
            else if (pending is Pending.ErrorOutput or Pending.ErrorAppend)
            {
                command.ErrorOutput = fields[0];
                command.ErrorAppend = pending == Pending.ErrorAppend;
            }
            else
            {
                command.Output = fields[0];
                command.Append = pending == Pending.Append;
            }
            pending = Pending.None;
        }
    }

    // n>&m after the '&': 2>&1 and 1>&2 (>&2), the two a shell's users write.
    private static void Duplicate(Command command, int descriptor, string line, ref int i)
    {
        i++;
        int target = i < line.Length && line[i] >= '0' && line[i] <= '9' ? line[i++] - '0' : -1;
        bool ends = i >= line.Length || IsBlank(line[i]) || line[i] == '|';
        if (target < 0 && ends)
            throw new ShellSyntaxException(SyntaxProblem.MissingFileName);
        if (!ends || !(descriptor == StandardError && target == StandardOutput || descriptor == StandardOutput && target == StandardError))
            throw new ShellSyntaxException(SyntaxProblem.UnsupportedRedirect);
        if (descriptor == StandardError)
            command.ErrorToOutput = true;
        else
            command.OutputToError = true;
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

    // The word starting at position, quotes, references and substitutions resolved, as the fields it
    // makes (none, one, or several after splitting and pathname expansion); leaves position after it.
    private static List<string> Words(string line, ref int position, Expansions x)
    {
        var fields = new Fields(x.ListDirectory);
        int i = position;
        while (i < line.Length && !IsBlank(line[i]) && line[i] != '|' && line[i] != '<' && line[i] != '>' && line[i] != '(' && line[i] != ')')
        {
            char c = line[i];
            if (c == '\'' || c == '"')
            {
                int end = QuoteEnd(line, i);
                if (end >= line.Length)
                    throw new ShellSyntaxException(SyntaxProblem.UnterminatedQuote);
                fields.Quoted("");
                for (int j = i + 1; j < end; j++)
                {
                    if (c == '"' && line[j] == '\\' && IsEscapable(line[j + 1]))
                        fields.Quoted(line[++j].ToString());
                    else if (c == '"' && line[j] == '$' && j + 1 < end && line[j + 1] == '?')
                    {
                        fields.Quoted(x.LastStatus.ToString());
                        j++;
                    }
                    else if (c == '"' && line[j] == '$' && ReferenceLength(line, j + 1, end) > 0)
                        fields.Quoted(Variable(line, ref j, end, x.Lookup));
                    else if (c == '"' && IsSubstitution(line, j))
                        fields.Quoted(Substitute(line, ref j, x));
                    else
                        fields.Quoted(line[j].ToString());
                }
                i = end + 1;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                fields.Quoted(line[i + 1].ToString());
                i += 2;
            }
            else if (c == '$' && i + 1 < line.Length && line[i + 1] == '?')
            {
                fields.Quoted(x.LastStatus.ToString());
                i += 2;
            }
            else if (c == '$' && ReferenceLength(line, i + 1, line.Length) > 0)
            {
                fields.Quoted(Variable(line, ref i, line.Length, x.Lookup));
                i++;
            }
            else if (IsSubstitution(line, i))
            {
                fields.Split(Substitute(line, ref i, x));
                i++;
            }
            else
            {
                fields.Literal(c);
                i++;
            }
        }
        position = i;
        return fields.End();
    }

    // "$(" or '`' at i.
    private static bool IsSubstitution(string line, int i) =>
        line[i] == '`' || (line[i] == '$' && i + 1 < line.Length && line[i + 1] == '(');

    // The output of the substitution starting at position, without its last newlines; leaves position on its last character.
    private static string Substitute(string line, ref int position, Expansions x)
    {
        int end = SubstitutionEnd(line, position);
        if (end >= line.Length)
            throw new ShellSyntaxException(SyntaxProblem.UnterminatedSubstitution);
        int inner = line[position] == '`' ? position + 1 : position + 2;
        string commands = line.Substring(inner, end - inner);
        position = end;
        string output = x.Substitute?.Invoke(commands) ?? "";
        return output.TrimEnd('\n');
    }

    /// <summary>
    /// Where the substitution starting at <paramref name="start"/> ("$(" or '`') ends: its ')' (nested
    /// parentheses and quotes inside skipped) or its closing '`'; the line's length when it never does.
    /// </summary>
    internal static int SubstitutionEnd(string line, int start)
    {
        if (line[start] == '`')
        {
            int close = start + 1;
            while (close < line.Length && line[close] != '`')
                close += line[close] == '\\' && close + 1 < line.Length ? 2 : 1;
            return close;
        }
        return GroupEnd(line, start + 1);
    }

    /// <summary>
    /// The ')' that closes the '(' at <paramref name="open"/> (nested parentheses, quotes and escapes
    /// skipped); the line's length when none does.
    /// </summary>
    internal static int GroupEnd(string line, int open)
    {
        int depth = 0;
        for (int i = open; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\'' || c == '"')
                i = QuoteEnd(line, i);
            else if (c == '\\')
                i++;
            else if (c == '(')
                depth++;
            else if (c == ')' && --depth == 0)
                return i;
        }
        return line.Length;
    }

    /// <summary>
    /// A word being built: its text, and the same as a pattern in which only the unquoted wildcards
    /// are live (<see cref="Glob.Escape"/> before every other one), so that quoting keeps '*' literal.
    /// </summary>
    private sealed class Fields(Func<string, IEnumerable<string>> listDirectory)
    {
        private readonly List<string> _done = new();
        private readonly StringBuilder _text = new(), _pattern = new();
        private bool _started, _wild;

        public void Literal(char c)
        {
            _text.Append(c);
            _pattern.Append(c);
            _started = true;
            _wild |= c is '*' or '?' or '[';
        }

        public void Quoted(string text)
        {
            foreach (char c in text)
            {
                _text.Append(c);
                if (c is '*' or '?' or '[' or Glob.Escape)
                    _pattern.Append(Glob.Escape);
                _pattern.Append(c);
            }
            _started = true;   // even "" makes a (maybe empty) word
        }

        // An unquoted substitution's output: blanks and newlines separate words.
        public void Split(string text)
        {
            foreach (char c in text)
            {
                if (IsBlank(c) || c == '\n')
                    Finish();
                else
                    Quoted(c.ToString());
            }
        }

        public List<string> End()
        {
            Finish();
            return _done;
        }

        private void Finish()
        {
            if (!_started)
                return;
            List<string> matches = _wild && listDirectory != null ? Glob.Expand(_pattern.ToString(), listDirectory) : null;
            if (matches is { Count: > 0 })
                _done.AddRange(matches);
            else
                _done.Add(_text.ToString());
            _text.Clear();
            _pattern.Clear();
            _started = _wild = false;
        }
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

    // How many characters the reference after a '$' at start-1 spans: NAME, {NAME}, or {NAME:-word}
    // and {NAME-word}; 0 if none.
    private static int ReferenceLength(string line, int start, int end)
    {
        if (start < end && (line[start] == '$' || line[start] == '!'))
            return 1;   // $$ and $!: the shell's process id and the last background job's, looked up under "$" and "!"
        bool braced = start < end && line[start] == '{';
        int i = braced ? start + 1 : start;
        int nameStart = i;
        while (i < end && IsNameCharacter(line[i], i == nameStart))
            i++;
        if (i == nameStart)
            return 0;
        if (!braced)
            return i - start;
        if (i < end && (line[i] == '-' || (line[i] == ':' && i + 1 < end && line[i + 1] == '-')))
            while (i < end && line[i] != '}')
                i++;   // the default word runs to the first '}'
        return i < end && line[i] == '}' ? i + 1 - start : 0;
    }

    // The value of the reference whose '$' is at position; leaves position on its last character.
    // ${NAME:-word} is word when NAME is unset or empty, ${NAME-word} only when it is unset.
    private static string Variable(string line, ref int position, int end, Func<string, string> lookup)
    {
        int span = ReferenceLength(line, position + 1, end);
        bool braced = line[position + 1] == '{';
        string inside = line.Substring(position + (braced ? 2 : 1), braced ? span - 2 : span);
        position += span;
        int dash = braced ? inside.IndexOf('-') : -1;
        if (dash < 0)
            return lookup(inside) ?? "";
        bool orEmpty = dash > 0 && inside[dash - 1] == ':';
        string value = lookup(inside.Substring(0, orEmpty ? dash - 1 : dash));
        string fallback = inside.Substring(dash + 1);
        return value is null || (orEmpty && value.Length == 0) ? fallback : value;
    }

    private static bool IsEscapable(char c) => c == '"' || c == '\\' || c == '$';
}

/// <summary>What the parser may do beyond the line itself: the last status, variables, running the commands of a substitution, reading directories for wildcards.</summary>
public sealed class Expansions
{
    public int LastStatus { get; init; }

    public Func<string, string> Lookup { get; init; }

    /// <summary>Runs a substitution's commands and returns their output (null: $(…) expands to nothing).</summary>
    public Func<string, string> Substitute { get; init; }

    /// <summary>A directory's names, or null when it cannot be read (null: no pathname expansion).</summary>
    public Func<string, IEnumerable<string>> ListDirectory { get; init; }
}
