namespace Ocean.Utilities.Ps;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>ps: one line per process (pid, parent, threads, state, program), in pid order, from the kernel's process_info.</summary>
public static unsafe class Program
{
    private const int LineBytes = 128;
    private const int PidWidth = 5, ThreadsWidth = 4, StateWidth = 7;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        text.AppendPadded("PID", PidWidth).Append(' ').AppendPadded("PPID", PidWidth).Append(' ').AppendPadded("THR", ThreadsWidth)
            .Append(' ').AppendPadded("STATE", -StateWidth).Append(' ').Append("COMMAND").AppendLine();
        Stdio.Write(text);
        ProcessInfo info;
        for (long pid = 0; (pid = Syscall.ProcessInfo(pid, &info)) > 0;)
        {
            text.Clear();
            text.Append(info.Pid, PidWidth).Append(' ').Append(info.ParentPid, PidWidth).Append(' ').Append(info.Threads, ThreadsWidth)
                .Append(' ').AppendPadded(info.State == ProcessInfo.StateZombie ? "zombie" : "running", -StateWidth).Append(' ')
                .Append(info.Name).AppendLine();
            Stdio.Write(text);
        }
        return 0;
    }
}
