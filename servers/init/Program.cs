namespace Ocean.Servers.Init;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// PID 1. For now it supervises one service, the shell on the console: it starts it, reaps every
/// process that ends (orphans come to init), and starts a new shell whenever the shell exits, up to
/// a restart limit so that a shell that cannot start does not spin forever.
/// </summary>
public static unsafe class Program
{
    private const int MaxQuickRestarts = 5;
    /// <summary>A shell that lived this long resets the restart count (nanoseconds: 2 s).</summary>
    private const long HealthyRunNanoseconds = 2_000_000_000;
    private const ulong RestartDelayNanoseconds = 100_000_000;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        Stdio.WriteLine("init: started");
        // init keeps its hardware capabilities for the drivers it will start; the shell gets none.
        int quickRestarts = 0, restarts = 0;
        while (quickRestarts < MaxQuickRestarts)
        {
            if (restarts > 0)
            {
                Stdio.Write("init: starting sh again (restart ");
                Stdio.Write((long)restarts);
                Stdio.WriteLine(")");
            }
            long started = Now();
            long shell = StartShell();
            if (shell < 0)
                return 1;
            int status = ReapUntil(shell);
            Stdio.Write("init: sh exited with status ");
            Stdio.Write((long)(WaitStatus.IfExited(status) ? WaitStatus.ExitCode(status) : 128 + WaitStatus.TermSignal(status)));
            Stdio.WriteLine("");
            restarts++;
            quickRestarts = Now() - started >= HealthyRunNanoseconds ? 0 : quickRestarts + 1;
            if (quickRestarts > 0)
                Syscall.Sleep(RestartDelayNanoseconds * (ulong)quickRestarts);
        }
        Stdio.WriteLine("init: the shell keeps failing; giving up");
        while (true)
            ReapUntil(-2);
    }

    private static long StartShell()
    {
        Stdio.Flush();   // or the child would print what is pending too
        long child = Syscall.Fork();
        if (child != 0)
            return child;
        for (int slot = 0; slot < BootstrapSlot.Count; slot++)
            Ipc.Delete(slot);
        byte* path = stackalloc byte[3];
        path[0] = (byte)'s';
        path[1] = (byte)'h';
        path[2] = 0;
        byte** argv = stackalloc byte*[2];
        argv[0] = path;
        argv[1] = null;
        long result = Syscall.Exec(path, argv, null);
        Stdio.WriteLine("init: cannot start sh");
        Syscall.Exit((int)-result);
        return -1;
    }

    // Reaps children (orphans included) until `pid` ends; returns its status.
    private static int ReapUntil(long pid)
    {
        while (true)
        {
            int status;
            long reaped = Syscall.WaitPid(-1, &status, 0);
            if (reaped == pid)
                return status;
            if (reaped < 0)
                Syscall.Sleep(RestartDelayNanoseconds);
        }
    }

    private static long Now()
    {
        Timespec time;
        Syscall.ClockGetTime(0, &time);
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }
}
