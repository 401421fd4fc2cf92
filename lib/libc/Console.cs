namespace System;

using System.IO;
using Ocean.Libc;

/// <summary>
/// The console as .NET programs know it, over libc's <see cref="Stdio"/>: standard output (buffered,
/// flushed before a read and at exit), standard error, and lines from standard input. Text is
/// written as Latin-1 bytes (a character above U+00FF as '?') and read back the same way.
/// </summary>
public static class Console
{
    private const int LineChunkBytes = 256;

    private static TextWriter _out, _error;

    public static TextWriter Out => _out ??= new ConsoleWriter(standardError: false);

    public static TextWriter Error => _error ??= new ConsoleWriter(standardError: true);

    public static void Write(string value) => Stdio.Write(value ?? "");

    public static void Write(char value) => Stdio.Write(value);

    public static void Write(bool value) => Stdio.Write(value.ToString());

    public static void Write(int value) => Stdio.Write(value);

    public static void Write(long value) => Stdio.Write(value);

    public static void Write(ulong value) => Stdio.Write(value);

    public static void Write(object value) => Stdio.Write(value?.ToString() ?? "");

    public static void WriteLine() => Stdio.Write('\n');

    public static void WriteLine(string value) => Stdio.WriteLine(value ?? "");

    public static void WriteLine(char value)
    {
        Stdio.Write(value);
        Stdio.Write('\n');
    }

    public static void WriteLine(bool value) => Stdio.WriteLine(value.ToString());

    public static void WriteLine(int value) => WriteLine((long)value);

    public static void WriteLine(long value)
    {
        Stdio.Write(value);
        Stdio.Write('\n');
    }

    public static void WriteLine(ulong value)
    {
        Stdio.Write(value);
        Stdio.Write('\n');
    }

    public static void WriteLine(object value) => Stdio.WriteLine(value?.ToString() ?? "");

    /// <summary>The next line of standard input without its line end, or null at the end of input.</summary>
    public static unsafe string ReadLine()
    {
        byte* chunk = stackalloc byte[LineChunkBytes];
        int length = Stdio.ReadLine(chunk, LineChunkBytes);
        if (length < 0)
            return null;
        string line = Latin1.ToString(new ReadOnlySpan<byte>(chunk, length));
        // A line that filled the chunk may go on: the rest comes with the next reads.
        while (length == LineChunkBytes - 1)
        {
            length = Stdio.ReadLine(chunk, LineChunkBytes);
            if (length < 0)
                break;
            line += Latin1.ToString(new ReadOnlySpan<byte>(chunk, length));
        }
        return line;
    }

    private sealed class ConsoleWriter(bool standardError) : TextWriter
    {
        public override void Write(char value)
        {
            if (standardError)
                Stdio.WriteError(value.ToString());
            else
                Stdio.Write(value);
        }

        public override void Write(string value)
        {
            if (standardError)
                Stdio.WriteError(value ?? "");
            else
                Stdio.Write(value ?? "");
        }

        public override void Flush() => Stdio.Flush();
    }
}
