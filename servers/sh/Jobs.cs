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
    /// <summary>The signal that stopped it (SIGTSTP, SIGTTIN…).</summary>
    public int StopSignal;
    public readonly List<long> Children = new();
    public readonly List<string> Names = new();
    public readonly List<long> Copiers = new();
    public readonly List<File> Files = new();
    /// <summary>The last command's status once it has ended (the pipeline's).</summary>
    public int Status = 1;
    /// <summary>The pid of the pipeline's last command (its status is the job's).</summary>
    public long Last;
    /// <summary>The signal that ended the last command, or 0.</summary>
    public int EndSignal;
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
    private const int Failure = 1, NotFound = 127;

    private static readonly List<Job> Table = new();

    /// <summary>$!: the pid of the last command of the last job started in the background (0: none yet).</summary>
    public static long LastBackground { get; private set; }

    /// <summary>A job started with '&amp;': into the table, "[N] PID" shown (an interactive shell's), and $! set.</summary>
    public static void StartInBackground(Job job)
    {
        Add(job);
        LastBackground = job.Last;
        if (JobControl.Enabled)
            Console.WriteLine($"[{job.Number}] {job.Last}");
    }

    /// <summary>
    /// Runs <paramref name="job"/> with the console until it ends or stops; its status ($?): the last
    /// command's, 128 + the signal that ended it, or 128 + the stop signal.
    /// </summary>
    public static int RunInForeground(Job job) => Await(job, foreground: true);

    // Waits until the job ends or stops, with the console if in the foreground.
    private static int Await(Job job, bool foreground)
    {
        if (foreground && job.Group != 0)
            JobControl.GiveConsole(job.Group);
        bool untraced = JobControl.Enabled;
        for (int c = 0; c < job.Children.Count;)
        {
            ExitStatus exit = Children.Wait(job.Children[c], untraced);
            if (exit.Stopped)
            {
                job.Stopped = true;
                job.StopSignal = exit.Signal;
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
        if (foreground && job.Group != 0)
            JobControl.TakeConsole();
        if (!job.Stopped)
        {
            Finish(job);
            return job.Status;
        }
        Add(job);
        Console.WriteLine(Line(job));   // under the terminal's "^Z"
        return job.Status;
    }

    private static void Add(Job job)
    {
        if (Table.Contains(job))
            return;
        job.Number = Table.Count == 0 ? 1 : Table[Table.Count - 1].Number + 1;
        Table.Add(job);
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
                    if (exit.Stopped)
                        job.StopSignal = exit.Signal;
                    c++;
                    continue;
                }
                if (job.Children[c] == job.Last && exit.Error.Ok)
                {
                    job.Status = exit.Exited ? exit.Code : 128 + exit.Signal;
                    job.EndSignal = exit.Exited ? 0 : exit.Signal;
                }
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
            Console.WriteLine($"[{job.Number}]{Mark(job)}  {Ending(job).PadRight(StateWidth)}{job.Text}");
            Finish(job);
        }
    }

    /// <summary>
    /// wait [%N|PID...]: until the jobs named (every running one without operands) have ended; the
    /// last one's status (127 for a pid that is no job of this shell's, as POSIX's).
    /// </summary>
    public static int Wait(List<string> words)
    {
        int status = 0;
        if (words.Count == 1)
        {
            foreach (Job job in Table.ToArray())
                if (!job.Stopped)
                    status = Await(job, foreground: false);
            return 0;
        }
        for (int i = 1; i < words.Count; i++)
        {
            Job job = words[i].StartsWith('%') ? Find(words[i], "wait") : FindByPid(words[i]);
            if (job == null)
            {
                if (!words[i].StartsWith('%'))
                    Console.Error.WriteLine($"sh: wait: {words[i]}: no such job");
                status = NotFound;
                continue;
            }
            status = job.Stopped ? job.Status : Await(job, foreground: false);
        }
        return status;
    }

    /// <summary>kill's operands: each %N becomes the job's process group (-PGID); false, said why, for no such job.</summary>
    public static bool ResolveSpecs(List<string> words)
    {
        for (int i = 1; i < words.Count; i++)
        {
            if (!words[i].StartsWith('%'))
                continue;
            Job job = Find(words[i], "kill");
            if (job == null)
                return false;
            words[i] = (-job.Group).ToString();
        }
        return true;
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
        return words.Count < 2 ? Table[Table.Count - 1] : Find(words[1], command);
    }

    // The job a spec names: %N or N, and %% or %+ for the current one.
    private static Job Find(string spec, string command)
    {
        string number = spec.StartsWith('%') ? spec.Substring(1) : spec;
        if ((number == "%" || number == "+") && Table.Count > 0)
            return Table[Table.Count - 1];
        if (int.TryParse(number, out int wanted))
            foreach (Job job in Table)
                if (job.Number == wanted)
                    return job;
        Console.Error.WriteLine($"sh: {command}: {spec}: no such job");
        return null;
    }

    private static Job FindByPid(string text)
    {
        if (long.TryParse(text, out long pid))
            foreach (Job job in Table)
                if (job.Children.Contains(pid))
                    return job;
        return null;
    }

    private static string Line(Job job) =>
        $"[{job.Number}]{Mark(job)}  {(!job.Stopped ? "Running" : job.StopSignal == Signal.TerminalInput ? "Stopped (tty input)" : "Stopped").PadRight(StateWidth)}{job.Text}{(job.Stopped ? "" : " &")}";

    // How a background job ended, in bash's words.
    private static string Ending(Job job) => job.EndSignal switch
    {
        0 => job.Status == 0 ? "Done" : $"Exit {job.Status}",
        Signal.Terminate => "Terminated",
        Signal.Kill => "Killed",
        Signal.Interrupt => "Interrupt",
        Signal.Hangup => "Hangup",
        _ => $"Signal {job.EndSignal}",
    };

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
