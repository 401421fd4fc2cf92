namespace Ocean.Servers.Sh;

using System;
using System.Collections.Generic;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// One pipeline the shell started: its process group, the children not yet reaped (each with its
/// command's name, for the kill line), the redirection copiers and files to finish when it ends, and
/// the text the user typed, for `jobs` and the Stopped line.
/// </summary>
public sealed class Job
{
    public int Number;
    public long Group;
    public string Text = "";
    public bool Stopped;
    public readonly List<long> Children = new();
    public readonly List<string> Names = new();
    public readonly List<long> Copiers = new();
    public readonly List<File> Files = new();
    /// <summary>The last command's status once it has ended (the pipeline's).</summary>
    public int Status = 1;
    /// <summary>The pid of the pipeline's last command (its status is the job's).</summary>
    public long Last;
}

/// <summary>
/// Job control at the interactive shell: a foreground job that Ctrl-Z stops (SIGTSTP to its group)
/// goes into the table with a "[N]+  Stopped" line and the prompt comes back; `jobs` lists the
/// table, `fg` gives a job the console again and continues it (SIGCONT), `bg` continues it without
/// the console. When the shell leaves, its jobs are hung up (SIGHUP, then SIGCONT so a stopped one
/// can end). Script shells wait for their commands plainly.
/// </summary>
public static class Jobs
{
    private const int StateWidth = 24;
    private const int Failure = 1;

    private static readonly List<Job> Table = new();

    /// <summary>
    /// Runs <paramref name="job"/> with the console until it ends or stops; its status ($?): the last
    /// command's, 128 + the signal that ended it, or 128 + the stop signal.
    /// </summary>
    public static int RunInForeground(Job job)
    {
        if (job.Group != 0)
            JobControl.GiveConsole(job.Group);
        bool untraced = JobControl.Enabled;
        for (int c = 0; c < job.Children.Count;)
        {
            ExitStatus exit = Children.Wait(job.Children[c], untraced);
            if (exit.Stopped)
            {
                job.Stopped = true;
                job.Status = 128 + exit.Signal;
                c++;
                continue;
            }
            int status = Describe(exit, job.Names[c]);
            if (job.Children[c] == job.Last)
                job.Status = status;
            job.Children.RemoveAt(c);
            job.Names.RemoveAt(c);
        }
        if (job.Group != 0)
            JobControl.TakeConsole();
        if (!job.Stopped)
        {
            Finish(job);
            return job.Status;
        }
        if (!Table.Contains(job))
        {
            job.Number = Table.Count == 0 ? 1 : Table[Table.Count - 1].Number + 1;
            Table.Add(job);
        }
        Console.WriteLine(Line(job));   // under the terminal's "^Z"
        return job.Status;
    }

    /// <summary>jobs: the table, oldest first; '+' marks the current job (the newest), '-' the one before.</summary>
    public static int List()
    {
        foreach (Job job in Table)
            Console.WriteLine(Line(job));
        return 0;
    }

    /// <summary>fg [%N]: the job (the current one without N) gets the console and goes on.</summary>
    public static int Foreground(List<string> words)
    {
        Job job = Find(words, "fg");
        if (job == null)
            return Failure;
        Console.WriteLine(job.Text);
        job.Stopped = false;
        JobControl.GiveConsole(job.Group);
        ProcClient.Kill(-job.Group, Signal.Continue);
        return RunInForeground(job);
    }

    /// <summary>bg [%N]: the stopped job goes on without the console.</summary>
    public static int Background(List<string> words)
    {
        Job job = Find(words, "bg");
        if (job == null)
            return Failure;
        job.Stopped = false;
        ProcClient.Kill(-job.Group, Signal.Continue);
        Console.WriteLine($"[{job.Number}]{Mark(job)} {job.Text} &");
        return 0;
    }

    /// <summary>Before each prompt: jobs running in the background that have ended or stopped are reported ("Done", "Stopped").</summary>
    public static void Report()
    {
        for (int j = 0; j < Table.Count;)
        {
            Job job = Table[j];
            bool stoppedNow = false;
            for (int c = 0; !job.Stopped && c < job.Children.Count;)
            {
                ExitStatus exit = Children.Poll(job.Children[c]);
                if (exit.Running || exit.Stopped)
                {
                    stoppedNow |= exit.Stopped;
                    c++;
                    continue;
                }
                if (job.Children[c] == job.Last && exit.Error.Ok)
                    job.Status = exit.Exited ? exit.Code : 128 + exit.Signal;
                job.Children.RemoveAt(c);   // ended (or reaped elsewhere: nothing more to hear of it)
                job.Names.RemoveAt(c);
            }
            if (stoppedNow)
            {
                job.Stopped = true;
                Console.WriteLine(Line(job));
            }
            if (job.Children.Count > 0)
            {
                j++;
                continue;
            }
            Console.WriteLine($"[{job.Number}]{Mark(job)}  {(job.Status == 0 ? "Done" : $"Exit {job.Status}").PadRight(StateWidth)}{job.Text}");
            Finish(job);
        }
    }

    /// <summary>The shell is leaving: every job is hung up, and continued so a stopped one can end.</summary>
    public static void HangUpAll()
    {
        foreach (Job job in Table)
        {
            ProcClient.Kill(-job.Group, Signal.Hangup);
            ProcClient.Kill(-job.Group, Signal.Continue);
        }
    }

    // The job words[1] names (%N, N, or the current one without it); reports why there is none.
    private static Job Find(List<string> words, string command)
    {
        if (Table.Count == 0)
        {
            Console.Error.WriteLine($"sh: {command}: no current job");
            return null;
        }
        if (words.Count < 2)
            return Table[Table.Count - 1];
        string spec = words[1].StartsWith('%') ? words[1].Substring(1) : words[1];
        if (int.TryParse(spec, out int number))
            foreach (Job job in Table)
                if (job.Number == number)
                    return job;
        Console.Error.WriteLine($"sh: {command}: {words[1]}: no such job");
        return null;
    }

    private static string Line(Job job) =>
        $"[{job.Number}]{Mark(job)}  {(job.Stopped ? "Stopped" : "Running").PadRight(StateWidth)}{job.Text}";

    private static string Mark(Job job)
    {
        int index = Table.IndexOf(job);
        return index == Table.Count - 1 ? "+" : index == Table.Count - 2 ? "-" : " ";
    }

    // A child that ended: its status, and the kill line (not for Ctrl-C: the terminal has shown ^C).
    private static int Describe(ExitStatus exit, string name)
    {
        if (exit.Error.Failed)
            return 1;
        if (exit.Exited)
            return exit.Code;
        if (exit.Signal != Signal.Interrupt)
            Console.WriteLine($"sh: {name}: killed by signal {exit.Signal}");
        return 128 + exit.Signal;
    }

    // The job has ended: its copiers are reaped, its files closed, and it leaves the table.
    private static void Finish(Job job)
    {
        foreach (long copier in job.Copiers)
            Children.Wait(copier);
        foreach (File file in job.Files)
            file.Close();
        Table.Remove(job);
    }
}
