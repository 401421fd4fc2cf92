namespace Ocean.Libc;

using System;
/// <summary>The process environment: the "NAME=value" strings the program was started with (System.Environment reads it).</summary>
public static unsafe class EnvironmentBlock
{
    private const byte Separator = (byte)'=';

    /// <summary>How many entries the environment has.</summary>
    public static int Count
    {
        get
        {
            byte** entries = Runtime.Environment;
            int count = 0;
            while (entries != null && entries[count] != null)
                count++;
            return count;
        }
    }

    /// <summary>Entry <paramref name="index"/> ("NAME=value", no NUL) in place; empty past the last.</summary>
    public static ReadOnlySpan<byte> At(int index)
    {
        if (index < 0 || index >= Count)
            return default;
        byte* entry = Runtime.Environment[index];
        return new ReadOnlySpan<byte>(entry, CString.Length(entry));
    }

    /// <summary>Every entry, "NAME=value", in order (a new array each time).</summary>
    public static string[] Variables
    {
        get
        {
            var variables = new string[Count];
            for (int i = 0; i < variables.Length; i++)
                variables[i] = Strings.FromAscii(Runtime.Environment[i]);
            return variables;
        }
    }

    /// <summary>The value of <paramref name="name"/>, or null if the environment has no such entry.</summary>
    public static string GetVariable(string name)
    {
        byte* value = Lookup(name);
        return value == null ? null : Strings.FromAscii(value);
    }

    /// <summary>The value of <paramref name="name"/> as the NUL-terminated bytes in the environment, or null.</summary>
    public static byte* Lookup(string name)
    {
        byte** entries = Runtime.Environment;
        for (int i = 0; entries != null && entries[i] != null; i++)
        {
            byte* entry = entries[i];
            int at = 0;
            while (at < name.Length && entry[at] != 0 && entry[at] == Strings.ToByte(name[at]))
                at++;
            if (at == name.Length && entry[at] == Separator)
                return entry + at + 1;
        }
        return null;
    }
}
