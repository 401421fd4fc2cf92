namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using System.Text;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The commands the shell runs itself: help, exit, echo, pid, clear, version, cd, pwd, export, unset,
/// history, jobs, fg, bg, wait, test and [, read, services, poweroff, source and ., and NAME=value assignments.
/// </summary>
public static class Builtins
{
    /// <summary>Exit statuses are one byte, as on Unix.</summary>
    private const int MaxExitCode = 255;
    /// <summary>history's numbers, right-aligned as bash's.</summary>
    private const int HistoryNumberWidth = 5;
    /// <summary>ANSI: clear the screen and put the cursor home.</summary>
    private const string ClearScreen = "\u001b[2J\u001b[H";
    private const string WorkingDirectoryName = "PWD", HomeName = "HOME", Root = "/";

    /// <summary>The built-ins' names, for Tab.</summary>
    public static readonly string[] Names =
        { "help", "exit", "echo", "pid", "clear", "version", "cd", "pwd", "export", "unset", "history", "jobs", "fg", "bg", "wait", "test", "read", "services", "poweroff", "source" };

    private static readonly string[] Help =
    {
        "Built-in commands:",
        "  help          this list",
        "  echo [word..] print the words",
        "  pid           print the shell's process id",
        "  version       the kernel's and every boot module's package and version",
        "  clear         clear the screen",
        "  cd [dir]      change the working directory ($HOME without one)",
        "  pwd           print the working directory",
        "  NAME=value    set a variable; export [NAME=value] sets or lists, unset NAME drops",
        "  history       the lines run so far (Up and Down recall them; !! is the last)",
        "  test EXPR, [ EXPR ]  -z -n = != -eq -ne -lt -le -gt -ge -e -f -d -s ! -a -o ( ): status 0 if true",
        "  read NAME...  a line of standard input into the names (the last takes the rest)",
        "  jobs, fg, bg  the jobs: a & at the end starts one, Ctrl-Z stops one; fg [%N] continues it with",
        "                the console, bg [%N] without; wait [%N] waits for them; kill %N signals one",
        "  services      the services init runs: pid, state, restarts, version",
        "  poweroff      switch the machine off",
        "  exit [code]   leave the shell (init starts a new one)",
        "  source FILE   run FILE's lines in this shell (also . FILE); sh FILE runs them in a new one",
        "Anything else runs the program of that name from /bin (ls /bin lists them).",
        "a | b pipes a's output into b; < file, > file, >> file, 2> file, 2>&1 and >&2 redirect; $? is the last status.",
        "a; b runs both, a && b runs b if a succeeded, a || b runs b if a failed; (a; b) runs in a subshell.",
        "$(a) or `a` is a's output; *, ? and [abc] match file names. Ctrl-C ends the command, Ctrl-Z stops it.",
        "Editing: Left, Right, Home, End, Delete, Ctrl-A/E/K/U/W/L; Tab completes commands and paths.",
    };

    /// <summary>Runs the command if it is a built-in (setting <paramref name="status"/>); false otherwise.</summary>
    public static bool TryRun(List<string> words, ref int status, out bool exit)
    {
        exit = false;
        switch (words[0])
        {
            case "help":
                foreach (string line in Help)
                    Console.WriteLine(line);
                status = 0;
                return true;
            case "echo":
                Console.WriteLine(string.Join(" ", words.GetRange(1, words.Count - 1).ToArray()));
                status = 0;
                return true;
            case "pid":
                Console.WriteLine(Syscall.GetPid());
                status = 0;
                return true;
            case "version":
                PrintVersions();
                status = 0;
                return true;
            case "clear":
                Console.Write(ClearScreen);
                status = 0;
                return true;
            case "cd":
                status = ChangeDirectory(words.Count > 1 ? words[1] : HomeOrRoot);
                return true;
            case "pwd":
                Console.WriteLine(WorkingDirectory);
                status = 0;
                return true;
            case "export":
                status = Export(words);
                return true;
            case "unset":
                for (int i = 1; i < words.Count; i++)
                    Variables.Unset(words[i]);
                status = 0;
                return true;
            case "history":
                for (int i = 0; i < LineReader.History.Count; i++)
                    Console.WriteLine($"{(i + 1).ToString().PadLeft(HistoryNumberWidth)}  {LineReader.History[i]}");
                status = 0;
                return true;
            case "jobs":
                status = Jobs.List();
                return true;
            case "fg":
                status = Jobs.Foreground(words);
                return true;
            case "bg":
                status = Jobs.Background(words);
                return true;
            case "wait":
                status = Jobs.Wait(words);
                return true;
            case "test" or "[":
                status = Conditions.Evaluate(words.GetRange(1, words.Count - 1), words[0] == "[", Stat, out string problem);
                if (problem != null)
                    Console.Error.WriteLine($"sh: {words[0]}: {problem}");
                return true;
            case "read":
                status = Read(words);
                return true;
            case "services":
                status = ListServices();
                return true;
            case "poweroff":
                Console.WriteLine($"sh: poweroff: init did not power off (error {-Services.RequestPowerOff()})");
                status = 1;
                return true;
            case "source" or ".":
                if (words.Count < 2)
                {
                    Console.WriteLine("usage: source FILE");
                    status = 2;
                    return true;
                }
                exit = Program.RunScript(words[1], ref status);
                return true;
            case "exit":
                if (words.Count > 1 && (!int.TryParse(words[1], out status) || status < 0 || status > MaxExitCode))
                {
                    Console.WriteLine("sh: exit: the status must be a number from 0 to 255");
                    status = 2;
                    return true;
                }
                exit = true;
                return true;
            default:
                if (words.Count != 1 || !IsAssignment(words[0]))
                    return false;
                Assign(words[0]);
                status = 0;
                return true;
        }
    }

