namespace Ocean.Servers.Sh;

using System;
using Ocean.Libc;

/// <summary>
/// The words of one command as the parser left them: NUL-terminated strings in its storage, at the
/// offsets <see cref="Starts"/> lists (exec takes them just so).
/// </summary>
public readonly ref struct CommandWords
{
    public CommandWords(ReadOnlySpan<byte> storage, ReadOnlySpan<int> starts)
    {
        Storage = storage;
        Starts = starts;
    }

    public ReadOnlySpan<byte> Storage { get; }

    public ReadOnlySpan<int> Starts { get; }

    public int Count => Starts.Length;

    /// <summary>Word <paramref name="index"/>, without its NUL.</summary>
    public ReadOnlySpan<byte> this[int index] => Bytes.BeforeNul(Storage.Slice(Starts[index]));

    /// <summary>Command <paramref name="command"/> (from 0) of a parsed pipeline's word list.</summary>
    public static CommandWords Of(ReadOnlySpan<byte> storage, ReadOnlySpan<int> words, int command)
    {
        int start = 0;
        for (; command > 0; command--)
            while (words[start++] != CommandParser.EndOfCommand)
            {
            }
        int end = start;
        while (words[end] != CommandParser.EndOfCommand)
            end++;
        return new CommandWords(storage, words.Slice(start, end - start));
    }
}
