namespace Ocean.Servers.Sh;

using Ocean.Libc;

/// <summary>The commands the shell runs itself: help, exit, echo, pid, clear.</summary>
public static unsafe class Builtins
{
    /// <summary>Exit statuses are one byte, as on Unix.</summary>
    private const long MaxExitCode = 255;
    /// <summary>ANSI: clear the screen and put the cursor home.</summary>
    private const string ClearScreen = "\u001b[2J\u001b[H";

    /// <summary>Runs argv[0] if it is a built-in (setting <paramref name="status"/>); false otherwise.</summary>
    public static bool TryRun(int argc, byte** argv, ref int status, out bool exit)
    {
        exit = false;
        byte* name = argv[0];
        if (CString.Is(name, "help"))
        {
            Stdio.WriteLine("Built-in commands:");
            Stdio.WriteLine("  help          this list");
            Stdio.WriteLine("  echo [word..] print the words");
            Stdio.WriteLine("  pid           print the shell's process id");
            Stdio.WriteLine("  version       the kernel's and every boot module's package and version");
            Stdio.WriteLine("  clear         clear the screen");
            Stdio.WriteLine("  exit [code]   leave the shell (init starts a new one)");
            Stdio.WriteLine("Anything else runs the program of that name; $? is the last exit status.");
            status = 0;
        }
        else if (CString.Is(name, "echo"))
        {
            for (int i = 1; i < argc; i++)
            {
                if (i > 1)
                    Stdio.Write(' ');
                Stdio.Write(argv[i]);
            }
            Stdio.WriteLine("");
            status = 0;
        }
        else if (CString.Is(name, "pid"))
        {
            Stdio.Write(Syscall.GetPid());
            Stdio.WriteLine("");
            status = 0;
        }
        else if (CString.Is(name, "version"))
        {
            PrintVersions();
            status = 0;
        }
        else if (CString.Is(name, "clear"))
        {
            Stdio.Write(ClearScreen);
            status = 0;
        }
        else if (CString.Is(name, "exit"))
        {
            if (argc > 1)
            {
                if (!Numbers.TryParse(argv[1], out long code) || code < 0 || code > MaxExitCode)
                {
                    Stdio.WriteLine("sh: exit: the status must be a number from 0 to 255");
                    status = 2;
                    return true;
                }
                status = (int)code;
            }
            exit = true;
        }
        else
            return false;
        return true;
    }

    private const int PackageNameBytes = 128;

    // The packages the image was composed of, as the kernel was told at boot: the kernel first.
    private static void PrintVersions()
    {
        byte* name = stackalloc byte[PackageNameBytes];
        long length;
        for (int index = 0; (length = Syscall.BootPackage(index, name, PackageNameBytes)) >= 0; index++)
        {
            Syscall.Write(Stdio.StandardOutput, name, (ulong)(length < PackageNameBytes ? length : PackageNameBytes));
            Stdio.Write('\n');
        }
    }
}
