namespace Ocean.Servers.Sh;

using System;

/// <summary>Why a command line could not be split into arguments.</summary>
public enum ParseStatus
{
    Ok,
    /// <summary>Nothing but blanks.</summary>
    Empty,
    UnterminatedQuote,
    /// <summary>The arguments do not fit the storage (or there are too many of them).</summary>
    TooLong,
    /// <summary>A '|' with no command on one side.</summary>
    EmptyCommand,
    /// <summary>A '&lt;', '&gt;' or '&gt;&gt;' with no file name after it.</summary>
    MissingFileName,
}

/// <summary>
/// Where one command of a pipeline reads and writes instead of the pipe or console: the offsets of
/// the file names in the parser's storage, or <see cref="None"/>.
/// </summary>
public struct Redirection
{
    public const int None = -1;

    public int Input;
    public int Output;
    /// <summary>'&gt;&gt;': add to the end of <see cref="Output"/> instead of replacing it.</summary>
    public bool Append;

    public static Redirection Empty => new() { Input = None, Output = None };

    public readonly bool Any => Input != None || Output != None;
}

/// <summary>Gives the parser a variable's value (empty if it is not set).</summary>
public abstract class VariableSource
{
    public abstract ReadOnlySpan<byte> Lookup(ReadOnlySpan<byte> name);
}

/// <summary>
/// Splits a command line into NUL-terminated words, as a Unix shell does: blanks separate words;
/// '…' keeps everything literally; "…" keeps blanks and honours \" \\ \$, $? and $NAME; a backslash
/// outside quotes takes the next byte literally; $? outside single quotes becomes the last exit status,
/// $NAME (or ${NAME}) the variable's value (nothing if unset) and $$ the shell's process id (looked up
/// under the name "$"); an unquoted '|' ends one command of a pipeline; unquoted '&lt;', '&gt;' and
/// '&gt;&gt;' take the next word as the command's input or output file.
/// The words go into the caller's storage; <c>words</c> receives their offsets, each command's followed by
/// <see cref="EndOfCommand"/>. Pure logic on spans (no allocation), shared with the host unit tests.
/// </summary>
public static class CommandParser
{
    /// <summary>The entry after each command's last word.</summary>
    public const int EndOfCommand = -1;

    private const byte Space = (byte)' ', Tab = (byte)'\t', Backslash = (byte)'\\';
    private const byte SingleQuote = (byte)'\'', DoubleQuote = (byte)'"', Dollar = (byte)'$', Question = (byte)'?';
    private const byte Bar = (byte)'|', OpenBrace = (byte)'{', CloseBrace = (byte)'}', Less = (byte)'<', Greater = (byte)'>';

    private enum Pending { None, Input, Output, Append }

