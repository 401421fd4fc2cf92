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
}
