namespace Ocean.Servers.Sh;

using System;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The commands the shell runs itself: help, exit, echo, pid, clear, version, cd, pwd, export, unset,
/// services and poweroff, and NAME=value assignments.
/// </summary>
public static class Builtins
{
    /// <summary>Exit statuses are one byte, as on Unix.</summary>
    private const long MaxExitCode = 255;
    /// <summary>ANSI: clear the screen and put the cursor home.</summary>
    private const string ClearScreen = "\u001b[2J\u001b[H";
    private const byte Assignment = (byte)'=';

    private static ReadOnlySpan<byte> WorkingDirectoryName => "PWD"u8;
    private static ReadOnlySpan<byte> HomeName => "HOME"u8;
    private static ReadOnlySpan<byte> Root => "/"u8;

    /// <summary>Runs the command if it is a built-in (setting <paramref name="status"/>); false otherwise.</summary>
    public static bool TryRun(CommandWords words, ref int status, out bool exit)
    {
        exit = false;
        ReadOnlySpan<byte> name = words[0];
        if (Bytes.Is(name, "help"))
        {
            Stdio.WriteLine("Built-in commands:");
            Stdio.WriteLine("  help          this list");
            Stdio.WriteLine("  echo [word..] print the words");
            Stdio.WriteLine("  pid           print the shell's process id");
            Stdio.WriteLine("  version       the kernel's and every boot module's package and version");
            Stdio.WriteLine("  clear         clear the screen");
            Stdio.WriteLine("  cd [dir]      change the working directory ($HOME without one)");
            Stdio.WriteLine("  pwd           print the working directory");
            Stdio.WriteLine("  NAME=value    set a variable; export [NAME=value] sets or lists, unset NAME drops");
            Stdio.WriteLine("  services      the services init runs: pid, state, restarts, version");
            Stdio.WriteLine("  poweroff      switch the machine off");
            Stdio.WriteLine("  exit [code]   leave the shell (init starts a new one)");
            Stdio.WriteLine("Anything else runs the program of that name from /bin (ls /bin lists them).");
            Stdio.WriteLine("a | b pipes a's output into b; < file, > file and >> file redirect; $? is the last status.");
            status = 0;
        }
        else if (Bytes.Is(name, "echo"))
        {
            for (int i = 1; i < words.Count; i++)
            {
                if (i > 1)
                    Stdio.Write(' ');
                Stdio.Write(words[i]);
            }
            Stdio.WriteLine("");
            status = 0;
        }
        else if (Bytes.Is(name, "pid"))
        {
            Stdio.Write(Syscall.GetPid());
            Stdio.WriteLine("");
            status = 0;
        }
        else if (Bytes.Is(name, "version"))
        {
            PrintVersions();
            status = 0;
        }
        else if (Bytes.Is(name, "clear"))
        {
            Stdio.Write(ClearScreen);
            status = 0;
        }
        else if (Bytes.Is(name, "cd"))
            status = ChangeDirectory(words.Count > 1 ? words[1] : HomeOrRoot);
        else if (Bytes.Is(name, "pwd"))
        {
            Stdio.Write(WorkingDirectory);
            Stdio.WriteLine("");
            status = 0;
        }
        else if (Bytes.Is(name, "export"))
            status = Export(words);
        else if (Bytes.Is(name, "unset"))
        {
            for (int i = 1; i < words.Count; i++)
                Variables.Unset(words[i]);
            status = 0;
        }
        else if (words.Count == 1 && IsAssignment(name))
            status = Assign(name);
        else if (Bytes.Is(name, "services"))
            status = ListServices();
        else if (Bytes.Is(name, "poweroff"))
        {
            long error = Services.RequestPowerOff();
            Stdio.Write("sh: poweroff: init did not power off (error ");
            Stdio.Write(-error);
            Stdio.WriteLine(")");
            status = 1;
        }
        else if (Bytes.Is(name, "exit"))
        {
            if (words.Count > 1)
            {
                if (!Numbers.TryParse(words[1], out long code) || code < 0 || code > MaxExitCode)
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

    /// <summary>The working directory ($PWD, "/" if unset or not absolute).</summary>
    public static ReadOnlySpan<byte> WorkingDirectory
    {
        get
        {
            ReadOnlySpan<byte> directory = Variables.Lookup(WorkingDirectoryName);
            return directory.Length > 0 && directory[0] == (byte)'/' ? directory : Root;
        }
    }

    private static ReadOnlySpan<byte> HomeOrRoot
    {
        get
        {
            ReadOnlySpan<byte> home = Variables.Lookup(HomeName);
            return home.IsEmpty ? Root : home;
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
    private static int ChangeDirectory(ReadOnlySpan<byte> target)
    {
        Span<byte> buffer = stackalloc byte[Files.MaxPath + 1];
        int length = PathName.Resolve(WorkingDirectory, target, buffer);
        if (length < 0)
        {
            Stdio.WriteLine("sh: cd: path too long");
            return 1;
        }
        ReadOnlySpan<byte> path = buffer.Slice(0, length);
        Error error = Files.Stat(path, out VfsNodeKind kind, out _);
        if (error.Ok && kind == VfsNodeKind.Directory)
        {
            if (!Variables.Set(WorkingDirectoryName, path))
            {
                Stdio.WriteLine("sh: cd: path too long");   // $PWD must name the directory the shell is in
                return 1;
            }
            Files.ChangeDirectory(path);   // the shell's own redirections and relative commands start here too
            return 0;
        }
        Stdio.Write("sh: cd: ");
        Stdio.Write(path);
        if (error.Ok)
            Stdio.WriteLine(": not a directory");
        else if (error.Code == Errno.ENOENT)
            Stdio.WriteLine(": no such directory");
        else
        {
            Stdio.Write(": the file system does not answer (error ");
            Stdio.Write(error.Code);
            Stdio.WriteLine(")");
        }
        return 1;
    }

    private static bool IsAssignment(ReadOnlySpan<byte> word)
    {
        int equals = Bytes.IndexOf(word, Assignment);
        return equals > 0 && CommandParser.IsName(word.Slice(0, equals));
    }

    private static int Assign(ReadOnlySpan<byte> word)
    {
        int equals = Bytes.IndexOf(word, Assignment);
        if (Variables.Set(word.Slice(0, equals), word.Slice(equals + 1)))
            return 0;
        Stdio.WriteLine("sh: no room for another variable (or the value is too long)");
        return 1;
    }

    // export with no arguments lists the variables; every variable is exported already.
    private static int Export(CommandWords words)
    {
        if (words.Count == 1)
        {
            for (int i = 0; i < Variables.Count; i++)
            {
                Stdio.Write(Variables.At(i));
                Stdio.WriteLine("");
            }
            return 0;
        }
        int status = 0;
        for (int i = 1; i < words.Count; i++)
        {
            if (IsAssignment(words[i]))
                status |= Assign(words[i]);
            else if (!CommandParser.IsName(words[i]))
            {
                Stdio.Write("sh: export: not a variable name: ");
                Stdio.Write(words[i]);
                Stdio.WriteLine("");
                status = 1;
            }
        }
        return status;
    }

    private const int NameWidth = -10, PidWidth = 5, StateWidth = -11, RestartsWidth = 8, LineBytes = 128;

    private static TextLine _line;

    // services: init's status of each service, one line each.
    private static int ListServices()
    {
        Span<byte> name = stackalloc byte[ServiceStatus.NameBytes];
        Span<byte> version = stackalloc byte[ServiceStatus.VersionBytes];
        TextLine text = _line ??= new TextLine(LineBytes);   // one buffer for the shell's life
        text.Clear().AppendPadded("SERVICE", NameWidth).AppendPadded("PID", PidWidth).Append(' ').AppendPadded("STATE", StateWidth)
            .AppendPadded("RESTARTS", RestartsWidth).Append(' ').Append("VERSION").AppendLine().Write();
        ServiceStatus service;
        int index = 0;
        for (; (service = ServiceStatus.Read(index, name, version)).Error.Ok; index++)
        {
            ServiceState state = service.State;
            text.Clear().AppendPadded(name.Slice(0, service.NameLength), NameWidth).Append(service.Pid, PidWidth).Append(' ')
                .AppendPadded(state == ServiceState.Running ? "running" : state == ServiceState.Restarting ? "restarting" : "failed", StateWidth)
                .Append(service.Restarts, RestartsWidth).Append(' ').Append(version.Slice(0, service.VersionLength)).AppendLine().Write();
        }
        if (service.Error.Code == Errno.ENOENT && index > 0)
            return 0;
        Stdio.Write("sh: services: init does not answer (error ");
        Stdio.Write(service.Error.Code);
        Stdio.WriteLine(")");
        return 1;
    }

    private const int PackageNameBytes = 128;
    private const byte VersionMark = (byte)'@';

    // The packages the image was composed of, as the kernel was told at boot: the kernel first.
    private static void PrintVersions()
    {
        Span<byte> name = stackalloc byte[PackageNameBytes];
        int length;
        for (int index = 0; (length = BootPackages.Name(index, name)) >= 0; index++)
        {
            ReadOnlySpan<byte> shown = name.Slice(0, length < PackageNameBytes ? length : PackageNameBytes);
            if (Bytes.IndexOf(shown, VersionMark) < 0)
                continue;   // a generated module (the service list), not a package
            Stdio.Write(shown);
            Stdio.Write('\n');
        }
    }
}
