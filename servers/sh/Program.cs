namespace Ocean.Servers.Sh;

using System;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Ocean's interactive shell: reads a line, splits it into a pipeline of commands
/// (<see cref="CommandParser"/>, with variables from <see cref="Variables"/>), runs a lone built-in
/// itself (<see cref="Builtins"/>) and everything else as a <see cref="Pipeline"/> of child processes.
/// End of file (Ctrl-D on an empty line) exits, as does `exit`; init then starts a new shell.
/// Long-lived and without a garbage collector, it allocates its buffers once and nothing per line.
/// </summary>
public static class Program
{
    /// <summary>As long as the console's line discipline takes (longer lines are refused whole).</summary>
    private const int LineBytes = 1024;
    private const int StorageBytes = 2048;
    private const int MaxWords = 48;
    private const int CommandNotFound = 127;
    private const int SyntaxError = 2;

    /// <summary>The parser's view of the shell's variables.</summary>
    private sealed class ShellVariables : VariableSource
    {
        public override ReadOnlySpan<byte> Lookup(ReadOnlySpan<byte> name) => Variables.Lookup(name);
    }

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        var line = new byte[LineBytes];
        var storage = new byte[StorageBytes];
        var words = new int[MaxWords];
        var redirections = new Redirection[Pipeline.MaxCommands];
        var variables = new ShellVariables();
        int status = 0;
        Variables.Initialize();
        Builtins.SetDefaults();
        Stdio.WriteLine("Ocean shell. Type help for the commands.");
        while (true)
        {
            Stdio.Write("ocean$ ");
            int length = Stdio.ReadLine(line);
            if (length < 0)
            {
                Stdio.WriteLine("");
                return status;   // end of file
            }
            if (length == LineBytes - 1)
            {
                // ReadLine hands an over-long line over in pieces: none of them may run as a command.
                while (Stdio.ReadLine(line) == LineBytes - 1)
                {
                }
                Stdio.WriteLine("sh: line too long");
                status = SyntaxError;
                continue;
            }
            ParseStatus parsed = CommandParser.Parse(new ReadOnlySpan<byte>(line, 0, length), status, variables, storage, words,
                                                     redirections, out int commands);
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
            if (commands == 1 && !redirections[0].Any && Builtins.TryRun(CommandWords.Of(storage, words, 0), ref status, out bool exit))
            {
                if (exit)
                    return status;
                continue;
            }
            status = Pipeline.Run(storage, words, redirections, commands);
        }
    }

    /// <summary>In a child: a built-in runs here (its output goes down the pipe); anything else is exec'd.</summary>
    public static int RunInChild(CommandWords command)
    {
        int status = 0;
        if (Builtins.TryRun(command, ref status, out _))
            return status;
        Span<int> environment = stackalloc int[Variables.MaxVariables];
        int count = Variables.Starts(environment);
        Error error = Runtime.Exec(command.Storage, command.Starts, Variables.Table, environment.Slice(0, count));
        Stdio.Write("sh: ");
        Stdio.Write(command[0]);
        if (error.Code == Errno.ENOENT)
            Stdio.WriteLine(": command not found");
        else
        {
            Stdio.Write(": cannot run: ");
            Stdio.WriteLine(error.Message);
        }
        return CommandNotFound;
    }
}
