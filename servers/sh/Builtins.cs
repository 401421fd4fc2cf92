namespace Ocean.Servers.Sh;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The commands the shell runs itself: help, exit, echo, pid, clear, version, cd, pwd, export, unset,
/// services and poweroff, and NAME=value assignments.
/// </summary>
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
        else if (CString.Is(name, "cd"))
            status = ChangeDirectory(argc > 1 ? argv[1] : null);
        else if (CString.Is(name, "pwd"))
        {
            Stdio.Write(WorkingDirectory);
            Stdio.WriteLine("");
            status = 0;
        }
        else if (CString.Is(name, "export"))
            status = Export(argc, argv);
        else if (CString.Is(name, "unset"))
        {
            for (int i = 1; i < argc; i++)
                Variables.Unset(argv[i], CString.Length(argv[i]));
            status = 0;
        }
        else if (argc == 1 && IsAssignment(name, out int equals))
            status = Assign(name, equals);
        else if (CString.Is(name, "services"))
            status = ListServices();
        else if (CString.Is(name, "poweroff"))
        {
            long error = Services.RequestPowerOff();
            Stdio.Write("sh: poweroff: init did not power off (error ");
            Stdio.Write(-error);
            Stdio.WriteLine(")");
            status = 1;
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

    private const int PathBytes = 256;
    private const string WorkingDirectoryName = "PWD", HomeName = "HOME";

    /// <summary>The working directory ($PWD, "/" if unset).</summary>
    public static byte* WorkingDirectory
    {
        get
        {
            byte* directory = Variables.Lookup(WorkingDirectoryName);
            return directory != null && directory[0] == (byte)'/' ? directory : Root;
        }
    }

    private static byte* Root
    {
        get
        {
            fixed (byte* root = _root)
                return root;
        }
    }

    private static readonly byte[] _root = { (byte)'/', 0 };

    /// <summary>Sets $PWD and $HOME when the environment did not.</summary>
    public static void SetDefaults()
    {
        if (Variables.Lookup(WorkingDirectoryName) == null)
            Variables.Set(WorkingDirectoryName, Root);
        if (Variables.Lookup(HomeName) == null)
            Variables.Set(HomeName, Root);
    }

    // cd: resolves against $PWD and asks the VFS whether a directory is there.
    private static int ChangeDirectory(byte* target)
    {
        if (target == null)
        {
            byte* home = Variables.Lookup(HomeName);
            target = home != null ? home : Root;
        }
        byte* path = stackalloc byte[PathBytes];
        int length = PathName.Resolve(WorkingDirectory, target, CString.Length(target), path, PathBytes);
        if (length < 0)
        {
            Stdio.WriteLine("sh: cd: path too long");
            return 1;
        }
        long result = VfsClient.Stat(path, length, out VfsNodeKind kind, out _);
        if (result == 0 && kind == VfsNodeKind.Directory)
        {
            Variables.Set(WorkingDirectoryName, path);
            Files.ChangeDirectory(path);   // the shell's own redirections and relative commands start here too
            return 0;
        }
        Stdio.Write("sh: cd: ");
        Stdio.Write(path);
        if (result == 0)
            Stdio.WriteLine(": not a directory");
        else if (result == -Errno.ENOENT)
            Stdio.WriteLine(": no such directory");
        else
        {
            Stdio.Write(": the file system does not answer (error ");
            Stdio.Write(-result);
            Stdio.WriteLine(")");
        }
        return 1;
    }

    private static bool IsAssignment(byte* word, out int equals)
    {
        equals = 0;
        while (word[equals] != 0 && word[equals] != (byte)'=')
            equals++;
        return word[equals] == (byte)'=' && Variables.IsName(word, equals);
    }

    private static int Assign(byte* word, int equals)
    {
        if (Variables.Set(word, equals, word + equals + 1))
            return 0;
        Stdio.WriteLine("sh: no room for another variable (or the value is too long)");
        return 1;
    }

    // export with no arguments lists the variables; every variable is exported already.
    private static int Export(int argc, byte** argv)
    {
        if (argc == 1)
        {
            for (int i = 0; i < Variables.Count; i++)
            {
                Stdio.Write(Variables.At(i));
                Stdio.WriteLine("");
            }
            return 0;
        }
        int status = 0;
        for (int i = 1; i < argc; i++)
        {
            if (IsAssignment(argv[i], out int equals))
                status |= Assign(argv[i], equals);
            else if (!Variables.IsName(argv[i], CString.Length(argv[i])))
            {
                Stdio.Write("sh: export: not a variable name: ");
                Stdio.Write(argv[i]);
                Stdio.WriteLine("");
                status = 1;
            }
        }
        return status;
    }

    private const int NameWidth = -10, PidWidth = 5, StateWidth = -11, RestartsWidth = 8, LineBytes = 128;

    // services: init's status of each service, one line each.
    private static int ListServices()
    {
        IpcMessage reply;
        byte* name = stackalloc byte[InitProtocol.NameBytes + 1];
        byte* version = stackalloc byte[InitProtocol.VersionBytes + 1];
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        text.AppendPadded("SERVICE", NameWidth).AppendPadded("PID", PidWidth).Append(' ').AppendPadded("STATE", StateWidth)
            .AppendPadded("RESTARTS", RestartsWidth).Append(' ').Append("VERSION").AppendLine();
        Stdio.Write(text);
        long result;
        int index = 0;
        for (; (result = Services.Status(index, &reply)) == 0; index++)
        {
            MessageText.Unpack(reply.Words + InitProtocol.NameWord, InitProtocol.NameWords, name);
            MessageText.Unpack(reply.Words + InitProtocol.VersionWord, InitProtocol.VersionWords, version);
            var state = (ServiceState)reply.Words[InitProtocol.StateWord];
            text.Clear();
            text.AppendPadded(name, NameWidth).Append((long)reply.Words[InitProtocol.PidWord], PidWidth).Append(' ')
                .AppendPadded(state == ServiceState.Running ? "running" : state == ServiceState.Restarting ? "restarting" : "failed", StateWidth)
                .Append((long)reply.Words[InitProtocol.RestartsWord], RestartsWidth).Append(' ').Append(version).AppendLine();
            Stdio.Write(text);
        }
        if (result == -Errno.ENOENT && index > 0)
            return 0;
        Stdio.Write("sh: services: init does not answer (error ");
        Stdio.Write(-result);
        Stdio.WriteLine(")");
        return 1;
    }

    private const int PackageNameBytes = 128;

    // The packages the image was composed of, as the kernel was told at boot: the kernel first.
    private static void PrintVersions()
    {
        byte* name = stackalloc byte[PackageNameBytes];
        long length;
        for (int index = 0; (length = Syscall.BootPackage(index, name, PackageNameBytes)) >= 0; index++)
        {
            int shown = (int)(length < PackageNameBytes ? length : PackageNameBytes);
            bool package = false;
            for (int i = 0; i < shown; i++)
                package |= name[i] == (byte)'@';
            if (!package)
                continue;   // a generated module (the service list), not a package
            Stdio.Write(name, shown);
            Stdio.Write('\n');
        }
    }
}