    /// <summary>
    /// Parses <paramref name="line"/>. <paramref name="commands"/> says how many commands the pipeline has;
    /// <paramref name="redirections"/> (one per command, at most its length) each one's files.
    /// </summary>
    public static ParseStatus Parse(ReadOnlySpan<byte> line, int lastStatus, VariableSource variables,
                                    Span<byte> storage, Span<int> words, Span<Redirection> redirections, out int commands)
    {
        commands = 0;
        int entries = 0, wordsInCommand = 0;
        int used = 0;
        int i = 0;
        int length = line.Length;
        var pending = Pending.None;
        bool anything = false;
        if (redirections.Length > 0)
            redirections[0] = Redirection.Empty;
        while (true)
        {
            while (i < length && (line[i] == Space || line[i] == Tab))
                i++;
            if (i < length && (line[i] == Less || line[i] == Greater))
            {
                if (pending != Pending.None)
                    return ParseStatus.MissingFileName;
                pending = line[i] == Less ? Pending.Input : i + 1 < length && line[i + 1] == Greater ? Pending.Append : Pending.Output;
                i += pending == Pending.Append ? 2 : 1;
                anything = true;
                continue;
            }
            if (i >= length || line[i] == Bar)
            {
                if (i >= length && !anything)
                    return ParseStatus.Empty;
                if (pending != Pending.None)
                    return ParseStatus.MissingFileName;
                if (wordsInCommand == 0)
                    return ParseStatus.EmptyCommand;
                if (entries >= words.Length)
                    return ParseStatus.TooLong;
                words[entries++] = EndOfCommand;
                commands++;
                wordsInCommand = 0;
                if (i >= length)
                    return ParseStatus.Ok;
                if (commands == redirections.Length)
                    return ParseStatus.TooLong;
                redirections[commands] = Redirection.Empty;
                i++;
                continue;
            }
            anything = true;
            if (entries + 1 >= words.Length)
                return ParseStatus.TooLong;   // one entry stays for the end of the command
            int word = used;
            bool ok = true;
            while (i < length && line[i] != Space && line[i] != Tab && line[i] != Bar && line[i] != Less && line[i] != Greater && ok)
            {
                byte c = line[i];
                if (c == SingleQuote || c == DoubleQuote)
                {
                    int end = i + 1;
                    while (end < length && line[end] != c)
                        end += c == DoubleQuote && line[end] == Backslash && end + 1 < length ? 2 : 1;
                    if (end >= length)
                        return ParseStatus.UnterminatedQuote;
                    for (int j = i + 1; j < end && ok; j++)
                    {
                        if (c == DoubleQuote && line[j] == Backslash && IsEscapable(line[j + 1]))
                            ok = Put(storage, ref used, line[++j]);
                        else if (c == DoubleQuote && line[j] == Dollar && j + 1 < end && line[j + 1] == Question)
                        {
                            ok = PutNumber(storage, ref used, lastStatus);
                            j++;
                        }
                        else if (c == DoubleQuote && line[j] == Dollar && VariableLength(line, j + 1, end) > 0)
                            ok = PutVariable(line, ref j, end, variables, storage, ref used);
                        else
                            ok = Put(storage, ref used, line[j]);
                    }
                    i = end + 1;
                }
                else if (c == Backslash && i + 1 < length)
                {
                    ok = Put(storage, ref used, line[i + 1]);
                    i += 2;
                }
                else if (c == Dollar && i + 1 < length && line[i + 1] == Question)
                {
                    ok = PutNumber(storage, ref used, lastStatus);
                    i += 2;
                }
                else if (c == Dollar && VariableLength(line, i + 1, length) > 0)
                {
                    ok = PutVariable(line, ref i, length, variables, storage, ref used);
                    i++;
                }
                else
                {
                    ok = Put(storage, ref used, c);
                    i++;
                }
            }
            if (!ok || !Put(storage, ref used, 0))
                return ParseStatus.TooLong;
            if (pending == Pending.None)
            {
                words[entries++] = word;
                wordsInCommand++;
                continue;
            }
            if (pending == Pending.Input)
                redirections[commands].Input = word;
            else
            {
                redirections[commands].Output = word;
                redirections[commands].Append = pending == Pending.Append;
            }
            pending = Pending.None;
        }
    }

    /// <summary>Whether a variable name may start with / contain <paramref name="c"/> (letters, '_', then digits too).</summary>
    public static bool IsNameByte(byte c, bool first) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9');

    /// <summary>Whether the bytes form a variable name (a letter or '_', then letters, digits, '_').</summary>
    public static bool IsName(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0)
            return false;
        for (int i = 0; i < name.Length; i++)
            if (!IsNameByte(name[i], i == 0))
                return false;
        return true;
    }

    // How many bytes the reference after a '$' at start-1 spans: NAME or {NAME}; 0 if none.
    private static int VariableLength(ReadOnlySpan<byte> line, int start, int end)
    {
        if (start < end && line[start] == Dollar)
            return 1;   // $$: the shell's process id, looked up under the name "$"
        bool braced = start < end && line[start] == OpenBrace;
        int i = braced ? start + 1 : start;
        int nameStart = i;
        while (i < end && IsNameByte(line[i], i == nameStart))
            i++;
        if (i == nameStart)
            return 0;
        if (!braced)
            return i - start;
        return i < end && line[i] == CloseBrace ? i + 1 - start : 0;
    }

    // Expands the reference whose '$' is at position; leaves position on its last byte.
    private static bool PutVariable(ReadOnlySpan<byte> line, ref int position, int end, VariableSource variables,
                                    Span<byte> storage, ref int used)
    {
        int span = VariableLength(line, position + 1, end);
        bool braced = line[position + 1] == OpenBrace;
        ReadOnlySpan<byte> name = line.Slice(position + (braced ? 2 : 1), braced ? span - 2 : span);
        position += span;
        ReadOnlySpan<byte> value = variables == null ? default : variables.Lookup(name);
        for (int k = 0; k < value.Length; k++)
            if (!Put(storage, ref used, value[k]))
                return false;
        return true;
    }

    private static bool IsEscapable(byte c) => c == DoubleQuote || c == Backslash || c == Dollar;

    private static bool Put(Span<byte> storage, ref int used, byte value)
    {
        if (used >= storage.Length)
            return false;
        storage[used++] = value;
        return true;
    }

    private static bool PutNumber(Span<byte> storage, ref int used, int value)
    {
        if (value < 0)
        {
            if (!Put(storage, ref used, (byte)'-'))
                return false;
            value = -value;
        }
        Span<byte> digits = stackalloc byte[10];
        int count = 0;
        do { digits[count++] = (byte)('0' + value % 10); value /= 10; } while (value > 0);
        while (count > 0)
            if (!Put(storage, ref used, digits[--count]))
                return false;
        return true;
    }
}
