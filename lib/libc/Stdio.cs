namespace Ocean.Libc;

/// <summary>Console output for user programs (standard output is file descriptor 1).</summary>
public static unsafe class Stdio
{
    public const int StandardOutput = 1;

    public static void Write(char c)
    {
        byte b = c < 0x80 ? (byte)c : (byte)'?';
        Syscall.Write(StandardOutput, &b, 1);
    }

    public static void Write(string text)
    {
        for (int i = 0; i < text.Length; i++)
            Write(text[i]);
    }

    public static void WriteLine(string text)
    {
        Write(text);
        Write('\n');
    }

    /// <summary>Writes a NUL-terminated byte string (an argument, say).</summary>
    public static void Write(byte* text)
    {
        Syscall.Write(StandardOutput, text, (ulong)CString.Length(text));
    }

    /// <summary>Writes a number in decimal.</summary>
    public static void Write(long value)
    {
        byte* digits = stackalloc byte[Numbers.MaxDecimalDigits];
        int length = Numbers.FormatDecimal(value, digits);
        Syscall.Write(StandardOutput, digits, (ulong)length);
    }
}
