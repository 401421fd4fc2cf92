namespace System.IO;

using System.Collections.Generic;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Whole-file helpers over the VFS, as .NET's <c>System.IO.File</c>: read or write a file in one call.
/// Text is Latin-1 bytes, lines end with '\n' (a '\r' before it is dropped on reading). A failure is
/// an <see cref="IOException"/> (<see cref="FileNotFoundException"/> when nothing is at the path)
/// whose message names the path and the reason.
/// </summary>
public static class File
{
    private const int ChunkBytes = 64 * 1024;

    public static bool Exists(string path) =>
        path is not null && Files.Stat(path, out VfsNodeKind kind, out _).Ok && kind == VfsNodeKind.File;

    public static byte[] ReadAllBytes(string path)
    {
        Ocean.Libc.File file = Open(path, VfsOpenFlags.Read);
        var data = new GrowingBuffer(file.Size > 0 && file.Size < int.MaxValue ? (int)file.Size : ChunkBytes);
        int read;
        while ((read = file.Read(data.Room())) > 0)
            data.Advance(read);
        Error error = file.Error;
        file.Close();
        ThrowIfFailed(error, path);
        return data.ToArray();
    }

    public static string ReadAllText(string path) => Latin1.ToString(ReadAllBytes(path));

    /// <summary>The file's lines without their ends ("a\nb\n" and "a\nb" are both two lines).</summary>
    public static string[] ReadAllLines(string path)
    {
        string text = ReadAllText(path);
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
                continue;
            lines.Add(text.Substring(start, (i > start && text[i - 1] == '\r' ? i - 1 : i) - start));
            start = i + 1;
        }
        if (start < text.Length)
            lines.Add(text.Substring(start));
        return lines.ToArray();
    }

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, bytes, append: false);

    /// <summary>Creates or replaces the file with <paramref name="contents"/>.</summary>
    public static void WriteAllText(string path, string contents) => Write(path, Latin1.ToBytes(contents ?? ""), append: false);

    /// <summary>Adds <paramref name="contents"/> at the end of the file, creating it if need be.</summary>
    public static void AppendAllText(string path, string contents) => Write(path, Latin1.ToBytes(contents ?? ""), append: true);

    /// <summary>Creates or replaces the file with the lines, each ended by '\n'.</summary>
    public static void WriteAllLines(string path, IEnumerable<string> contents)
    {
        var text = new System.Text.StringBuilder();
        foreach (string line in contents)
            text.Append(line).Append('\n');
        WriteAllText(path, text.ToString());
    }

    /// <summary>Removes the file; a path with nothing there is not an error (as in .NET).</summary>
    public static void Delete(string path)
    {
        Error error = Files.Remove(path);
        if (error.Code != Errno.ENOENT)
            ThrowIfFailed(error, path);
    }

    private static void Write(string path, byte[] bytes, bool append)
    {
        Ocean.Libc.File file = Open(path, VfsOpenFlags.Write | VfsOpenFlags.Create | (append ? VfsOpenFlags.Append : VfsOpenFlags.Truncate));
        file.Write(bytes);
        Error error = file.Error;
        file.Close();
        ThrowIfFailed(error.Ok ? file.Error : error, path);
    }

    private static Ocean.Libc.File Open(string path, ulong flags)
    {
        if (path is null)
            throw new ArgumentNullException(nameof(path));
        Ocean.Libc.File file = Ocean.Libc.File.Open(path, flags);
        ThrowIfFailed(file.Error, path);
        if (file.Kind == VfsNodeKind.Directory)
        {
            file.Close();
            throw new IOException(path + ": " + Error.Of(-Errno.EISDIR).Message);
        }
        return file;
    }

    private static void ThrowIfFailed(Error error, string path)
    {
        if (error.Ok)
            return;
        string message = path + ": " + error.Message;
        if (error.Code == Errno.ENOENT)
            throw new FileNotFoundException(message);
        throw new IOException(message);
    }
}
