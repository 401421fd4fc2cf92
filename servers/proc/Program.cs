namespace Ocean.Servers.Proc;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// The process server (pid 2). The kernel starts it from its boot module right after init, with its
/// endpoint and the process table's capability in place (<see cref="SystemServerSlot"/>), and gives init a
/// send capability on that endpoint, which every process init starts keeps. It is not a service of
/// init's: it is never restarted, so it must answer any request, however malformed, with an errno.
/// Today it answers waitpid, kill, getppid and the process list; fork and exec move here next
/// (docs/design/process-and-memory-servers.md).
/// </summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        long ended = Notifications.Create();
        if (ended < 0 || Syscall.ProcessEvents(SystemServerSlot.Authority, ended, ProcServer.ProcessEndedBit) != 0 || Notifications.Bind(ended) != 0)
        {
            Stdio.WriteLine("proc: cannot learn of process ends; waitpid would never return");
            return 1;
        }
        var server = new ProcServer();
        server.LoadTable();
        long error = server.Serve(SystemServerSlot.Endpoint);
        Stdio.Write("proc: cannot serve its endpoint: errno ");
        Stdio.Write(-error);
        Stdio.WriteLine("");
        return 1;
    }
}
