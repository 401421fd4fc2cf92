namespace Ocean.Servers.Sh;

using Ocean.Libc;

/// <summary>
/// The shell's variables, all of them exported: kept as "NAME=value" entries, which is exactly what
/// exec passes on as the environment. The shell starts from the environment it was given.
/// </summary>
public static unsafe class Variables
{
    public const int MaxVariables = 32;
    public const int EntryBytes = 256;

    private struct Table
    {
        public fixed byte Entries[MaxVariables * EntryBytes];
    }

    // Used only through fixed statements, which the compiler does not count as a use (CS0169).
#pragma warning disable CS0169
    private static Table _table;
#pragma warning restore CS0169
    private static int _count;

    private static byte* Entry(int index)
    {
        fixed (byte* entries = _table.Entries)
            return entries + index * EntryBytes;   // a static: it never moves
    }

    /// <summary>Copies the inherited environment ("NAME=value" strings; others are ignored).</summary>
    public static void Import(byte** environment)
    {
        for (int i = 0; environment != null && environment[i] != null; i++)
        {
            byte* text = environment[i];
            int equals = 0;
            while (text[equals] != 0 && text[equals] != (byte)'=')
                equals++;
            if (text[equals] == (byte)'=' && IsName(text, equals))
                Set(text, equals, text + equals + 1);
        }
    }

    /// <summary>Whether the bytes form a variable name (a letter or '_', then letters, digits, '_').</summary>
    public static bool IsName(byte* name, int length)
    {
        if (length == 0)
            return false;
        for (int i = 0; i < length; i++)
            if (!CommandParser.IsNameByte(name[i], i == 0))
                return false;
        return true;
    }

    private struct PidText
    {
        public fixed byte Digits[Numbers.MaxDecimalDigits + 1];
    }

#pragma warning disable CS0169   // as _table: used only through a fixed statement
    private static PidText _pid;
#pragma warning restore CS0169

    /// <summary>The value of the variable, NUL-terminated, or null if it is not set (the parser's lookup); "$" is the shell's pid.</summary>
    public static byte* Lookup(byte* name, int length)
    {
        if (length == 1 && name[0] == (byte)'$')
            fixed (byte* digits = _pid.Digits)
            {
                digits[Numbers.FormatDecimal(Syscall.GetPid(), digits)] = 0;
                return digits;
            }
        int index = Find(name, length);
        return index < 0 ? null : Entry(index) + length + 1;
    }

    /// <summary>Sets a variable; false if there is no room for it.</summary>
    public static bool Set(byte* name, int length, byte* value)
    {
        int valueLength = CString.Length(value);
        if (length + 1 + valueLength + 1 > EntryBytes)
            return false;
        int index = Find(name, length);
        if (index < 0)
        {
            if (_count == MaxVariables)
                return false;
            index = _count++;
        }
        byte* entry = Entry(index);
        for (int i = 0; i < length; i++)
            entry[i] = name[i];
        entry[length] = (byte)'=';
        for (int i = 0; i <= valueLength; i++)
            entry[length + 1 + i] = value[i];
        return true;
    }

    public static void Set(string name, byte* value)
    {
        byte* text = stackalloc byte[name.Length];
        for (int i = 0; i < name.Length; i++)
            text[i] = (byte)name[i];
        Set(text, name.Length, value);
    }

    public static byte* Lookup(string name)
    {
        byte* text = stackalloc byte[name.Length];
        for (int i = 0; i < name.Length; i++)
            text[i] = (byte)name[i];
        return Lookup(text, name.Length);
    }

    public static void Unset(byte* name, int length)
    {
        int index = Find(name, length);
        if (index < 0)
            return;
        _count--;
        if (index != _count)
            System.Buffer.Memmove(Entry(index), Entry(_count), EntryBytes);
    }

    /// <summary>Fills <paramref name="environment"/> (room for MaxVariables + 1) with the entries and a null.</summary>
    public static byte** Environment(byte** environment)
    {
        for (int i = 0; i < _count; i++)
            environment[i] = Entry(i);
        environment[_count] = null;
        return environment;
    }

    public static int Count => _count;

    public static byte* At(int index) => Entry(index);

    private static int Find(byte* name, int length)
    {
        for (int i = 0; i < _count; i++)
        {
            byte* entry = Entry(i);
            int k = 0;
            while (k < length && entry[k] == name[k])
                k++;
            if (k == length && entry[k] == (byte)'=')
                return i;
        }
        return -1;
    }
}
