namespace Ocean.Libc;

using System;

/// <summary>
/// Byte strings in spans, as the shell keeps its words: comparison, search, the part before a NUL.
/// Static helpers rather than extension methods, so the file compiles on the host beside the BCL's.
/// </summary>
public static class Bytes
{
    /// <summary>Whether both hold the same bytes.</summary>
    public static bool Equal(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        left.Length == right.Length && CommonLength(left, right) == left.Length;

    /// <summary>How many bytes both start with.</summary>
    public static int CommonLength(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int i = 0;
        while (i < left.Length && i < right.Length && left[i] == right[i])
            i++;
        return i;
    }

    /// <summary>Whether <paramref name="bytes"/> is exactly <paramref name="word"/> (Latin-1: one byte a character).</summary>
    public static bool Is(ReadOnlySpan<byte> bytes, string word)
    {
        if (bytes.Length != word.Length)
            return false;
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] != word[i])
                return false;
        return true;
    }

    /// <summary>Where <paramref name="value"/> first occurs, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> bytes, byte value)
    {
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] == value)
                return i;
        return -1;
    }

    /// <summary>The bytes before the first NUL (all of them if there is none).</summary>
    public static ReadOnlySpan<byte> BeforeNul(ReadOnlySpan<byte> bytes)
    {
        int end = IndexOf(bytes, 0);
        return end < 0 ? bytes : bytes.Slice(0, end);
    }

    /// <summary>Copies <paramref name="source"/> and a NUL into <paramref name="destination"/>; false (nothing copied) if it does not fit.</summary>
    public static bool CopyTerminated(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length + 1 > destination.Length)
            return false;
        source.CopyTo(destination);
        destination[source.Length] = 0;
        return true;
    }
}
