namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Ocean's interactive shell: reads a line, splits it into a pipeline of commands
/// (<see cref="CommandParser"/>, with variables from <see cref="Variables"/>), runs a lone built-in
/// itself (<see cref="Builtins"/>) and everything else as a <see cref="Pipeline"/> of child processes.
/// End of file (Ctrl-D on an empty line) exits, as does `exit`; init then starts a new shell.
/// </summary>
public static class Program
{
    /// <summary>As long as the console's line discipline takes (a longer line is refused whole).</summary>
    private const int MaxLineLength = 1023;
    private const int CommandNotFound = 127;
    private const int SyntaxError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        int status = 0;
        Variables.Initialize();
        Builtins.SetDefaults();
        Console.WriteLine("Ocean shell. Type help for the commands.");
        while (true)
        {
            Console.Write("ocean$ ");
            string line = Console.ReadLine();
            if (line == null)
            {
                Console.WriteLine();
                return status;   // end of file
            }
            if (line.Length >= MaxLineLength)
            {
                Console.WriteLine("sh: line too long");
                status = SyntaxError;
                continue;
            }
            List<Command> commands;
            try
            {
                commands = CommandParser.Parse(line, status, Variables.Lookup);
            }
            catch (ShellSyntaxException e)
            {
                Console.WriteLine("sh: " + e.Message);
                status = SyntaxError;
                continue;
            }
            if (commands.Count == 0)
                continue;
            // A lone built-in runs in the shell itself (cd must change the shell's directory), unless redirected.
            if (commands.Count == 1 && !commands[0].Redirected && Builtins.TryRun(commands[0].Words, ref status, out bool exit))
            {
                if (exit)
                    return status;
                continue;
            }
            status = Pipeline.Run(commands);
        }
    }

    /// <summary>In a child: a built-in runs here (its output goes down the pipe); anything else is exec'd.</summary>
    public static int RunInChild(List<string> words)
    {
        int status = 0;
        if (Builtins.TryRun(words, ref status, out _))
            return status;
        Error error = Runtime.Exec(words[0], words.GetRange(1, words.Count - 1), Variables.Environment());
        Console.WriteLine(error.Code == Errno.ENOENT ? $"sh: {words[0]}: command not found" : $"sh: {words[0]}: cannot run: {error.Message}");
        return CommandNotFound;
    }
}
