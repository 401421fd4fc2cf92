namespace Ocean.Libc;

using System;

/// <summary>
/// Console I/O for user programs. Standard output (descriptor 1) is buffered per process: the buffer
/// goes out at each line end, when it is full, on <see cref="Flush"/>, before <see cref="ReadLine"/>
/// and when the program exits through the runtime. A program that forks must <see cref="Flush"/> first,
/// or both processes would print what was pending. Standard error (descriptor 2) is not buffered.
/// </summary>
public static unsafe class Stdio
{
    public const int StandardInput = 0;
    public const int StandardOutput = 1;
    public const int StandardError = 2;

    private const int OutputBytes = 512;
    private const int InputBytes = 256;

    private struct Buffers
    {
        public fixed byte Output[OutputBytes];
        public fixed byte Input[InputBytes];
    }

    // Only ever reached through fixed pointers, which the compiler does not count as use.
#pragma warning disable CS0169
    private static Buffers _buffers;
#pragma warning restore CS0169
    private static int _outputLength;
    private static int _inputStart, _inputEnd;
    private static SpinLock _outputLock;
    private static SpinLock _inputLock;

    public static void Write(char c)
    {
        byte b = Strings.ToByte(c);
        Write(&b, 1);
    }

    public static void Write(string text)
    {
        _outputLock.Acquire();
        for (int i = 0; i < text.Length; i++)
            Put(Strings.ToByte(text[i]));
        _outputLock.Release();
    }

    public static void WriteLine(string text)
    {
        _outputLock.Acquire();
        for (int i = 0; i < text.Length; i++)
            Put(Strings.ToByte(text[i]));
        Put((byte)'\n');
        _outputLock.Release();
    }

    /// <summary>Writes a NUL-terminated byte string (an argument, say).</summary>
    public static void Write(byte* text) => Write(text, CString.Length(text));

    public static void Write(byte* bytes, int length)
    {
        _outputLock.Acquire();
        for (int i = 0; i < length; i++)
            Put(bytes[i]);
        _outputLock.Release();
    }

    /// <summary>Writes what <paramref name="text"/> holds.</summary>
    /// <summary>Writes the bytes as they are.</summary>
    public static void Write(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
            Write(start, bytes.Length);
    }

    public static void Write(in TextBuilder text) => Write(text.Buffer, text.Length);

    /// <summary>Writes a number in decimal.</summary>
    public static void Write(long value)
    {
        byte* digits = stackalloc byte[Numbers.MaxDecimalDigits];
        Write(digits, Numbers.FormatDecimal(value, digits));
    }

    public static void Write(ulong value)
    {
        byte* digits = stackalloc byte[Numbers.MaxDecimalDigits];
        Write(digits, Numbers.FormatUnsigned(value, digits));
    }

    /// <summary>Writes <paramref name="value"/> in hexadecimal (no prefix), zero-padded to at least <paramref name="digits"/> digits.</summary>
    public static void WriteHex(ulong value, int digits = 0)
    {
        byte* text = stackalloc byte[Numbers.MaxHexDigits];
        Write(text, Numbers.FormatHex(value, text, digits));
    }

    /// <summary>Writes to standard error at once, bypassing (and not disturbing) the output buffer.</summary>
    public static void WriteError(string text)
    {
        byte* chunk = stackalloc byte[InputBytes];
        for (int done = 0; done < text.Length;)
        {
            int count = 0;
            for (; count < InputBytes && done + count < text.Length; count++)
                chunk[count] = Strings.ToByte(text[done + count]);
            WriteAll(StandardError, chunk, count);
            done += count;
        }
    }

    /// <summary>Sends the buffered standard output to the console now.</summary>
    public static void Flush()
    {
        _outputLock.Acquire();
        FlushLocked();
        _outputLock.Release();
    }

    /// <summary>
    /// Reads one line from standard input into <paramref name="buffer"/>, without its line end and NUL-terminated;
    /// returns its length, or -1 at end of file. A line longer than <paramref name="capacity"/> - 1 comes in
    /// pieces, the rest with the next calls. Flushes standard output first, so that a prompt shows.
    /// </summary>
    public static int ReadLine(byte* buffer, int capacity)
    {
        if (capacity <= 0)
            return -1;
        Flush();
        _inputLock.Acquire();
        int length = 0;
        bool endOfFile = false;
        fixed (byte* input = _buffers.Input)
        {
            while (length < capacity - 1)
            {
                if (_inputStart == _inputEnd)
                {
                    // The console answers with at most one line per read; 0 is end of file.
                    long count = Syscall.Read(StandardInput, input, InputBytes);
                    if (count <= 0)
                    {
                        endOfFile = length == 0;
                        break;
                    }
                    _inputStart = 0;
                    _inputEnd = (int)count;
                }
                byte next = input[_inputStart++];
                if (next == (byte)'\n')
                    break;
                buffer[length++] = next;
            }
            // A line that exactly filled the buffer: its line end belongs to it, not to the next call.
            if (length == capacity - 1 && _inputStart < _inputEnd && input[_inputStart] == (byte)'\n')
                _inputStart++;
        }
        _inputLock.Release();
        buffer[length] = 0;
        return endOfFile ? -1 : length;
    }

    /// <summary>
    /// <see cref="ReadLine(byte*, int)"/> into a span: the line without its end (and a NUL after it, so
    /// a line of <c>buffer.Length - 1</c> bytes may have more to come); its length, or -1 at end of file.
    /// </summary>
    public static int ReadLine(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
            return ReadLine(start, buffer.Length);
    }

    private static void Put(byte value)
    {
        fixed (byte* output = _buffers.Output)
            output[_outputLength++] = value;
        if (value == (byte)'\n' || _outputLength == OutputBytes)
            FlushLocked();
    }

    private static void FlushLocked()
    {
        fixed (byte* output = _buffers.Output)
            WriteAll(StandardOutput, output, _outputLength);
        _outputLength = 0;
    }

    // The console may take less than everything; an error drops the rest rather than spinning.
    private static void WriteAll(int fd, byte* bytes, int length)
    {
        while (length > 0)
        {
            long written = Syscall.Write(fd, bytes, (ulong)length);
            if (written <= 0)
                return;
            bytes += written;
            length -= (int)written;
        }
    }
}
