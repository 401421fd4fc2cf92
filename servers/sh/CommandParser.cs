namespace Ocean.Servers.Sh;

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

/// <summary>Where one command of a pipeline reads and writes instead of the pipe or console (null: unchanged).</summary>
public unsafe struct Redirection
{
    public byte* Input;
    public byte* Output;
    /// <summary>'&gt;&gt;': add to the end of <see cref="Output"/> instead of replacing it.</summary>
    public bool Append;
}

/// <summary>
/// Splits a command line into NUL-terminated arguments, as a Unix shell does: blanks separate words;
/// '…' keeps everything literally; "…" keeps blanks and honours \" \\ \$, $? and $NAME; a backslash
/// outside quotes takes the next byte literally; $? outside single quotes becomes the last exit status
/// $NAME (or ${NAME}) the variable's value (nothing if unset) and $$ the shell's
/// process id (looked up under the name "$"); an unquoted '|' ends one command of a
/// pipeline; unquoted '&lt;', '&gt;' and '&gt;&gt;' take the next word as the command's input or output
/// file. Each command's arguments end with a null entry in argv.
/// Pure logic on byte buffers (no allocation), shared with the host unit tests.
/// </summary>
public static unsafe class CommandParser
{
    private const byte Space = (byte)' ', Tab = (byte)'\t', Backslash = (byte)'\\';
    private const byte SingleQuote = (byte)'\'', DoubleQuote = (byte)'"', Dollar = (byte)'$', Question = (byte)'?';
    private const byte Bar = (byte)'|', OpenBrace = (byte)'{', CloseBrace = (byte)'}', Less = (byte)'<', Greater = (byte)'>';

    private enum Pending { None, Input, Output, Append }

    /// <summary>
    /// Parses <paramref name="line"/>; <paramref name="lookup"/> gives a variable's NUL-terminated value
    /// (or null). argv receives each command's arguments followed by a null; <paramref name="commands"/>
    /// says how many commands the pipeline has; <paramref name="redirections"/> (room for
    /// <paramref name="maxCommands"/>) each one's files.
    /// </summary>
    public static ParseStatus Parse(byte* line, int length, int lastStatus, delegate*<byte*, int, byte*> lookup,
                                    byte* storage, int storageSize, byte** argv, int maxArguments,
                                    Redirection* redirections, int maxCommands, out int commands)
    {
        commands = 0;
        int entries = 0, wordsInCommand = 0;
        int used = 0;
        int i = 0;
        var pending = Pending.None;
        bool anything = false;
        if (maxCommands > 0)
            redirections[0] = default;
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
                if (entries >= maxArguments)
                    return ParseStatus.TooLong;
                argv[entries++] = null;
                commands++;
                wordsInCommand = 0;
                if (i >= length)
                    return ParseStatus.Ok;
                if (commands == maxCommands)
                    return ParseStatus.TooLong;
                redirections[commands] = default;
                i++;
                continue;
            }
            anything = true;
            if (entries + 1 >= maxArguments)
                return ParseStatus.TooLong;   // one entry stays for the terminating null
            byte* word = storage + used;
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
                            ok = Put(storage, storageSize, ref used, line[++j]);
                        else if (c == DoubleQuote && line[j] == Dollar && j + 1 < end && line[j + 1] == Question)
                        {
                            ok = PutNumber(storage, storageSize, ref used, lastStatus);
                            j++;
                        }
                        else if (c == DoubleQuote && line[j] == Dollar && VariableLength(line, j + 1, end) > 0)
                            ok = PutVariable(line, ref j, end, lookup, storage, storageSize, ref used);
                        else
                            ok = Put(storage, storageSize, ref used, line[j]);
                    }
                    i = end + 1;
                }
                else if (c == Backslash && i + 1 < length)
                {
                    ok = Put(storage, storageSize, ref used, line[i + 1]);
                    i += 2;
                }
                else if (c == Dollar && i + 1 < length && line[i + 1] == Question)
                {
                    ok = PutNumber(storage, storageSize, ref used, lastStatus);
                    i += 2;
                }
                else if (c == Dollar && VariableLength(line, i + 1, length) > 0)
                {
                    ok = PutVariable(line, ref i, length, lookup, storage, storageSize, ref used);
                    i++;
                }
                else
                {
                    ok = Put(storage, storageSize, ref used, c);
                    i++;
                }
            }
            if (!ok || !Put(storage, storageSize, ref used, 0))
                return ParseStatus.TooLong;
            if (pending == Pending.None)
            {
                argv[entries++] = word;
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

    // How many bytes the reference after a '$' at start-1 spans: NAME or {NAME}; 0 if none.
    private static int VariableLength(byte* line, int start, int end)
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
    private static bool PutVariable(byte* line, ref int position, int end, delegate*<byte*, int, byte*> lookup,
                                    byte* storage, int size, ref int used)
    {
        int span = VariableLength(line, position + 1, end);
        bool braced = line[position + 1] == OpenBrace;
        byte* name = line + position + (braced ? 2 : 1);
        int nameLength = braced ? span - 2 : span;
        position += span;
        byte* value = lookup == null ? null : lookup(name, nameLength);
        for (int k = 0; value != null && value[k] != 0; k++)
            if (!Put(storage, size, ref used, value[k]))
                return false;
        return true;
    }

    private static bool IsEscapable(byte c) => c == DoubleQuote || c == Backslash || c == Dollar;

    private static bool Put(byte* storage, int size, ref int used, byte value)
    {
        if (used >= size)
            return false;
        storage[used++] = value;
        return true;
    }

    private static bool PutNumber(byte* storage, int size, ref int used, int value)
    {
        if (value < 0)
        {
            if (!Put(storage, size, ref used, (byte)'-'))
                return false;
            value = -value;
        }
        byte* digits = stackalloc byte[10];
        int count = 0;
        do { digits[count++] = (byte)('0' + value % 10); value /= 10; } while (value > 0);
        while (count > 0)
            if (!Put(storage, size, ref used, digits[--count]))
                return false;
        return true;
    }
}
