namespace Ocean.Libc;

/// <summary>NUL-terminated byte strings, as arguments and the environment arrive.</summary>
public static unsafe class CString
{
    public static int Length(byte* text)
    {
        int length = 0;
        while (text[length] != 0)
            length++;
        return length;
    }

    /// <summary>Whether <paramref name="text"/> is exactly <paramref name="word"/> (ASCII).</summary>
    public static bool Is(byte* text, string word)
    {
        int i = 0;
        for (; i < word.Length; i++)
            if (text[i] != word[i])
                return false;
        return text[i] == 0;
    }

    /// <summary>Whether the <paramref name="length"/> bytes at <paramref name="text"/> are exactly <paramref name="word"/> (ASCII).</summary>
    public static bool Is(byte* text, int length, string word)
    {
        if (length != word.Length)
            return false;
        for (int i = 0; i < length; i++)
            if (text[i] != word[i])
                return false;
        return true;
    }

    /// <summary>Byte-wise (ordinal) comparison: negative, zero or positive.</summary>
    public static int Compare(byte* a, byte* b)
    {
        int i = 0;
        while (a[i] != 0 && a[i] == b[i])
            i++;
        return a[i] - b[i];
    }

    /// <summary>The part after the last '/' (the whole string if there is none).</summary>
    public static byte* BaseName(byte* path)
    {
        byte* name = path;
        for (byte* p = path; *p != 0; p++)
            if (*p == (byte)'/' && p[1] != 0)
                name = p + 1;
        return name;
    }
}
