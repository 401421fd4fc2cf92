namespace Ocean.Protocols;

/// <summary>Short ASCII text (service names, versions) packed into message words, NUL-padded.</summary>
public static unsafe class MessageText
{
    /// <summary>Packs up to <paramref name="wordCount"/> × 8 bytes of <paramref name="text"/>; false if it does not fit.</summary>
    public static bool Pack(byte* text, int length, ulong* words, int wordCount)
    {
        if (length > wordCount * sizeof(ulong))
            return false;
        byte* bytes = (byte*)words;
        for (int i = 0; i < wordCount * sizeof(ulong); i++)
            bytes[i] = i < length ? text[i] : (byte)0;
        return true;
    }

    /// <summary>Copies the text out of the words and NUL-terminates it; <paramref name="destination"/> needs wordCount × 8 + 1 bytes. Returns its length.</summary>
    public static int Unpack(ulong* words, int wordCount, byte* destination)
    {
        byte* bytes = (byte*)words;
        int length = 0;
        while (length < wordCount * sizeof(ulong) && bytes[length] != 0)
        {
            destination[length] = bytes[length];
            length++;
        }
        destination[length] = 0;
        return length;
    }

    /// <summary><see cref="Pack(byte*, int, ulong*, int)"/> for a string (one byte a character: names and versions are ASCII).</summary>
    public static bool Pack(string text, ulong* words, int wordCount)
    {
        if (text.Length > wordCount * sizeof(ulong))
            return false;
        byte* bytes = (byte*)words;
        for (int i = 0; i < wordCount * sizeof(ulong); i++)
            bytes[i] = i < text.Length ? (byte)text[i] : (byte)0;
        return true;
    }

    /// <summary>The text packed in the words, as a string.</summary>
    public static string Unpack(ulong* words, int wordCount)
    {
        byte* bytes = (byte*)words;
        var characters = new char[wordCount * sizeof(ulong)];
        int length = 0;
        while (length < characters.Length && bytes[length] != 0)
        {
            characters[length] = (char)bytes[length];
            length++;
        }
        return new string(characters, 0, length);
    }

    /// <summary>Whether the packed text equals the first <paramref name="length"/> bytes of <paramref name="text"/>.</summary>
    public static bool Equals(ulong* words, int wordCount, byte* text, int length)
    {
        byte* bytes = (byte*)words;
        if (length > wordCount * sizeof(ulong))
            return false;
        for (int i = 0; i < length; i++)
            if (bytes[i] != text[i])
                return false;
        return length == wordCount * sizeof(ulong) || bytes[length] == 0;
    }
}
