namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Runs a parsed pipeline: each command in its own child, standard output of one into standard
/// input of the next through a kernel pipe. A redirected command reads or writes through a pipe too:
/// the shell opens the file itself (so a bad name is reported before anything runs) and a small
/// copier child moves the bytes between the pipe and the file, so every program just uses its
/// standard input and output. The status is the last command's ($? shows 128 + signal for a kill);
/// waiting for it, and a stop by Ctrl-Z, are <see cref="Jobs"/>' part.
/// </summary>
public static class Pipeline
{
    private const int FirstOtherFd = Descriptors.StandardError + 1;
    private const int CopyBytes = 4096;
    private const int Unused = -1;

    /// <summary>
    /// Runs the commands of a parsed pipeline (<paramref name="text"/> as typed): in the foreground,
    /// returning the last one's status, or in the <paramref name="background"/> (0 once started). A
    /// background job that reads the console is stopped (SIGTTIN, proc's) until `fg`; in a script,
    /// without job control, its standard input is empty unless redirected, as POSIX has.
    /// </summary>
    public static int Run(List<Command> commands, string text, bool background = false)
    {
        var started = new Job { Text = text };
        int previousRead = Unused;
        bool failed = false;
        long job = 0;   // the pipeline's process group: its first child's pid
        for (int c = 0; c < commands.Count && !failed; c++)
        {
            Command command = commands[c];
            bool last = c == commands.Count - 1;
            int input = previousRead, output = Unused, next = Unused, error = Unused;
            previousRead = Unused;
            if (background && !JobControl.Enabled && c == 0 && command.Input == null)
                failed = !EmptyInput(out input);
            if (command.Input != null)
            {
                Close(ref input);   // the file replaces what the pipe would bring
                failed = !StartCopier(command.Input, VfsOpenFlags.Read, toFile: false, out input, started);
            }
            if (!failed && !last)
            {
                Pipe pipe = Descriptors.CreatePipe();
                if (pipe.Error.Failed)
                {
                    Console.WriteLine("sh: cannot create a pipe");
                    failed = true;
                }
                else
                {
                    output = pipe.WriteEnd;
                    next = pipe.ReadEnd;
                }
            }
            if (!failed && command.Output != null)
            {
                Close(ref output);   // the next command then reads an empty pipe, as in Unix shells
                ulong flags = VfsOpenFlags.Write | VfsOpenFlags.Create | (command.Append ? VfsOpenFlags.Append : VfsOpenFlags.Truncate);
                failed = !StartCopier(command.Output, flags, toFile: true, out output, started);
            }
            if (!failed && command.ErrorOutput != null)
            {
                ulong flags = VfsOpenFlags.Write | VfsOpenFlags.Create | (command.ErrorAppend ? VfsOpenFlags.Append : VfsOpenFlags.Truncate);
                failed = !StartCopier(command.ErrorOutput, flags, toFile: true, out error, started);
            }
            if (!failed)
            {
                long group = job;
                long child = Runtime.Fork();
                if (child == 0)
                {
                    JobControl.EnterJob(group, foreground: !background);
                    Connect(input, Descriptors.StandardInput);
                    Connect(output, Descriptors.StandardOutput);
                    Connect(error, Descriptors.StandardError);
                    if (command.ErrorToOutput)
                        Descriptors.Duplicate(Descriptors.StandardOutput, Descriptors.StandardError);
                    else if (command.OutputToError)
                        Descriptors.Duplicate(Descriptors.StandardError, Descriptors.StandardOutput);
                    CloseOthers(Unused);
                    Runtime.Exit(command.Subshell != null ? Program.RunSubshell(command.Subshell) : Program.RunInChild(command.Words));
                }
                if (child < 0)
                {
                    Console.WriteLine("sh: cannot fork");
                    failed = true;
                }
                else
                {
                    started.Children.Add(child);
                    started.Names.Add(command.Name);
                    started.Last = child;
                    job = JobControl.Joined(child, job);
                }
            }
            Close(ref input);
            Close(ref output);
            Close(ref error);
            if (failed)
                Close(ref next);
            previousRead = next;
        }
        Close(ref previousRead);
        started.Group = job;
        if (failed)
            started.Last = 0;   // the pipeline's status is 1, whatever its started commands end with
        if (background && started.Children.Count > 0)
        {
            Jobs.StartInBackground(started);
            return failed ? 1 : 0;
        }
        int status = Jobs.RunInForeground(started);
        return failed ? 1 : status;
    }

    // A pipe with no writer: reads at once see its end.
    private static bool EmptyInput(out int input)
    {
        Pipe pipe = Descriptors.CreatePipe();
        input = pipe.Error.Ok ? pipe.ReadEnd : Unused;
        if (pipe.Error.Ok)
            Descriptors.Close(pipe.WriteEnd);
        else
            Console.WriteLine("sh: cannot create a pipe");
        return pipe.Error.Ok;
    }

    // Opens the file, makes a pipe and forks the copier; `end` is the pipe end the command gets.
    private static bool StartCopier(string path, ulong flags, bool toFile, out int end, Job started)
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
            Console.WriteLine($"sh: {path}: {error.Message}");
            return false;
        }
        started.Files.Add(file);
        Pipe pipe = Descriptors.CreatePipe();
        if (pipe.Error.Failed)
        {
            Console.WriteLine("sh: cannot create a pipe");
            return false;
        }
        long copier = Runtime.Fork();
        if (copier == 0)
        {
            int mine = toFile ? pipe.ReadEnd : pipe.WriteEnd;
            CloseOthers(mine);
            Runtime.Exit(toFile ? Copy(File.FromDescriptor(mine), file, path) : Copy(file, File.FromDescriptor(mine), null));
        }
        Descriptors.Close(toFile ? pipe.ReadEnd : pipe.WriteEnd);
        end = toFile ? pipe.WriteEnd : pipe.ReadEnd;
        if (copier > 0)
            started.Copiers.Add(copier);
        return copier > 0;
    }

    // The copier's loop. Writing to a file (its path given), a failure is reported with the file's
    // name; writing to a pipe, it only means the command stopped reading, which is fine.
    private static int Copy(File from, File to, string path)
    {
        var buffer = new byte[CopyBytes];
        int count;
        while ((count = from.Read(buffer)) > 0)
        {
            if (to.Write(new ReadOnlySpan<byte>(buffer, 0, count)) == count)
                continue;
            if (path == null)
                return 0;
            Console.WriteLine($"sh: {path}: {to.Error.Message}");
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
}
