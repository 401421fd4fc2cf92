namespace Ocean.Servers.Sh;

using System;
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
public static class Pipeline
{
    public const int MaxCommands = 8;
    private const int FirstOtherFd = Descriptors.StandardError + 1;
    private const int CopyBytes = 4096;
    private const int Unused = -1;

    /// <summary>What one run has started and opened: children to wait for, copiers to reap, files to close.</summary>
    private ref struct Started
    {
        public Span<long> Children;
        public int ChildCount;
        public Span<long> Helpers;
        public int HelperCount;
        public Span<File> Files;
        public int FileCount;
    }

    /// <summary>Runs the <paramref name="commands"/> commands of a parsed line; the last one's status.</summary>
    public static int Run(ReadOnlySpan<byte> storage, ReadOnlySpan<int> words, ReadOnlySpan<Redirection> redirections, int commands)
    {
        var started = new Started
        {
            Children = stackalloc long[MaxCommands],
            Helpers = stackalloc long[2 * MaxCommands],
            Files = stackalloc File[2 * MaxCommands],
        };
        int previousRead = Unused;
        bool failed = false;
        for (int c = 0; c < commands && !failed; c++)
        {
            bool last = c == commands - 1;
            int input = previousRead, output = Unused, next = Unused;
            previousRead = Unused;
            Redirection redirection = redirections[c];
            if (redirection.Input != Redirection.None)
            {
                Close(ref input);   // the file replaces what the pipe would bring
                failed = !StartCopier(Word(storage, redirection.Input), VfsOpenFlags.Read, toFile: false, out input, ref started);
            }
            if (!failed && !last)
            {
                Pipe pipe = Descriptors.CreatePipe();
                if (pipe.Error.Failed)
                {
                    Stdio.WriteLine("sh: cannot create a pipe");
                    failed = true;
                }
                else
                {
                    output = pipe.WriteEnd;
                    next = pipe.ReadEnd;
                }
            }
            if (!failed && redirection.Output != Redirection.None)
            {
                Close(ref output);   // the next command then reads an empty pipe, as in Unix shells
                ulong flags = VfsOpenFlags.Write | VfsOpenFlags.Create | (redirection.Append ? VfsOpenFlags.Append : VfsOpenFlags.Truncate);
                failed = !StartCopier(Word(storage, redirection.Output), flags, toFile: true, out output, ref started);
            }
            if (!failed)
            {
                long child = Runtime.Fork();
                if (child == 0)
                {
                    Connect(input, Descriptors.StandardInput);
                    Connect(output, Descriptors.StandardOutput);
                    CloseOthers(Unused);
                    Runtime.Exit(Program.RunInChild(CommandWords.Of(storage, words, c)));
                }
                if (child < 0)
                {
                    Stdio.WriteLine("sh: cannot fork");
                    failed = true;
                }
                else
                    started.Children[started.ChildCount++] = child;
            }
            Close(ref input);
            Close(ref output);
            if (failed)
                Close(ref next);
            previousRead = next;
        }
        Close(ref previousRead);
        int status = 1;
        for (int c = 0; c < started.ChildCount; c++)
            status = Wait(started.Children[c], CommandWords.Of(storage, words, c)[0]);
        for (int i = 0; i < started.HelperCount; i++)
            Children.Wait(started.Helpers[i]);
        for (int i = 0; i < started.FileCount; i++)
            started.Files[i].Close();
        return failed ? 1 : status;
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> storage, int start) => Bytes.BeforeNul(storage.Slice(start));

    // Opens the file, makes a pipe and forks the copier; `end` is the pipe end the command gets.
    private static bool StartCopier(ReadOnlySpan<byte> path, ulong flags, bool toFile, out int end, ref Started started)
    {
        end = Unused;
        File file = File.Open(path, flags);
        Error error = file.Error;
        if (file.Ok && file.Kind == VfsNodeKind.Directory)
        {
            file.Close();
            error = Error.Of(-Errno.EISDIR);
        }
        if (error.Failed)
        {
            Stdio.Write("sh: ");
            Stdio.Write(path);
            Stdio.Write(": ");
            Stdio.WriteLine(error.Message);
            return false;
        }
        started.Files[started.FileCount++] = file;
        Pipe pipe = Descriptors.CreatePipe();
        if (pipe.Error.Failed)
        {
            Stdio.WriteLine("sh: cannot create a pipe");
            return false;
        }
        long copier = Runtime.Fork();
        if (copier == 0)
        {
            int mine = toFile ? pipe.ReadEnd : pipe.WriteEnd;
            CloseOthers(mine);
            Runtime.Exit(toFile ? Copy(File.FromDescriptor(mine), file, path) : Copy(file, File.FromDescriptor(mine), default));
        }
        Descriptors.Close(toFile ? pipe.ReadEnd : pipe.WriteEnd);
        end = toFile ? pipe.WriteEnd : pipe.ReadEnd;
        if (copier > 0)
            started.Helpers[started.HelperCount++] = copier;
        return copier > 0;
    }

    // The copier's loop. Writing to a file, a failure is reported with the file's name; writing to a
    // pipe, it only means the command stopped reading, which is fine.
    private static int Copy(File from, File to, ReadOnlySpan<byte> path)
    {
        Span<byte> buffer = stackalloc byte[CopyBytes];
        int count;
        while ((count = from.Read(buffer)) > 0)
        {
            if (to.Write(buffer.Slice(0, count)) == count)
                continue;
            if (path.IsEmpty)
                return 0;
            Stdio.Write("sh: ");
            Stdio.Write(path);
            Stdio.Write(": ");
            Stdio.WriteLine(to.Error.Message);
            return 1;
        }
        return from.Ok ? 0 : 1;
    }

    private static void Connect(int fd, int standard)
    {
        if (fd != Unused)
            Descriptors.Duplicate(fd, standard);
    }

    // A child keeps standard input, output and error (and `keep`), nothing else the shell had open.
    private static void CloseOthers(int keep)
    {
        for (int fd = FirstOtherFd; fd < SyscallLimits.MaxOpenFiles; fd++)
            if (fd != keep)
                Descriptors.Close(fd);
    }

    private static void Close(ref int fd)
    {
        if (fd != Unused)
            Descriptors.Close(fd);
        fd = Unused;
    }

    private static int Wait(long child, ReadOnlySpan<byte> name)
    {
        ExitStatus exit = Children.Wait(child);
        if (exit.Error.Failed)
            return 1;
        if (exit.Exited)
            return exit.Code;
        Stdio.Write("sh: ");
        Stdio.Write(name);
        Stdio.Write(": killed by signal ");
        Stdio.Write((long)exit.Signal);
        Stdio.WriteLine("");
        return 128 + exit.Signal;
    }
}
