namespace Ocean.Servers.Sh;

using Ocean.Libc;

/// <summary>The commands the shell runs itself: help, exit, echo, pid, clear.</summary>
public static unsafe class Builtins
{
    /// <summary>ANSI: clear the screen and put the cursor home.</summary>
    private const string ClearScreen = "\u001b[2J\u001b[H";

    /// <summary>Runs argv[0] if it is a built-in (setting <paramref name="status"/>); false otherwise.</summary>
    public static bool TryRun(int argc, byte** argv, ref int status, out bool exit)
    {
        exit = false;
        byte* name = argv[0];
        if (Is(name, "help"))
        {
            Stdio.WriteLine("Built-in commands:");
            Stdio.WriteLine("  help          this list");
            Stdio.WriteLine("  echo [word..] print the words");
            Stdio.WriteLine("  pid           print the shell's process id");
            Stdio.WriteLine("  clear         clear the screen");
            Stdio.WriteLine("  exit [code]   leave the shell (init starts a new one)");
            Stdio.WriteLine("Anything else runs the program of that name; $? is the last exit status.");
            status = 0;
        }
        else if (Is(name, "echo"))
        {
            for (int i = 1; i < argc; i++)
            {
                if (i > 1)
                    Stdio.Write(' ');
                WriteBytes(argv[i]);
            }
            Stdio.WriteLine("");
            status = 0;
        }
        else if (Is(name, "pid"))
        {
            WriteNumber(Syscall.GetPid());
            Stdio.WriteLine("");
            status = 0;
        }
        else if (Is(name, "clear"))
        {
            Stdio.Write(ClearScreen);
            status = 0;
        }
        else if (Is(name, "exit"))
        {
            if (argc > 1 && !TryParseNumber(argv[1], out status))
            {
                Stdio.WriteLine("sh: exit: not a number");
                status = 2;
                return true;
            }
            exit = true;
        }
        else
            return false;
        return true;
    }

    public static bool Is(byte* text, string word)
    {
        int i = 0;
        for (; i < word.Length; i++)
            if (text[i] != word[i])
                return false;
        return text[i] == 0;
    }

    public static bool TryParseNumber(byte* text, out int value)
    {
        value = 0;
        if (text[0] == 0)
            return false;
        for (int i = 0; text[i] != 0; i++)
        {
            if (text[i] < '0' || text[i] > '9' || value > 100_000_000)
                return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }

    public static void WriteBytes(byte* text)
    {
        for (int i = 0; text[i] != 0; i++)
            Stdio.Write((char)text[i]);
    }

    public static void WriteNumber(long value)
    {
        if (value < 0)
        {
            Stdio.Write('-');
            value = -value;
        }
        byte* digits = stackalloc byte[20];
        int count = 0;
        do { digits[count++] = (byte)('0' + value % 10); value /= 10; } while (value > 0);
        while (count > 0)
            Stdio.Write((char)digits[--count]);
    }
}
