namespace Ocean.Kernel.Lib;

/// <summary>
/// The kernel's formatted output. Width arguments follow one rule throughout: a positive width
/// right-aligns the field, a negative width left-aligns it, zero means no padding.
/// </summary>
public static unsafe class Console
{
    private static delegate*<byte, void> _sink;
    private static bool _timestamps, _atLineStart = true;
    private static ulong _origin;

    /// <summary>Sends all further output to <paramref name="sink"/>, one byte at a time.</summary>
    public static void SetSink(delegate*<byte, void> sink) => _sink = sink;

    /// <summary>
    /// From now on every line (the kernel's and programs') starts with the time stamp counter's ticks
    /// since <paramref name="origin"/> (the kernel's entry), in thousands: "[   13042k] ". Under QEMU's
    /// -icount a tick is an instruction, so this shows where boot time goes (the `timestamps` word).
    /// </summary>
    public static void StartTimestamps(ulong origin)
    {
        _origin = origin;
        _timestamps = true;
    }

    private const int TimestampDigits = 8;
    private const ulong TicksPerUnit = 1000;

    public static void Write(char c)
    {
        if (_sink == null)
            return;
        if (_timestamps && _atLineStart)
        {
            _atLineStart = false;   // first: the stamp's own characters must not stamp again
            Write('[');
            WriteUnsigned((Arch.X86_64.Cpu.Cpu.ReadTimestamp() - _origin) / TicksPerUnit, TimestampDigits);
            Write("k] ");
        }
        if (c == '\n')
        {
            _sink((byte)'\r');
            _atLineStart = true;
        }
        _sink(c < 0x80 ? (byte)c : (byte)'?');
    }

    public static void Write(string text, int width = 0)
    {
        int length = text is null ? 0 : text.Length;
        fixed (char* chars = text)
            WriteField(chars, length, width);
    }

    /// <summary>Writes a NUL-terminated ASCII string, as boot protocols hand them over.</summary>
    public static void WriteAscii(byte* text, int width = 0)
    {
        int length = 0;
        if (text != null)
            while (text[length] != 0)
                length++;
        int pad = NumberFormat.PaddingFor(length, width);
        if (width > 0)
            Repeat(' ', pad);
        for (int i = 0; i < length; i++)
            Write((char)text[i]);
        if (width < 0)
            Repeat(' ', pad);
    }

    public static void WriteLine() => Write('\n');

    public static void WriteLine(string text)
    {
        Write(text);
        Write('\n');
    }

    public static void WriteDecimal(long value, int width = 0)
    {
        char* digits = stackalloc char[NumberFormat.MaxDigits];
        WriteField(digits, NumberFormat.FormatSigned(value, digits), width);
    }

    public static void WriteUnsigned(ulong value, int width = 0)
    {
        char* digits = stackalloc char[NumberFormat.MaxDigits];
        WriteField(digits, NumberFormat.FormatUnsigned(value, 10, 1, digits), width);
    }

    /// <summary>Writes "0x" and at least <paramref name="minDigits"/> lowercase hex digits.</summary>
    public static void WriteHex(ulong value, int minDigits = 1, int width = 0)
    {
        char* digits = stackalloc char[NumberFormat.MaxDigits + 2];
        digits[0] = '0';
        digits[1] = 'x';
        WriteField(digits, 2 + NumberFormat.FormatUnsigned(value, 16, minDigits, digits + 2), width);
    }

    private static void WriteField(char* text, int length, int width)
    {
        int pad = NumberFormat.PaddingFor(length, width);
        if (width > 0)
            Repeat(' ', pad);
        for (int i = 0; i < length; i++)
            Write(text[i]);
        if (width < 0)
            Repeat(' ', pad);
    }

    private static void Repeat(char c, int count)
    {
        for (int i = 0; i < count; i++)
            Write(c);
    }
}
