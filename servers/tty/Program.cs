namespace Ocean.Servers.Tty;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Ocean's terminal service: the driver of the serial console's input and its line discipline
/// (<see cref="LineDiscipline"/>), and the server of the console's modes (<see cref="TtyProtocol"/>).
/// init starts it first, with COM1's receive and line-status ports and its interrupt line, which it
/// binds to a notification that also ends its receives: requests and typed keys come to one loop
/// (<see cref="TtyServer"/>). While it is not running, the kernel's own simple discipline serves the console.
/// </summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        var server = new TtyServer();
        long started = server.TakeInterrupt();
        if (started != 0)
        {
            Stdio.WriteLine($"tty: cannot take the console's interrupt line (error {started})");
            return 1;
        }
        Stdio.WriteLine("tty: serving the console (COM1)");
        Services.ReportReady();
        server.Serve(ServiceSlot.Endpoint);
        return 1;
    }
}
