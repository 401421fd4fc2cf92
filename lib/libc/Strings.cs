namespace Ocean.Libc;

using System;

/// <summary>
/// Strings and the byte strings of the system boundary (paths, arguments, the environment, console
/// text). Bytes convert one to one to the characters U+0000..U+00FF (Latin-1), so any byte string
/// survives a round trip; other characters become '?'. Everything else a program does with strings
/// is <see cref="string"/>'s own (the core library's base library).
/// </summary>
public static unsafe class Strings
{
    private const byte Unrepresentable = (byte)'?';

    /// <summary>The byte a character is written as.</summary>
    public static byte ToByte(char value) => value <= 0xFF ? (byte)value : Unrepresentable;

    /// <summary>A NUL-terminated byte string as a string (null gives null).</summary>
    public static string FromAscii(byte* text)
    {
        if (text == null)
            return null;
        int length = CString.Length(text);
        if (length == 0)
            return "";
        string result = StringAllocation.Allocate(length);
        fixed (char* destination = result)
            for (int i = 0; i < length; i++)
                destination[i] = (char)text[i];
        return result;
    }

    /// <summary>
    /// Writes <paramref name="text"/> as a NUL-terminated byte string; returns its length, or -1 if it
    /// does not fit (the buffer then holds as much as fits, still terminated, when it has room for the NUL).
    /// </summary>
    public static int ToAscii(this string text, byte* buffer, int capacity)
    {
        if (capacity <= 0)
            return -1;
        int length = text.Length < capacity ? text.Length : capacity - 1;
        for (int i = 0; i < length; i++)
            buffer[i] = ToByte(text[i]);
        buffer[length] = 0;
        return length == text.Length ? length : -1;
    }
}
