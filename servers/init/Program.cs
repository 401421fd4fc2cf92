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
    private const ulong ChildExitBit = 1;

    private static Service[] _services;
    private static int _count;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        Stdio.WriteLine("init: started");
        long notification = Notifications.Create();
        Supervisor.InitEndpoint = Ipc.CreateEndpoint();
        if (notification < 0 || Supervisor.InitEndpoint < 0 || Syscall.NotifyChildExits(notification, ChildExitBit) != 0 ||
            Notifications.Bind(notification) != 0)
        {
            Stdio.WriteLine("init: cannot set up its endpoint");
            return 1;
        }
        LoadServices();
        for (int i = 0; i < _count; i++)
            if (!_services[i].IsConsole)
                Supervisor.Start(_services[i]);
        for (int i = 0; i < _count; i++)
            if (_services[i].IsConsole)
                Supervisor.Start(_services[i]);
        Serve();
        return 0;
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
                ReapChildren();
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
                _ => Errno.ENOSYS,
            };
            if (error != 0)
                reply.Tag = MessageTag.Make((uint)error, 0);   // a protocol error: the label says which
            Ipc.Reply(&reply);
        }
    }

    private static void ReapChildren()
    {
        int status;
        long pid;
        while ((pid = Syscall.WaitPid(-1, &status, WaitStatus.NoHang)) > 0)
            Supervisor.ChildEnded(_services, _count, pid, status);
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

    // A copy of the service's client capability travels in the reply.
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
            reply->Tag = MessageTag.WithCapabilities(MessageTag.Make(0, 0), 1);
            reply->Words[MessageTag.CapabilityWord(reply->Tag, 0)] = (ulong)service.ClientCapability;
            return 0;
        }
        return Errno.ENOENT;
    }

    private static long PowerOff()
    {
        Stdio.WriteLine("init: powering off");   // a whole line: flushed before the machine goes
        return -Syscall.PowerOff();   // only returns on failure
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
