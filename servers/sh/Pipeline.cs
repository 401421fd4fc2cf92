namespace Ocean.Servers.Sh;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Runs a parsed pipeline: each command in its own child, standard output of one into standard
/// input of the next through a kernel pipe. A redirected command reads or writes through a pipe too:
/// the shell opens the file itself (so a bad name is reported before anything runs) and a small
/// copier child moves the bytes between the pipe and the file, so every program just uses its
/// standard input and output. The status is the last command's ($? shows 128 + signal for a kill).
/// </summary>
public static unsafe class Pipeline
{
    public const int MaxCommands = 8;
    private const int StandardInput = 0, StandardOutput = 1, FirstOtherFd = 3;
    private const int CopyBytes = 4096;
    private const int Unused = -1;

    public static int Run(byte** argv, Redirection* redirections, int commands)
    {
        long* children = stackalloc long[MaxCommands];
        long* helpers = stackalloc long[2 * MaxCommands];
        long* files = stackalloc long[2 * MaxCommands];
        int* pipe = stackalloc int[2];
        int started = 0, helperCount = 0, fileCount = 0, previousRead = Unused;
        bool failed = false;
        byte** command = argv;
        for (int c = 0; c < commands && !failed; c++, command += Program.Count(command) + 1)
        {
            bool last = c == commands - 1;
            int input = previousRead, output = Unused, next = Unused;
            previousRead = Unused;
            if (redirections[c].Input != null)
            {
                Close(ref input);   // the file replaces what the pipe would bring
                failed = !StartCopier(redirections[c].Input, VfsOpenFlags.Read, toFile: false, out input, helpers, ref helperCount, files, ref fileCount);
            }
            if (!failed && !last)
            {
                if (Syscall.Pipe(pipe) < 0)
                {
                    Stdio.WriteLine("sh: cannot create a pipe");
                    failed = true;
                }
                else
                {
                    output = pipe[1];
                    next = pipe[0];
                }
            }
            if (!failed && redirections[c].Output != null)
            {
                Close(ref output);   // the next command then reads an empty pipe, as in Unix shells
                ulong flags = VfsOpenFlags.Write | VfsOpenFlags.Create | (redirections[c].Append ? VfsOpenFlags.Append : VfsOpenFlags.Truncate);
                failed = !StartCopier(redirections[c].Output, flags, toFile: true, out output, helpers, ref helperCount, files, ref fileCount);
            }
            if (!failed)
            {
                long child = Runtime.Fork();
                if (child == 0)
                {
                    Connect(input, StandardInput);
                    Connect(output, StandardOutput);
                    CloseOthers(Unused);
                    Runtime.Exit(Program.RunInChild(command));
                }
                if (child < 0)
                {
                    Stdio.WriteLine("sh: cannot fork");
                    failed = true;
                }
                else
                    children[started++] = child;
            }
            Close(ref input);
            Close(ref output);
            if (failed)
                Close(ref next);
            previousRead = next;
        }
        Close(ref previousRead);
        int status = 1;
        command = argv;
        for (int c = 0; c < started; c++, command += Program.Count(command) + 1)
            status = Wait(children[c], command[0]);
        for (int i = 0; i < helperCount; i++)
        {
            int ignored;
            Syscall.WaitPid(helpers[i], &ignored, 0);
        }
        for (int i = 0; i < fileCount; i++)
            Files.Close(files[i]);
        return failed ? 1 : status;
    }

    // Opens the file, makes a pipe and forks the copier; `end` is the pipe end the command gets.
    private static bool StartCopier(byte* path, ulong flags, bool toFile, out int end, long* helpers, ref int helperCount, long* files, ref int fileCount)
    {
        end = Unused;
        long result = Files.Open(path, flags, out long handle, out VfsNodeKind kind, out _);
        if (result == 0 && kind == VfsNodeKind.Directory)
        {
            Files.Close(handle);
            result = -Errno.EISDIR;
        }
        if (result < 0)
        {
            Stdio.Write("sh: ");
            Stdio.Write(path);
            Stdio.Write(": ");
            Stdio.WriteLine(Errors.Describe(result));
            return false;
        }
        files[fileCount++] = handle;
        int* pipe = stackalloc int[2];
        if (Syscall.Pipe(pipe) < 0)
        {
            Stdio.WriteLine("sh: cannot create a pipe");
            return false;
        }
        long copier = Runtime.Fork();
        if (copier == 0)
        {
            int mine = toFile ? pipe[0] : pipe[1];
            CloseOthers(mine);
            Runtime.Exit(toFile ? PipeToFile(mine, handle, path) : FileToPipe(handle, mine));
        }
        Syscall.Close(toFile ? pipe[0] : pipe[1]);
        end = toFile ? pipe[1] : pipe[0];
        if (copier > 0)
            helpers[helperCount++] = copier;
        return copier > 0;
    }

    private static int PipeToFile(int from, long handle, byte* path)
    {
        byte* buffer = stackalloc byte[CopyBytes];
        long count;
        while ((count = Syscall.Read(from, buffer, CopyBytes)) > 0)
        {
            long written = Files.Write(handle, buffer, (ulong)count);
            if (written != count)
            {
                Stdio.Write("sh: ");
                Stdio.Write(path);
                Stdio.Write(": ");
                Stdio.WriteLine(Errors.Describe(written < 0 ? written : -Errno.ENOSPC));
                return 1;
            }
        }
        return 0;
    }

    private static int FileToPipe(long handle, int to)
    {
        byte* buffer = stackalloc byte[CopyBytes];
        long count;
        while ((count = Files.Read(handle, buffer, CopyBytes)) > 0)
            if (Syscall.Write(to, buffer, (ulong)count) != count)
                return 0;   // the command stopped reading: fine
        return count < 0 ? 1 : 0;
    }

    private static void Connect(int fd, int standard)
    {
        if (fd == Unused)
            return;
        Syscall.Dup2(fd, standard);
    }

    // A child keeps standard input, output and error (and `keep`), nothing else the shell had open.
    private static void CloseOthers(int keep)
    {
        for (int fd = FirstOtherFd; fd < SyscallLimits.MaxOpenFiles; fd++)
            if (fd != keep)
                Syscall.Close(fd);
    }

    private static void Close(ref int fd)
    {
        if (fd != Unused)
            Syscall.Close(fd);
        fd = Unused;
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
