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
}

/// <summary>
/// Splits a command line into NUL-terminated arguments, as a Unix shell does: blanks separate words;
/// '…' keeps everything literally; "…" keeps blanks and honours \" \\ \$ and $?; a backslash outside
/// quotes takes the next byte literally; $? outside single quotes becomes the last exit status.
/// Pure logic on byte buffers (no allocation), shared with the host unit tests.
/// </summary>
public static unsafe class CommandParser
{
    private const byte Space = (byte)' ', Tab = (byte)'\t', Backslash = (byte)'\\';
    private const byte SingleQuote = (byte)'\'', DoubleQuote = (byte)'"', Dollar = (byte)'$', Question = (byte)'?';

    public static ParseStatus Parse(byte* line, int length, int lastStatus, byte* storage, int storageSize,
                                    byte** argv, int maxArguments, out int argc)
    {
        argc = 0;
        int used = 0;
        int i = 0;
        while (true)
        {
            while (i < length && (line[i] == Space || line[i] == Tab))
                i++;
            if (i >= length)
                break;
            if (argc + 1 >= maxArguments)
                return ParseStatus.TooLong;   // one entry stays for the terminating null
            byte* word = storage + used;
            bool ok = true;
            while (i < length && line[i] != Space && line[i] != Tab && ok)
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
                else
                {
                    ok = Put(storage, storageSize, ref used, c);
                    i++;
                }
            }
            if (!ok || !Put(storage, storageSize, ref used, 0))
                return ParseStatus.TooLong;
            argv[argc++] = word;
        }
        argv[argc] = null;
        return argc == 0 ? ParseStatus.Empty : ParseStatus.Ok;
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
