namespace Ocean.Servers.Sh;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Ocean's interactive shell: reads a line, splits it into a pipeline of commands
/// (<see cref="CommandParser"/>, with variables from <see cref="Variables"/>), runs a lone built-in
/// itself (<see cref="Builtins"/>) and everything else in child processes connected by pipes, waits
/// for them and reports how they ended. End of file (Ctrl-D on an empty line) exits, as does `exit`;
/// init then starts a new shell.
/// </summary>
public static unsafe class Program
{
    private const int LineBytes = 256;
    private const int StorageBytes = 1024;
    private const int MaxArguments = 48;
    private const int MaxCommands = 8;
    private const int CommandNotFound = 127;
    private const int SyntaxError = 2;
    private const int StandardInput = 0, StandardOutput = 1;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* line = stackalloc byte[LineBytes];
        byte* storage = stackalloc byte[StorageBytes];
        byte** argv = stackalloc byte*[MaxArguments];
        int status = 0;
        Variables.Import(Runtime.Environment);
        Builtins.SetDefaults();
        Stdio.WriteLine("Ocean shell. Type help for the commands.");
        while (true)
        {
            Stdio.Write("ocean$ ");
            int length = Stdio.ReadLine(line, LineBytes);
            if (length < 0)
            {
                Stdio.WriteLine("");
                return status;   // end of file
            }
            ParseStatus parsed = CommandParser.Parse(line, length, status, &Variables.Lookup, storage, StorageBytes, argv, MaxArguments, out int commands);
            if (parsed == ParseStatus.Empty)
                continue;
            if (parsed != ParseStatus.Ok || commands > MaxCommands)
            {
                Stdio.WriteLine(parsed == ParseStatus.UnterminatedQuote ? "sh: unterminated quote"
                    : parsed == ParseStatus.EmptyCommand ? "sh: a command is missing next to '|'" : "sh: line too long");
                status = SyntaxError;
                continue;
            }
            if (commands == 1 && Builtins.TryRun(Count(argv), argv, ref status, out bool exit))
            {
                if (exit)
                    return status;
                continue;
            }
            status = RunPipeline(argv, commands);
        }
    }

    private static int Count(byte** argv)
    {
        int count = 0;
        while (argv[count] != null)
            count++;
        return count;
    }

    /// <summary>
    /// Runs each command in its own child, standard output of one into standard input of the next
    /// through a pipe; the status is the last command's ($? shows 128 + signal for a killed one).
    /// </summary>
    private static int RunPipeline(byte** argv, int commands)
    {
        long* children = stackalloc long[MaxCommands];
        int* pipe = stackalloc int[2];
        int previousRead = -1, started = 0;
        byte** command = argv;
        for (int c = 0; c < commands; c++)
        {
            bool last = c == commands - 1;
            if (!last && Syscall.Pipe(pipe) < 0)
            {
                Stdio.WriteLine("sh: cannot create a pipe");
                break;
            }
            long child = Runtime.Fork();
            if (child == 0)
            {
                if (previousRead >= 0)
                {
                    Syscall.Dup2(previousRead, StandardInput);
                    Syscall.Close(previousRead);
                }
                if (!last)
                {
                    Syscall.Dup2(pipe[1], StandardOutput);
                    Syscall.Close(pipe[0]);
                    Syscall.Close(pipe[1]);
                }
                Runtime.Exit(RunInChild(command));
            }
            if (previousRead >= 0)
                Syscall.Close(previousRead);
            if (!last)
            {
                Syscall.Close(pipe[1]);
                previousRead = pipe[0];
            }
            if (child < 0)
            {
                Stdio.WriteLine("sh: cannot fork");
                break;
            }
            children[started++] = child;
            command += Count(command) + 1;
        }
        if (previousRead >= 0 && started < commands)
            Syscall.Close(previousRead);
        int status = 1;
        command = argv;
        for (int c = 0; c < started; c++)
        {
            status = Wait(children[c], command[0]);
            command += Count(command) + 1;
        }
        return started == commands ? status : 1;
    }

    // In the child: a built-in runs here (its output goes down the pipe); anything else is exec'd.
    private static int RunInChild(byte** argv)
    {
        int status = 0;
        if (Builtins.TryRun(Count(argv), argv, ref status, out _))
            return status;
        byte** environment = stackalloc byte*[Variables.MaxVariables + 1];
        long result = Syscall.Exec(argv[0], argv, Variables.Environment(environment));
        Stdio.Write("sh: ");
        Stdio.Write(argv[0]);
        Stdio.WriteLine(result == -Errno.ENOENT ? ": command not found" : ": cannot run");
        return CommandNotFound;
    }

    private static int Wait(long child, byte* name)
    {
        int status;
        if (Syscall.WaitPid(child, &status, 0) != child)
            return 1;
        if (WaitStatus.IfExited(status))
            return WaitStatus.ExitCode(status);
        Stdio.Write("sh: ");
        Stdio.Write(name);
        Stdio.Write(": killed by signal ");
        Stdio.Write((long)WaitStatus.TermSignal(status));
        Stdio.WriteLine("");
        return 128 + WaitStatus.TermSignal(status);
    }
}
