namespace Ocean.Utilities.Ps;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// ps: one line per process (pid, parent, process group, session, threads, the CPU its oldest thread runs on, the memory it has
/// mapped in KiB, its CPU time as minutes:seconds.hundredths, state, command line), in pid order, from the process server (servers/proc) and the memory
/// server (servers/mem); <c>ps -T</c> one line per thread instead (pid, thread id,
/// the CPU it runs or ran on last, state, priority, program). Written as plain C#: each line is an
/// interpolated string whose holes carry the column widths.
/// </summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const ulong BytesPerKiB = 1024;
    private const int UsageError = 2;

    private static int Main(string[] args)
    {
        bool threads = args.Length == 1 && args[0] == "-T";
        if (args.Length > 1 || (args.Length == 1 && !threads))
        {
            Console.WriteLine("usage: ps [-T]");
            return UsageError;
        }
        if (threads)
            ListThreads();
        else
            ListProcesses();
        return 0;
    }

    private static void ListProcesses()
    {
        Console.WriteLine($"{"PID",5} {"PPID",5} {"PGID",5} {"SID",5} {"THR",4} {"CPU",3} {"RSS",7} {"TIME",8} {"STATE",-8} COMMAND");
        for (ProcessEntry process = ProcessTable.Next(0); process.Pid > 0; process = ProcessTable.Next(process.Pid))
        {
            string state = process.Zombie ? "zombie" : process.Stopped ? "stopped" : "running";
            string command = process.CommandLine.Length > 0 ? process.CommandLine : process.Name;
            Console.WriteLine($"{process.Pid,5} {process.ParentPid,5} {process.ProcessGroup,5} {process.Session,5} {process.Threads,4} " +
                $"{process.Cpu,3} {process.ResidentBytes / BytesPerKiB,7} {Time(process.CpuMilliseconds),8} {state,-8} {command}");
        }
    }

    // minutes:seconds.hundredths, as BSD's ps prints TIME.
    private static string Time(ulong milliseconds)
    {
        ulong hundredths = milliseconds / 10, seconds = hundredths / 100;
        return $"{seconds / 60}:{seconds % 60:D2}.{hundredths % 100:D2}";
    }

    // A zombie has no threads left, so it has no lines here.
    private static void ListThreads()
    {
        Console.WriteLine($"{"PID",5} {"TID",5} {"CPU",3} {"STATE",-8} {"PRI",3} COMMAND");
        for (ProcessEntry process = ProcessTable.Next(0); process.Pid > 0; process = ProcessTable.Next(process.Pid))
            for (ThreadEntry thread = ProcessTable.NextThread(process.Pid, 0); thread.Id > 0; thread = ProcessTable.NextThread(process.Pid, thread.Id))
                Console.WriteLine($"{process.Pid,5} {thread.Id,5} {thread.Cpu,3} {thread.StateName,-8} {thread.Priority,3} {process.Name}");
    }
}
