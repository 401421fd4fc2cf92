namespace Ocean.Servers.Init;

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// PID 1, the service manager. It reads the service list packaging generated from the composition
/// manifest (<see cref="ServiceList"/>), starts each service with the capabilities the list gives it,
/// then the console session (the shell). Then it serves <see cref="Ocean.Protocols.InitProtocol"/> on
/// its endpoint — lookups, status, power-off — and, through a notification bound to the same receive,
/// learns when children end: it reaps them (orphans included) and restarts services (<see cref="Supervisor"/>).
/// </summary>
public static unsafe class Program
{
    private const string ServiceListPath = "/boot/ocean/services.conf";
    internal const ulong ChildExitBit = 1, StartupTimeoutBit = 2;
    /// <summary>How long the shell waits for services that do not report ready (nanoseconds: 3 s).</summary>
    private const ulong StartupTimeoutNanoseconds = 3_000_000_000;
    private const int TimerStackBytes = 16 * 1024;
    private const long NanosecondsPerMillisecond = 1_000_000;

    private static List<Service> _services;
    private static long _notification;
    private static bool _consoleStarted;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        Console.WriteLine("init: started");
        _notification = Notifications.Create();
        Supervisor.InitEndpoint = Ipc.CreateEndpoint();
        if (_notification < 0 || Supervisor.InitEndpoint < 0 || ProcClient.NotifyChildExits(_notification, ChildExitBit) != 0 ||
            Notifications.Bind(_notification) != 0)
        {
            Console.WriteLine("init: cannot set up its endpoint");
            return 1;
        }
        _services = LoadServices();
        foreach (Service service in _services)
            if (!service.IsConsole)
                Supervisor.Start(service);
        StartStartupTimer();
        StartConsoleWhenReady();
        var server = new InitServer(_services);
        while (true)
            server.Serve(Supervisor.InitEndpoint);   // init never stops serving
    }

    // The shell comes last, once every service is ready (or failed): its first prompt then finds them serving.
    internal static void StartConsoleWhenReady(bool timedOut = false)
    {
        if (_consoleStarted)
            return;
        foreach (Service service in _services)
        {
            if (service.IsConsole || service.Ready || service.State == Ocean.Protocols.ServiceState.Failed)
                continue;
            if (!timedOut)
                return;
            Console.WriteLine($"init: not waiting any longer for {service.Name} to be ready");
        }
        _consoleStarted = true;
        // Time since the machine started (the monotonic clock counts from boot): the boot time people see.
        Console.WriteLine($"init: services up {Clock.Now() / NanosecondsPerMillisecond} ms after boot; starting the console");
        foreach (Service service in _services)
            if (service.IsConsole)
                Supervisor.Start(service);
    }

    // A thread that signals the start-up time limit (init's own receive never times out).
    private static void StartStartupTimer()
    {
        if (ManagedThreads.Start(&StartupTimer, (ulong)_notification, TimerStackBytes) < 0)
            StartConsoleWhenReady(timedOut: true);
    }

    [UnmanagedCallersOnly]
    private static void StartupTimer(ulong notification)
    {
        Syscall.Sleep(StartupTimeoutNanoseconds);
        Notifications.Signal((long)notification, StartupTimeoutBit);
    }

    // The list packaging generated; without one (a hand-made image), just the shell on the console.
    private static List<Service> LoadServices()
    {
        List<ServiceEntry> entries;
        try
        {
            entries = ServiceList.Parse(BootModules.ReadAllText(ServiceListPath));
        }
        catch (IOException)
        {
            Console.WriteLine("init: no service list; starting only the shell");
            entries = new List<ServiceEntry> { new ServiceEntry("sh", "sh", "sh") { IsConsole = true } };
        }
        catch (ServiceListException e)
        {
            Console.WriteLine($"init: services.conf line {e.Line}: not understood; starting the services before it");
            entries = e.ServicesBefore;
        }
        var services = new List<Service>();
        foreach (ServiceEntry entry in entries)
            services.Add(new Service(entry, badge: (ulong)services.Count + 1));
        return services;
    }
}
