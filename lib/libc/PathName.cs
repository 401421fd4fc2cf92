namespace Ocean.Libc;

using System;

/// <summary>
/// Path names as Unix spells them: <see cref="Resolve"/> turns a path relative to a working directory
/// into a canonical absolute one ("/" alone, or "/a/b": no ".", "..", empty components or trailing '/').
/// Pure logic on byte strings, shared with the host unit tests.
/// </summary>
public static unsafe class PathName
{
    private const byte Separator = (byte)'/', Dot = (byte)'.';

    /// <summary>
    /// Resolves <paramref name="path"/> (length bytes) against the absolute <paramref name="directory"/>
    /// (NUL-terminated) into <paramref name="destination"/>, NUL-terminated; returns the length, or -1
    /// if it does not fit <paramref name="capacity"/> (terminator included). ".." at the root stays at the root.
    /// </summary>
    public static int Resolve(byte* directory, byte* path, int length, byte* destination, int capacity)
    {
        if (capacity < 2)
            return -1;
        int used = 0;
        if (length == 0 || path[0] != Separator)
        {
            int directoryLength = 0;
            while (directory[directoryLength] != 0)
                directoryLength++;
            if (Append(directory, directoryLength, destination, capacity, ref used) < 0)
                return -1;
        }
        if (Append(path, length, destination, capacity, ref used) < 0)
            return -1;
        if (used == 0)
            destination[used++] = Separator;
        destination[used] = 0;
        return used;
    }

    /// <summary>
    /// The same for spans: <paramref name="path"/> against the absolute <paramref name="directory"/>, into
    /// <paramref name="destination"/> with a NUL after it; the length, or -1 if it does not fit.
    /// </summary>
    public static int Resolve(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> path, Span<byte> destination)
    {
        if (directory.Length > MaxDirectoryBytes)
            return -1;
        byte* terminated = stackalloc byte[directory.Length + 1];
        directory.CopyTo(new Span<byte>(terminated, directory.Length));
        terminated[directory.Length] = 0;
        fixed (byte* text = path)
        fixed (byte* target = destination)
            return Resolve(terminated, text, path.Length, target, destination.Length);
    }

    /// <summary>The same for strings: the canonical absolute path, or null if it is longer than a VFS path may be.</summary>
    public static string Resolve(string directory, string path)
    {
        Span<byte> destination = stackalloc byte[Ocean.Protocols.VfsProtocol.MaxPathBytes + 1];
        int length = Resolve(Latin1.ToBytes(directory), Latin1.ToBytes(path), destination);
        return length < 0 ? null : Latin1.ToString(destination.Slice(0, length));
    }

    // A bound on the directory copied to the stack by the span overload (a VFS path is far shorter).
    private const int MaxDirectoryBytes = 4096;

    // Appends the components of text to the canonical path in destination[0..used).
    private static int Append(byte* text, int length, byte* destination, int capacity, ref int used)
    {
        for (int i = 0; i < length;)
        {
            while (i < length && text[i] == Separator)
                i++;
            int start = i;
            while (i < length && text[i] != Separator)
                i++;
            int count = i - start;
            if (count == 0 || (count == 1 && text[start] == Dot))
                continue;
            if (count == 2 && text[start] == Dot && text[start + 1] == Dot)
            {
                while (used > 0 && destination[used - 1] != Separator)
                    used--;
                if (used > 0)
                    used--;   // the separator before the dropped component
                continue;
            }
            if (used + 1 + count + 1 > capacity)
                return -1;
            destination[used++] = Separator;
            for (int k = 0; k < count; k++)
                destination[used++] = text[start + k];
        }
        return used;
    }
}
