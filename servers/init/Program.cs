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
    private const ulong ChildExitBit = 1, StartupTimeoutBit = 2;
    /// <summary>How long the shell waits for services that do not report ready (nanoseconds: 3 s).</summary>
    private const ulong StartupTimeoutNanoseconds = 3_000_000_000;
    private const int TimerStackBytes = 16 * 1024;
    private const long NanosecondsPerMillisecond = 1_000_000;

    private static Service[] _services;
    private static int _count;
    /// <summary>Each lookup's capability carries its own badge, so a service can tell its clients apart.</summary>
    private static ulong _nextClientBadge;
    /// <summary>A capability minted for a reply: init's copy goes once the reply carried it.</summary>
    private static long _sentCapability = -1;
    private static long _notification;
    private static bool _consoleStarted;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        Stdio.WriteLine("init: started");
        _notification = Notifications.Create();
        Supervisor.InitEndpoint = Ipc.CreateEndpoint();
        if (_notification < 0 || Supervisor.InitEndpoint < 0 || Syscall.NotifyChildExits(_notification, ChildExitBit) != 0 ||
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
        Serve();
        return 0;
    }

    // The shell comes last, once every service is ready (or failed): its first prompt then finds them serving.
    private static void StartConsoleWhenReady(bool timedOut = false)
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
        long stack = Syscall.Mmap(0, TimerStackBytes, Protection.Read | Protection.Write);
        if (stack < 0 || Threads.Create(&StartupTimer, (ulong)stack + TimerStackBytes, (ulong)_notification) < 0)
            StartConsoleWhenReady(timedOut: true);
    }

    [UnmanagedCallersOnly]
    private static void StartupTimer(ulong notification)
    {
        Syscall.Sleep(StartupTimeoutNanoseconds);
        Notifications.Signal((long)notification, StartupTimeoutBit);
    }

    private static void Serve()
    {
        while (true)
        {
            IpcMessage message = default;
            long result = Ipc.Receive(Supervisor.InitEndpoint, &message);
            if (result < 0)
                continue;
            if ((message.Tag & MessageTag.Notification) != 0)
            {
                if ((message.Badge & ChildExitBit) != 0)
                    ReapChildren();
                if ((message.Badge & StartupTimeoutBit) != 0)
                    StartConsoleWhenReady(timedOut: true);
                continue;
            }
            uint request = MessageTag.Label(message.Tag);
            ulong* words = message.Words;
            IpcMessage reply = default;
            long error = request switch
            {
                (uint)InitRequest.ServiceStatus => DescribeService(words[0], &reply),
                (uint)InitRequest.Lookup => Lookup(words + InitProtocol.LookupNameWord, &reply),
                (uint)InitRequest.PowerOff => PowerOff(),
                (uint)InitRequest.Ready => MarkReady(message.Badge),
                _ => Errno.ENOSYS,
            };
            if (error != 0)
                reply.Tag = MessageTag.Make((uint)error, 0);   // a protocol error: the label says which
            Ipc.Reply(&reply);
            if (_sentCapability >= 0)
            {
                Ipc.Delete(_sentCapability);
                _sentCapability = -1;
            }
        }
    }

    private static void ReapChildren()
    {
        int status;
        long pid;
        while ((pid = Syscall.WaitPid(-1, &status, WaitStatus.NoHang)) > 0)
            Supervisor.ChildEnded(_services, _count, pid, status);
        StartConsoleWhenReady();   // a service that failed for good no longer holds the shell back
    }

    // Status reply: pid, state, restarts, name, version (InitProtocol's word layout).
    private static long DescribeService(ulong index, IpcMessage* reply)
    {
        if (index >= (ulong)_count)
            return Errno.ENOENT;
        Service service = _services[(int)index];
        ulong* words = reply->Words;
        words[InitProtocol.PidWord] = (ulong)service.Pid;
        words[InitProtocol.StateWord] = (ulong)service.State;
        words[InitProtocol.RestartsWord] = (ulong)service.Restarts;
        fixed (byte* name = service.Entry.Name)
            MessageText.Pack(name, service.Entry.Name.Length, words + InitProtocol.NameWord, InitProtocol.NameWords);
        byte[] package = service.Entry.Package;
        int at = 0;
        while (at < package.Length && package[at] != (byte)'@')
            at++;
        int versionLength = at < package.Length ? package.Length - at - 1 : 0;
        fixed (byte* p = package)
            MessageText.Pack(p + at + 1, versionLength < InitProtocol.VersionBytes ? versionLength : InitProtocol.VersionBytes,
                             words + InitProtocol.VersionWord, InitProtocol.VersionWords);
        reply->Tag = MessageTag.Make(0, IpcLayout.MaxPayloadBytes);
        return 0;
    }

    // A badged copy of the service's client capability travels in the reply.
    private static long Lookup(ulong* name, IpcMessage* reply)
    {
        for (int i = 0; i < _count; i++)
        {
            Service service = _services[i];
            fixed (byte* text = service.Entry.Name)
                if (service.IsConsole || !MessageText.Equals(name, InitProtocol.NameWords, text, service.Entry.Name.Length))
                    continue;
            if (service.State != ServiceState.Running || service.ClientCapability < 0)
                return Errno.EAGAIN;
            _sentCapability = Ipc.Mint(service.ClientCapability, CapabilityRights.Send | CapabilityRights.Grant, ++_nextClientBadge);
            if (_sentCapability < 0)
                return -_sentCapability;
            reply->Tag = MessageTag.WithCapabilities(MessageTag.Make(0, 0), 1);
            reply->Words[MessageTag.CapabilityWord(reply->Tag, 0)] = (ulong)_sentCapability;
            return 0;
        }
        return Errno.ENOENT;
    }

    private static long MarkReady(ulong badge)
    {
        if (badge == 0 || badge > (ulong)_count)
            return Errno.EPERM;   // only a service init started can say it is ready
        _services[(int)badge - 1].Ready = true;
        StartConsoleWhenReady();
        return 0;
    }

    private static long PowerOff()
    {
        UnmountAll();
        Stdio.WriteLine("init: powering off");   // a whole line: flushed before the machine goes
        return -Syscall.PowerOff();   // only returns on failure
    }

    private const int MountPathBytes = 256;

    // Every mounted file system is unmounted (written out and marked clean) before the power goes.
    private static void UnmountAll()
    {
        Service vfs = null;
        for (int i = 0; i < _count; i++)
            fixed (byte* serviceName = _services[i].Entry.Name)
                if (_services[i].State == ServiceState.Running && _services[i].ClientCapability >= 0 &&
                    CString.Is(serviceName, _services[i].Entry.Name.Length, VfsProtocol.ServiceName))
                    vfs = _services[i];
        if (vfs == null)
            return;
        long slot = Ipc.Mint(vfs.ClientCapability, CapabilityRights.Send | CapabilityRights.Grant, ++_nextClientBadge);
        if (slot < 0)
            return;
        VfsClient.UseCapability(slot);
        byte* path = stackalloc byte[MountPathBytes];
        byte* name = stackalloc byte[VfsProtocol.MountNameWords * 8 + 1];
        long length;
        // Mount 0 is the RAM root; unmounting shifts the others down, so take mount 1 until none is left.
        while ((length = VfsClient.MountInfo(1, path, MountPathBytes, name, out _)) > 0)
        {
            Stdio.Write("init: unmounting ");
            Stdio.Write(path, (int)length);
            Stdio.WriteLine("");
            if (VfsClient.Unmount(path, (int)length) < 0)
                break;
        }
        Ipc.Delete(slot);
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
