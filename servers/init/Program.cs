namespace Ocean.Servers.Init;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// PID 1, the service manager. It reads the service list packaging generated from the composition
/// manifest (<see cref="ServiceList"/>), starts each service with the capabilities the list gives it,
/// then the console session (the shell). Then it serves <see cref="InitProtocol"/> on its endpoint —
/// lookups, status, power-off — and, through a notification bound to the same receive, learns when
/// children end: it reaps them (orphans included) and restarts services (<see cref="Supervisor"/>).
/// </summary>
public static unsafe class Program
{
    private const string ServiceListPath = "/boot/ocean/services.conf";
    private const int MaxServiceListBytes = 4096;
    internal const ulong ChildExitBit = 1, StartupTimeoutBit = 2;
    /// <summary>How long the shell waits for services that do not report ready (nanoseconds: 3 s).</summary>
    private const ulong StartupTimeoutNanoseconds = 3_000_000_000;
    private const int TimerStackBytes = 16 * 1024;
    private const long NanosecondsPerMillisecond = 1_000_000;

    private static Service[] _services;
    private static int _count;
    private static long _notification;
    private static bool _consoleStarted;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        Stdio.WriteLine("init: started");
        _notification = Notifications.Create();
        Supervisor.InitEndpoint = Ipc.CreateEndpoint();
        if (_notification < 0 || Supervisor.InitEndpoint < 0 || ProcClient.NotifyChildExits(_notification, ChildExitBit) != 0 ||
            Notifications.Bind(_notification) != 0)
        {
            Stdio.WriteLine("init: cannot set up its endpoint");
            return 1;
        }
        LoadServices();
        for (int i = 0; i < _count; i++)
            if (!_services[i].IsConsole)
                Supervisor.Start(_services[i], (ulong)i + 1);
        StartStartupTimer();
        StartConsoleWhenReady();
        var server = new InitServer(_services, _count);
        while (true)
            server.Serve(Supervisor.InitEndpoint);   // init never stops serving

    }

    // The shell comes last, once every service is ready (or failed): its first prompt then finds them serving.
    internal static void StartConsoleWhenReady(bool timedOut = false)
    {
        if (_consoleStarted)
            return;
        for (int i = 0; i < _count; i++)
        {
            Service service = _services[i];
            if (service.IsConsole || service.Ready || service.State == ServiceState.Failed)
                continue;
            if (!timedOut)
                return;
            Stdio.Write("init: not waiting any longer for ");
            fixed (byte* name = service.Entry.Name)
                Stdio.Write(name, service.Entry.Name.Length);
            Stdio.WriteLine(" to be ready");
        }
        _consoleStarted = true;
        // Time since the machine started (the monotonic clock counts from boot): the boot time people see.
        Stdio.Write("init: services up ");
        Stdio.Write(Clock.Now() / NanosecondsPerMillisecond);
        Stdio.WriteLine(" ms after boot; starting the console");
        for (int i = 0; i < _count; i++)
            if (_services[i].IsConsole)
                Supervisor.Start(_services[i], (ulong)i + 1);
    }

    // A thread that signals the start-up time limit (init's own receive never times out).
    private static void StartStartupTimer()
    {
        long stack = Memory.Map(0, TimerStackBytes, Protection.Read | Protection.Write);
        if (stack < 0 || Threads.Create(&StartupTimer, (ulong)stack + TimerStackBytes, (ulong)_notification) < 0)
            StartConsoleWhenReady(timedOut: true);
    }

    [UnmanagedCallersOnly]
    private static void StartupTimer(ulong notification)
    {
        Syscall.Sleep(StartupTimeoutNanoseconds);
        Notifications.Signal((long)notification, StartupTimeoutBit);
    }

    // The list packaging generated; without one (a hand-made image), just the shell on the console.
    private static void LoadServices()
    {
        byte* text = stackalloc byte[MaxServiceListBytes];
        byte* path = stackalloc byte[ServiceListPath.Length + 1];
        for (int i = 0; i < ServiceListPath.Length; i++)
            path[i] = (byte)ServiceListPath[i];
        path[ServiceListPath.Length] = 0;
        long length = Syscall.BootModuleRead(path, 0, text, MaxServiceListBytes);
        ServiceEntry[] entries;
        int count = 0;
        if (length < 0)
        {
            Stdio.WriteLine("init: no service list; starting only the shell");
            entries = new ServiceEntry[1];
            entries[0] = DefaultShell();
            count = 1;
        }
        else
        {
            entries = ServiceList.Parse(text, (int)length, out count, out ServiceListError error, out int line);
            if (error != ServiceListError.None)
            {
                Stdio.Write("init: services.conf line ");
                Stdio.Write((long)line);
                Stdio.WriteLine(": not understood; starting the services before it");
            }
        }
        _services = new Service[count];
        for (int i = 0; i < count; i++)
            _services[i] = new Service { Entry = entries[i], IsConsole = entries[i].IsConsole };
        _count = count;
    }

    private static ServiceEntry DefaultShell()
    {
        var shell = new ServiceEntry { IsConsole = true, Name = new byte[2], Package = new byte[2], Program = new byte[2] };
        shell.Name[0] = shell.Package[0] = shell.Program[0] = (byte)'s';
        shell.Name[1] = shell.Package[1] = shell.Program[1] = (byte)'h';
        return shell;
    }
}
