namespace Ocean.Servers.Sh;

using System;
using Ocean.Libc;

/// <summary>
/// The shell's variables, all of them exported: kept as NUL-terminated "NAME=value" entries in one
/// table, which is exactly what exec passes on as the environment. The shell starts from the
/// environment it was given.
/// </summary>
public static class Variables
{
    public const int MaxVariables = 32;
    public const int EntryBytes = 256;
    private const byte Separator = (byte)'=';

    private static byte[] _table;
    private static byte[] _pid;
    private static int _count;

    /// <summary>Makes the table (once, for the shell's life) and copies the inherited environment into it.</summary>
    public static void Initialize()
    {
        _table = new byte[MaxVariables * EntryBytes];
        _pid = new byte[Numbers.MaxDecimalDigits];
        for (int i = 0; i < Ocean.Libc.EnvironmentBlock.Count; i++)
        {
            ReadOnlySpan<byte> entry = Ocean.Libc.EnvironmentBlock.At(i);
            int equals = Bytes.IndexOf(entry, Separator);
            if (equals > 0 && CommandParser.IsName(entry.Slice(0, equals)))
                Set(entry.Slice(0, equals), entry.Slice(equals + 1));
        }
    }

    private static Span<byte> Entry(int index) => new(_table, index * EntryBytes, EntryBytes);

    /// <summary>The value of the variable, or empty if it is not set; "$" is the shell's pid.</summary>
    public static ReadOnlySpan<byte> Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1 && name[0] == (byte)'$')
            return new ReadOnlySpan<byte>(_pid, 0, Numbers.FormatDecimal(Syscall.GetPid(), _pid));
        int index = Find(name);
        return index < 0 ? default : Bytes.BeforeNul(Entry(index).Slice(name.Length + 1));
    }

    public static bool IsSet(ReadOnlySpan<byte> name) => Find(name) >= 0;

    /// <summary>Sets a variable; false if there is no room for it.</summary>
    public static bool Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (name.Length + 1 + value.Length + 1 > EntryBytes)
            return false;
        int index = Find(name);
        if (index < 0)
        {
            if (_count == MaxVariables)
                return false;
            index = _count++;
        }
        Span<byte> entry = Entry(index);
        value.CopyTo(entry.Slice(name.Length + 1));   // first: the value may be this entry's own
        entry[name.Length + 1 + value.Length] = 0;
        name.CopyTo(entry);
        entry[name.Length] = Separator;
        return true;
    }

    public static void Unset(ReadOnlySpan<byte> name)
    {
        int index = Find(name);
        if (index < 0)
            return;
        _count--;
        if (index != _count)
            Entry(_count).CopyTo(Entry(index));
    }

    public static int Count => _count;

    /// <summary>Entry <paramref name="index"/>: "NAME=value".</summary>
    public static ReadOnlySpan<byte> At(int index) => Bytes.BeforeNul(Entry(index));

    /// <summary>The table the entries live in (for exec, with <see cref="Starts"/>).</summary>
    public static ReadOnlySpan<byte> Table => _table;

    /// <summary>Fills <paramref name="starts"/> with each entry's offset in <see cref="Table"/>; returns how many.</summary>
    public static int Starts(Span<int> starts)
    {
        int count = _count < starts.Length ? _count : starts.Length;
        for (int i = 0; i < count; i++)
            starts[i] = i * EntryBytes;
        return count;
    }

    private static int Find(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < _count; i++)
        {
            ReadOnlySpan<byte> entry = Entry(i);
            if (name.Length < EntryBytes && entry[name.Length] == Separator && Bytes.Equal(entry.Slice(0, name.Length), name))
                return i;
        }
        return -1;
    }
}
