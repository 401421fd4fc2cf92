namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Ocean's interactive shell: reads a line, splits it into a list of pipelines joined by ';', '&amp;&amp;'
/// and '||' (<see cref="CommandList"/>), and runs each in turn when its condition holds: splits it
/// into commands (<see cref="CommandParser"/>, with variables from <see cref="Variables"/> and the
/// status the one before left), runs a lone built-in itself (<see cref="Builtins"/>) and everything
/// else as a <see cref="Pipeline"/> of child processes.
/// Lines come from the <see cref="LineReader"/> (edited, with history, on the console).
/// End of file (Ctrl-D on an empty line) exits, as does `exit`; init then starts a new shell.
/// </summary>
public static class Program
{
    /// <summary>As long as the console's line discipline takes (a longer line is refused whole).</summary>
    private const int MaxLineLength = 1023;
    private const int CommandNotFound = 127;
    private const int SyntaxError = 2;
    /// <summary>128 + SIGINT: the status after Ctrl-C.</summary>
    private const int Interrupted = 128 + Signal.Interrupt;
    private const string Prompt = "ocean$ ";

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        int status = 0;
        Variables.Initialize();
        Builtins.SetDefaults();
        string[] arguments = Runtime.Arguments;
        if (arguments.Length > 0)
        {
            RunScript(arguments[0], ref status);   // sh FILE: its lines, then the last status (or exit's)
            return status;
        }
        JobControl.Start();
        LineReader.Start(Builtins.HomeOrRoot);
        Console.WriteLine("Ocean shell. Type help for the commands.");
        while (true)
        {
            Jobs.Report();
            string line = LineReader.Read(Prompt, out bool interrupted);
            if (line == null)
            {
                Console.WriteLine();
                Jobs.HangUpAll();
                return status;   // end of file
            }
            if (interrupted)
            {
                status = Interrupted;   // Ctrl-C at the prompt, as if a command had been interrupted
                continue;
            }
            if (line.Length >= MaxLineLength)
            {
                Console.WriteLine("sh: line too long");
                status = SyntaxError;
                continue;
            }
            string expanded = LineReader.History.Expand(line);
            if (expanded == null)
            {
                Console.Error.WriteLine("sh: !!: event not found");
                status = 1;
                continue;
            }
            if (expanded != line)
                Console.WriteLine(expanded);   // as other shells: the line that runs
            LineReader.Remember(expanded);
            if (RunLine(expanded, ref status))
            {
                Jobs.HangUpAll();
                return status;   // exit
            }
        }
    }

    /// <summary>
    /// Runs the lines of a script (sh FILE, or source FILE in this shell), skipping blank lines and
    /// comments; true when one ran `exit`. A file it cannot read is status 127, as a missing command.
    /// </summary>
    public static bool RunScript(string path, ref int status)
    {
        string[] lines;
        try
        {
            lines = System.IO.File.ReadAllLines(path);
        }
        catch (System.IO.IOException e)
        {
            Console.Error.WriteLine($"sh: {e.Message}");
            status = CommandNotFound;
            return false;
        }
        foreach (string line in lines)
        {
            string text = line.TrimStart();
            if (text.Length > 0 && text[0] != '#' && RunLine(line, ref status))
                return true;
        }
        return false;
    }

    /// <summary>Runs a line's list of pipelines (at the prompt, or a substitution's); true when it ran `exit`.</summary>
    public static bool RunLine(string line, ref int status)
    {
        List<ListItem> list;
        try
        {
            list = CommandList.Split(line);
        }
        catch (ShellSyntaxException e)
        {
            Console.WriteLine("sh: " + e.Message);
            status = SyntaxError;
            return false;
        }
        foreach (ListItem item in list)
            if (item.RunsAfter(status) && RunPipeline(item.Text, item.Background, ref status))
                return true;
        return false;
    }

    // Parses and runs one pipeline of a list with the status the last one left; true when it was `exit`.
    private static bool RunPipeline(string text, bool background, ref int status)
    {
        List<Command> commands;
        try
        {
            commands = CommandParser.Parse(text, new Expansions
            {
                LastStatus = status,
                Lookup = Variables.Lookup,
                Substitute = Substitution.Run,
                ListDirectory = Substitution.ListDirectory,
            });
        }
        catch (ShellSyntaxException e)
        {
            Console.WriteLine("sh: " + e.Message);
            status = SyntaxError;
            return false;
        }
        if (commands.Count == 0)
            return false;
        foreach (Command command in commands)
            if (command.Words.Count > 0 && command.Words[0] == "kill" && !Jobs.ResolveSpecs(command.Words))
            {
                status = 1;
                return false;
            }
        // A lone built-in runs in the shell itself (cd must change the shell's directory), unless
        // redirected or sent to the background.
        if (commands.Count == 1 && commands[0].Subshell == null && !commands[0].Redirected && !background &&
            Builtins.TryRun(commands[0].Words, ref status, out bool exit))
            return exit;
        status = Pipeline.Run(commands, text.Trim(), background);
        return false;
    }

    /// <summary>
    /// In a child: a subshell's list, run by this copy of the shell (cd and variables stay in it),
    /// without job control (its commands stay in the job's group); its status is the last one's.
    /// </summary>
    public static int RunSubshell(string list)
    {
        JobControl.Disable();
        int status = 0;
        RunLine(list, ref status);
        return status;
    }

    /// <summary>In a child: a built-in runs here (its output goes down the pipe); anything else is exec'd.</summary>
    public static int RunInChild(List<string> words)
    {
        int status = 0;
        if (Builtins.TryRun(words, ref status, out _))
            return status;
        Error error = Runtime.Exec(words[0], words.GetRange(1, words.Count - 1), Variables.Environment());
        // To standard error, as other shells: a substitution's output is standard output only.
        Console.Error.WriteLine(error.Code == Errno.ENOENT ? $"sh: {words[0]}: command not found" : $"sh: {words[0]}: cannot run: {error.Message}");
        return CommandNotFound;
    }
}
