namespace Ocean.Utilities.Ps;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>ps: one line per process (pid, parent, threads, the CPU its oldest thread runs on, state, program), in pid order, from the kernel's process_info.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const int LineBytes = 128;
    private const int PidWidth = 5, ThreadsWidth = 4, CpuWidth = 3, StateWidth = 7;

    private static int Main(string[] args)
    {
        var line = new TextLine(LineBytes);
        line.AppendPadded("PID", PidWidth).Append(' ').AppendPadded("PPID", PidWidth).Append(' ').AppendPadded("THR", ThreadsWidth)
            .Append(' ').AppendPadded("CPU", CpuWidth).Append(' ').AppendPadded("STATE", -StateWidth).Append(' ').Append("COMMAND").AppendLine().Write();
        for (ProcessEntry process = ProcessTable.Next(0); process.Pid > 0; process = ProcessTable.Next(process.Pid))
            line.Clear().Append(process.Pid, PidWidth).Append(' ').Append(process.ParentPid, PidWidth).Append(' ')
                .Append(process.Threads, ThreadsWidth).Append(' ').Append(process.Cpu, CpuWidth).Append(' ').AppendPadded(process.Zombie ? "zombie" : "running", -StateWidth)
                .Append(' ').Append(process.Name).AppendLine().Write();
        return 0;
    }
}