    // test's view of a path, through the VFS (relative to $PWD).
    private static (PathKind, ulong) Stat(string path)
    {
        string full = PathName.Resolve(WorkingDirectory, path);
        if (full == null || Files.Stat(full, out VfsNodeKind kind, out ulong size).Failed)
            return (PathKind.Missing, 0);
        return (kind == VfsNodeKind.Directory ? PathKind.Directory : PathKind.File, size);
    }

    // read NAME...: one line of standard input, split at blanks into the names, the last taking the
    // rest (as POSIX's read -r); status 1 at the end of input.
    private static int Read(List<string> words)
    {
        if (words.Count < 2)
        {
            Console.Error.WriteLine("usage: read NAME...");
            return 2;
        }
        for (int i = 1; i < words.Count; i++)
            if (!CommandParser.IsName(words[i]))
            {
                Console.Error.WriteLine($"sh: read: '{words[i]}': not a valid name");
                return 2;
            }
        string line = Console.ReadLine();
        string rest = (line ?? "").Trim(' ', '\t');
        for (int i = 1; i < words.Count; i++)
        {
            string value = rest;
            if (i < words.Count - 1)
            {
                int blank = rest.IndexOfAny(Blanks);
                value = blank < 0 ? rest : rest.Substring(0, blank);
                rest = blank < 0 ? "" : rest.Substring(blank).TrimStart(' ', '\t');
            }
            Variables.Set(words[i], value);
        }
        return line == null ? 1 : 0;
    }

    private static readonly char[] Blanks = { ' ', '\t' };

    /// <summary>The working directory ($PWD, "/" if unset or not absolute).</summary>
    public static string WorkingDirectory
    {
        get
        {
            string directory = Variables.Lookup(WorkingDirectoryName);
            return directory.StartsWith('/') ? directory : Root;
        }
    }

    internal static string HomeOrRoot
    {
        get
        {
            string home = Variables.Lookup(HomeName);
            return home.Length == 0 ? Root : home;
        }
    }

    /// <summary>Sets $PWD and $HOME when the environment did not.</summary>
    public static void SetDefaults()
    {
        if (!Variables.IsSet(WorkingDirectoryName))
            Variables.Set(WorkingDirectoryName, Root);
        if (!Variables.IsSet(HomeName))
            Variables.Set(HomeName, Root);
    }

    // cd: resolves against $PWD and asks the VFS whether a directory is there.
    private static int ChangeDirectory(string target)
    {
        string path = PathName.Resolve(WorkingDirectory, target);
        if (path == null)
        {
            Console.WriteLine("sh: cd: path too long");
            return 1;
        }
        Error error = Files.Stat(path, out VfsNodeKind kind, out _);
        if (error.Ok && kind == VfsNodeKind.Directory)
        {
            Variables.Set(WorkingDirectoryName, path);
            Files.ChangeDirectory(path);   // the shell's own redirections and relative commands start here too
            return 0;
        }
        Console.WriteLine(error.Ok ? $"sh: cd: {path}: not a directory"
            : error.Code == Errno.ENOENT ? $"sh: cd: {path}: no such directory"
            : $"sh: cd: {path}: the file system does not answer (error {error.Code})");
        return 1;
    }

    private static bool IsAssignment(string word)
    {
        int equals = word.IndexOf('=');
        return equals > 0 && CommandParser.IsName(word.Substring(0, equals));
    }

    private static void Assign(string word)
    {
        int equals = word.IndexOf('=');
        Variables.Set(word.Substring(0, equals), word.Substring(equals + 1));
    }

    // export with no arguments lists the variables; every variable is exported already.
    private static int Export(List<string> words)
    {
        if (words.Count == 1)
        {
            foreach (string entry in Variables.Environment())
                Console.WriteLine(entry);
            return 0;
        }
        int status = 0;
        for (int i = 1; i < words.Count; i++)
        {
            if (IsAssignment(words[i]))
                Assign(words[i]);
            else if (!CommandParser.IsName(words[i]))
            {
                Console.WriteLine($"sh: export: not a variable name: {words[i]}");
                status = 1;
            }
        }
        return status;
    }

    // services: init's status of each service, one line each.
    private static int ListServices()
    {
        Span<byte> name = stackalloc byte[ServiceStatus.NameBytes];
        Span<byte> version = stackalloc byte[ServiceStatus.VersionBytes];
        Console.WriteLine($"{"SERVICE",-10}{"PID",5} {"STATE",-11}{"RESTARTS",8} VERSION");
        ServiceStatus service;
        int index = 0;
        for (; (service = ServiceStatus.Read(index, name, version)).Error.Ok; index++)
        {
            string state = service.State == ServiceState.Running ? "running" : service.State == ServiceState.Restarting ? "restarting" : "failed";
            Console.WriteLine($"{Latin1.ToString(name.Slice(0, service.NameLength)),-10}{service.Pid,5} {state,-11}{service.Restarts,8} " +
                              Latin1.ToString(version.Slice(0, service.VersionLength)));
        }
        if (service.Error.Code == Errno.ENOENT && index > 0)
            return 0;
        Console.WriteLine($"sh: services: init does not answer (error {service.Error.Code})");
        return 1;
    }

    private const int PackageNameBytes = 128;

    // The packages the image was composed of, as the kernel was told at boot: the kernel first.
    private static void PrintVersions()
    {
        Span<byte> name = stackalloc byte[PackageNameBytes];
        int length;
        for (int index = 0; (length = BootPackages.Name(index, name)) >= 0; index++)
        {
            string package = Latin1.ToString(name.Slice(0, Math.Min(length, PackageNameBytes)));
            if (package.Contains('@'))   // not a generated module (the service list)
                Console.WriteLine(package);
        }
    }
}
