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
}
