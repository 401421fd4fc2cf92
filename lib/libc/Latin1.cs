namespace Ocean.Libc;

using System;

/// <summary>Bytes to characters one to one (U+0000..U+00FF), as Ocean's text is read, and back ('?' above U+00FF).</summary>
public static class Latin1
{
    public static string ToString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
            return "";
        var characters = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            characters[i] = (char)bytes[i];
        return new string(characters);
    }

    public static byte[] ToBytes(string text)
    {
        var bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
            bytes[i] = Strings.ToByte(text[i]);
        return bytes;
    }
}
