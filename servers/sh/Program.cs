namespace Ocean.Servers.Sh;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Ocean's interactive shell: reads a line, splits it into a pipeline of commands
/// (<see cref="CommandParser"/>, with variables from <see cref="Variables"/>), runs a lone built-in
/// itself (<see cref="Builtins"/>) and everything else as a <see cref="Pipeline"/> of child processes. End of file (Ctrl-D on an empty line) exits, as does `exit`;
/// init then starts a new shell.
/// </summary>
public static unsafe class Program
{
    /// <summary>As long as the console's line discipline takes (longer lines are refused whole).</summary>
    private const int LineBytes = 1024;
    private const int StorageBytes = 2048;
    private const int MaxArguments = 48;
    private const int CommandNotFound = 127;
    private const int SyntaxError = 2;
    private const int StandardInput = 0, StandardOutput = 1;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* line = stackalloc byte[LineBytes];
        byte* storage = stackalloc byte[StorageBytes];
        byte** argv = stackalloc byte*[MaxArguments];
        Redirection* redirections = stackalloc Redirection[Pipeline.MaxCommands];
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
            if (length == LineBytes - 1)
            {
                // ReadLine hands an over-long line over in pieces: none of them may run as a command.
                while (Stdio.ReadLine(line, LineBytes) == LineBytes - 1)
                {
                }
                Stdio.WriteLine("sh: line too long");
                status = SyntaxError;
                continue;
            }
            ParseStatus parsed = CommandParser.Parse(line, length, status, &Variables.Lookup, storage, StorageBytes, argv, MaxArguments,
                                                     redirections, Pipeline.MaxCommands, out int commands);
            if (parsed == ParseStatus.Empty)
                continue;
            if (parsed != ParseStatus.Ok)
            {
                Stdio.WriteLine(parsed == ParseStatus.UnterminatedQuote ? "sh: unterminated quote"
                    : parsed == ParseStatus.EmptyCommand ? "sh: a command is missing next to '|'"
                    : parsed == ParseStatus.MissingFileName ? "sh: a file name is missing after '<' or '>'" : "sh: line too long");
                status = SyntaxError;
                continue;
            }
            // A lone built-in runs in the shell itself (cd must change the shell's directory), unless redirected.
            bool redirected = redirections[0].Input != null || redirections[0].Output != null;
            if (commands == 1 && !redirected && Builtins.TryRun(Count(argv), argv, ref status, out bool exit))
            {
                if (exit)
                    return status;
                continue;
            }
            status = Pipeline.Run(argv, redirections, commands);
        }
    }

    public static int Count(byte** argv)
    {
        int count = 0;
        while (argv[count] != null)
            count++;
        return count;
    }

    /// <summary>In a child: a built-in runs here (its output goes down the pipe); anything else is exec'd.</summary>
    public static int RunInChild(byte** argv)
    {
        int status = 0;
        if (Builtins.TryRun(Count(argv), argv, ref status, out _))
            return status;
        byte** environment = stackalloc byte*[Variables.MaxVariables + 1];
        long result = Runtime.Exec(argv[0], argv, Variables.Environment(environment));
        Stdio.Write("sh: ");
        Stdio.Write(argv[0]);
        if (result == -Errno.ENOENT)
            Stdio.WriteLine(": command not found");
        else
        {
            Stdio.Write(": cannot run: ");
            Stdio.WriteLine(Errors.Describe(result));
        }
        return CommandNotFound;
    }
}
