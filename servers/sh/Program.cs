namespace Ocean.Servers.Sh;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Ocean's interactive shell: reads a line, splits it (<see cref="CommandParser"/>), runs a built-in
/// (<see cref="Builtins"/>) or an external program by fork, exec and wait, and reports how it ended.
/// End of file (Ctrl-D on an empty line) exits, as does `exit`; init then starts a new shell.
/// </summary>
public static unsafe class Program
{
    private const int LineBytes = 256;
    private const int StorageBytes = 512;
    private const int MaxArguments = 32;
    private const int CommandNotFound = 127;
    private const int ConsoleIn = 0;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* line = stackalloc byte[LineBytes];
        byte* storage = stackalloc byte[StorageBytes];
        byte** argv = stackalloc byte*[MaxArguments];
        int status = 0;
        Stdio.WriteLine("Ocean shell. Type help for the commands.");
        while (true)
        {
            Stdio.Write("ocean$ ");
            Stdio.Flush();   // the prompt has no line end to flush it
            long length = Syscall.Read(ConsoleIn, line, LineBytes);
            if (length <= 0)
            {
                Stdio.WriteLine("");
                return status;   // end of file
            }
            if (line[length - 1] == (byte)'\n')
                length--;
            ParseStatus parsed = CommandParser.Parse(line, (int)length, status, storage, StorageBytes, argv, MaxArguments, out int argc);
            if (parsed == ParseStatus.Empty)
                continue;
            if (parsed != ParseStatus.Ok)
            {
                Stdio.WriteLine(parsed == ParseStatus.UnterminatedQuote ? "sh: unterminated quote" : "sh: line too long");
                status = 2;
                continue;
            }
            if (Builtins.TryRun(argc, argv, ref status, out bool exit))
            {
                if (exit)
                    return status;
                continue;
            }
            status = RunProgram(argv);
        }
    }

    /// <summary>fork, exec and wait; the status as $? shows it (128 + signal for a killed program).</summary>
    private static int RunProgram(byte** argv)
    {
        Stdio.Flush();   // or the child would print what is pending too
        long child = Syscall.Fork();
        if (child < 0)
        {
            Stdio.WriteLine("sh: cannot fork");
            return 1;
        }
        if (child == 0)
        {
            long result = Syscall.Exec(argv[0], argv, Runtime.Environment);
            Stdio.Write("sh: ");
            Stdio.Write(argv[0]);
            Stdio.WriteLine(result == -Errno.ENOENT ? ": command not found" : ": cannot run");
            Syscall.Exit(CommandNotFound);
        }
        int status;
        if (Syscall.WaitPid(child, &status, 0) != child)
            return 1;
        if (WaitStatus.IfExited(status))
            return WaitStatus.ExitCode(status);
        Stdio.Write("sh: ");
        Stdio.Write(argv[0]);
        Stdio.Write(": killed by signal ");
        Stdio.Write((long)WaitStatus.TermSignal(status));
        Stdio.WriteLine("");
        return 128 + WaitStatus.TermSignal(status);
    }
}
