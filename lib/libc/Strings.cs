namespace Ocean.Libc;

using System;

/// <summary>
/// .NET's everyday string operations for Ocean's core library, whose <see cref="string"/> has almost
/// none. Extension methods, so Ocean code reads <c>line.Split(' ')</c>. All comparisons are ordinal.
/// Results are new strings from the heap, except that an operation that changes nothing returns its
/// input (as .NET does). Bytes convert one to one to the characters U+0000..U+00FF (Latin-1), so any
/// byte string survives a round trip; other characters become '?'.
/// </summary>
public static unsafe class Strings
{
    private const byte Unrepresentable = (byte)'?';

    /// <summary>The byte a character is written as.</summary>
    public static byte ToByte(char value) => value <= 0xFF ? (byte)value : Unrepresentable;

    /// <summary>Ordinal comparison: negative, zero or positive as <paramref name="a"/> sorts before, with or after <paramref name="b"/> (null first).</summary>
    public static int Compare(string a, string b)
    {
        if ((object)a == (object)b)
            return 0;
        if (a is null)
            return -1;
        if (b is null)
            return 1;
        int common = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < common; i++)
            if (a[i] != b[i])
                return a[i] - b[i];
        return a.Length - b.Length;
    }

    public static int IndexOf(this string text, char value)
    {
        for (int i = 0; i < text.Length; i++)
            if (text[i] == value)
                return i;
        return -1;
    }

    /// <summary>Where <paramref name="value"/> first occurs in <paramref name="text"/>; 0 for the empty string, -1 if nowhere.</summary>
    public static int IndexOf(this string text, string value)
    {
        for (int i = 0; i + value.Length <= text.Length; i++)
            if (MatchesAt(text, i, value))
                return i;
        return -1;
    }

    public static bool Contains(this string text, string value) => IndexOf(text, value) >= 0;

    public static bool Contains(this string text, char value) => IndexOf(text, value) >= 0;

    public static bool StartsWith(this string text, string value) => value.Length <= text.Length && MatchesAt(text, 0, value);

    public static bool EndsWith(this string text, string value) => value.Length <= text.Length && MatchesAt(text, text.Length - value.Length, value);

    /// <summary>Blanks, tabs, line ends, vertical tabs and form feeds (the ASCII white space).</summary>
    public static bool IsWhiteSpace(char value) => value == ' ' || value >= '\t' && value <= '\r';

    public static string Trim(this string text)
    {
        int start = SkipWhiteSpace(text);
        return Substring(text, start, EndOfText(text, start) - start);
    }

    public static string TrimStart(this string text)
    {
        int start = SkipWhiteSpace(text);
        return Substring(text, start, text.Length - start);
    }

    public static string TrimEnd(this string text) => Substring(text, 0, EndOfText(text, 0));

    public static string Substring(this string text, int start) => Substring(text, start, text.Length - start);

    /// <summary>The <paramref name="length"/> characters from <paramref name="start"/>; a range outside the text is a fatal error.</summary>
    public static string Substring(this string text, int start, int length)
    {
        if (start < 0 || length < 0 || start > text.Length - length)
            throw new Exception("Substring: range outside the string");
        if (length == text.Length)
            return text;
        if (length == 0)
            return "";
        string result = StringAllocation.Allocate(length);
        fixed (char* source = text)
        fixed (char* destination = result)
            Copy(destination, source + start, length);
        return result;
    }

    public static string Concat(string a, string b)
    {
        if (a is null || a.Length == 0)
            return b ?? "";
        if (b is null || b.Length == 0)
            return a;
        string result = StringAllocation.Allocate(a.Length + b.Length);
        fixed (char* destination = result)
        {
            fixed (char* first = a)
                Copy(destination, first, a.Length);
            fixed (char* second = b)
                Copy(destination + a.Length, second, b.Length);
        }
        return result;
    }

    /// <summary>
    /// The pieces between the separators, empty ones included: "a,,b" gives "a", "", "b"; "" gives one
    /// empty piece; a separator at an end gives an empty piece there.
    /// </summary>
    public static string[] Split(this string text, char separator)
    {
        int count = 1;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == separator)
                count++;
        var parts = new string[count];
        int start = 0, part = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != separator)
                continue;
            parts[part++] = Substring(text, start, i - start);
            start = i + 1;
        }
        return parts;
    }

    /// <summary>The parts with <paramref name="separator"/> between them (null parts count as empty).</summary>
    public static string Join(string separator, string[] parts)
    {
        if (parts.Length == 0)
            return "";
        separator ??= "";
        int length = separator.Length * (parts.Length - 1);
        for (int i = 0; i < parts.Length; i++)
            length += parts[i] is null ? 0 : parts[i].Length;
        if (length == 0)
            return "";
        string result = StringAllocation.Allocate(length);
        fixed (char* destination = result)
        fixed (char* between = separator)
        {
            int at = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    Copy(destination + at, between, separator.Length);
                    at += separator.Length;
                }
                if (parts[i] is null)
                    continue;
                fixed (char* part = parts[i])
                    Copy(destination + at, part, parts[i].Length);
                at += parts[i].Length;
            }
        }
        return result;
    }

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

    private static bool MatchesAt(string text, int start, string value)
    {
        for (int i = 0; i < value.Length; i++)
            if (text[start + i] != value[i])
                return false;
        return true;
    }

    private static int SkipWhiteSpace(string text)
    {
        int start = 0;
        while (start < text.Length && IsWhiteSpace(text[start]))
            start++;
        return start;
    }

    // The end of the text without its trailing white space, never before `start`.
    private static int EndOfText(string text, int start)
    {
        int end = text.Length;
        while (end > start && IsWhiteSpace(text[end - 1]))
            end--;
        return end;
    }

    private static void Copy(char* destination, char* source, int count)
    {
        for (int i = 0; i < count; i++)
            destination[i] = source[i];
    }
}
