namespace Ocean.Utilities.Ps;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// ps: one line per process (pid, parent, process group, session, threads, the CPU its oldest thread runs on, the memory it has
/// mapped in KiB, its CPU time as minutes:seconds.hundredths, state, command line), in pid order, from the process server (servers/proc) and the memory
/// server (servers/mem); <c>ps -T</c> one line per thread instead (pid, thread id,
/// the CPU it runs or ran on last, state, priority, program).
/// </summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const int LineBytes = 192;   // the columns, then a command line of up to 95 bytes
    private const int PidWidth = 5, ThreadsWidth = 4, CpuWidth = 3, ResidentWidth = 7, StateWidth = 8, PriorityWidth = 3;
    private const int BytesPerKiB = 1024;
    private const int TimeWidth = 8;
    private const int UsageError = 2;

    private static int Main(string[] args)
    {
        bool threads = args.Length == 1 && args[0] == "-T";
        if (args.Length > 1 || (args.Length == 1 && !threads))
        {
            Stdio.WriteLine("usage: ps [-T]");
            return UsageError;
        }
        var line = new TextLine(LineBytes);
        if (threads)
            ListThreads(line);
        else
            ListProcesses(line);
        return 0;
    }

    private static void ListProcesses(TextLine line)
    {
        line.AppendPadded("PID", PidWidth).Append(' ').AppendPadded("PPID", PidWidth).Append(' ').AppendPadded("PGID", PidWidth)
            .Append(' ').AppendPadded("SID", PidWidth).Append(' ').AppendPadded("THR", ThreadsWidth)
            .Append(' ').AppendPadded("CPU", CpuWidth).Append(' ').AppendPadded("RSS", ResidentWidth).Append(' ').AppendPadded("TIME", TimeWidth)
            .Append(' ').AppendPadded("STATE", -StateWidth)
            .Append(' ').Append("COMMAND").AppendLine().Write();
        for (ProcessEntry process = ProcessTable.Next(0); process.Pid > 0; process = ProcessTable.Next(process.Pid))
        {
            line.Clear().Append(process.Pid, PidWidth).Append(' ').Append(process.ParentPid, PidWidth).Append(' ')
                .Append(process.ProcessGroup, PidWidth).Append(' ').Append(process.Session, PidWidth).Append(' ')
                .Append(process.Threads, ThreadsWidth).Append(' ').Append(process.Cpu, CpuWidth).Append(' ')
                .Append((long)(process.ResidentBytes / BytesPerKiB), ResidentWidth).Append(' ');
            AppendTime(line, process.CpuMilliseconds).Append(' ').AppendPadded(process.Zombie ? "zombie" : "running", -StateWidth)
                .Append(' ').Append(process.CommandLine.Length > 0 ? process.CommandLine : process.Name).AppendLine().Write();
        }
    }

    // minutes:seconds.hundredths, right-aligned, as BSD's ps prints TIME.
    private static TextLine AppendTime(TextLine line, ulong milliseconds)
    {
        const int SecondsAndHundredths = 6;   // ":ss.hh"
        ulong hundredths = milliseconds / 10, seconds = hundredths / 100;
        return line.Append((long)(seconds / 60), TimeWidth - SecondsAndHundredths).Append(':')
            .Append(Digit(seconds % 60 / 10)).Append(Digit(seconds % 10)).Append('.')
            .Append(Digit(hundredths % 100 / 10)).Append(Digit(hundredths % 10));
    }

    private static char Digit(ulong value) => (char)('0' + (int)value);

    // A zombie has no threads left, so it has no lines here.
    private static void ListThreads(TextLine line)
    {
        line.Clear().AppendPadded("PID", PidWidth).Append(' ').AppendPadded("TID", PidWidth).Append(' ').AppendPadded("CPU", CpuWidth)
            .Append(' ').AppendPadded("STATE", -StateWidth).Append(' ').AppendPadded("PRI", PriorityWidth).Append(' ').Append("COMMAND").AppendLine().Write();
        for (ProcessEntry process = ProcessTable.Next(0); process.Pid > 0; process = ProcessTable.Next(process.Pid))
            for (ThreadEntry thread = ProcessTable.NextThread(process.Pid, 0); thread.Id > 0; thread = ProcessTable.NextThread(process.Pid, thread.Id))
                line.Clear().Append(process.Pid, PidWidth).Append(' ').Append(thread.Id, PidWidth).Append(' ').Append(thread.Cpu, CpuWidth)
                    .Append(' ').AppendPadded(thread.StateName, -StateWidth).Append(' ').Append(thread.Priority, PriorityWidth)
                    .Append(' ').Append(process.Name).AppendLine().Write();
    }
}
