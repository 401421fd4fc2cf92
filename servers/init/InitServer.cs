namespace Ocean.Servers.Init;

using System;
using System.Collections.Generic;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// <see cref="InitProtocol"/> on init's endpoint — lookups, status, ready reports, power-off — and,
/// through the notification bound to the same receive, children that ended (reaped and handed to the
/// <see cref="Supervisor"/>) and the start-up time limit.
/// </summary>
internal sealed unsafe class InitServer : Server
{
    private const int MountPathBytes = 256;

    private readonly List<Service> _services;
    /// <summary>Each lookup's capability carries its own badge, so a service can tell its clients apart.</summary>
    private ulong _nextClientBadge;
    /// <summary>A capability minted for a reply: init's copy goes once the reply carried it.</summary>
    private long _sentCapability = -1;

    public InitServer(List<Service> services) => _services = services;

    protected override long Handle(IpcMessage* message)
    {
        ulong* words = message->Words;
        return MessageTag.Label(message->Tag) switch
        {
            (uint)InitRequest.ServiceStatus => DescribeService(words[0], message),
            (uint)InitRequest.Lookup => Lookup(MessageText.Unpack(words + InitProtocol.LookupNameWord, InitProtocol.NameWords), message),
            (uint)InitRequest.PowerOff => PowerOff(),
            (uint)InitRequest.Ready => MarkReady(message->Badge),
            _ => -Errno.ENOSYS,
        };
    }

    protected override void Notified(ulong bits)
    {
        if ((bits & Program.ChildExitBit) != 0)
            ReapChildren();
        if ((bits & Program.StartupTimeoutBit) != 0)
            Program.StartConsoleWhenReady(timedOut: true);
    }

    protected override void Replied()
    {
        if (_sentCapability >= 0)
        {
            Ipc.Delete(_sentCapability);
            _sentCapability = -1;
        }
    }

    private void ReapChildren()
    {
        int status;
        long pid;
        while ((pid = ProcClient.WaitPid(-1, &status, WaitStatus.NoHang)) > 0)
            Supervisor.ChildEnded(_services, pid, status);
        Program.StartConsoleWhenReady();   // a service that failed for good no longer holds the shell back
    }

    // Status reply: pid, state, restarts, name, version (InitProtocol's word layout).
    private long DescribeService(ulong index, IpcMessage* reply)
    {
        if (index >= (ulong)_services.Count)
            return -Errno.ENOENT;
        Service service = _services[(int)index];
        ulong* words = reply->Words;
        words[InitProtocol.PidWord] = (ulong)service.Pid;
        words[InitProtocol.StateWord] = (ulong)service.State;
        words[InitProtocol.RestartsWord] = (ulong)service.Restarts;
        MessageText.Pack(service.Name, words + InitProtocol.NameWord, InitProtocol.NameWords);
        string version = service.Entry.Version;
        MessageText.Pack(version.Length <= InitProtocol.VersionBytes ? version : version.Substring(0, InitProtocol.VersionBytes),
                         words + InitProtocol.VersionWord, InitProtocol.VersionWords);
        reply->Tag = MessageTag.Make(0, IpcLayout.MaxPayloadBytes);
        return 0;
    }

    // A badged copy of the service's client capability travels in the reply.
    private long Lookup(string name, IpcMessage* reply)
    {
        Service service = _services.Find(candidate => !candidate.IsConsole && candidate.Name == name);
        if (service == null)
            return -Errno.ENOENT;
        if (service.State != ServiceState.Running || service.ClientCapability < 0)
            return -Errno.EAGAIN;
        _sentCapability = Ipc.Mint(service.ClientCapability, CapabilityRights.Send | CapabilityRights.Grant, ++_nextClientBadge);
        if (_sentCapability < 0)
            return _sentCapability;
        reply->Tag = MessageTag.WithCapabilities(MessageTag.Make(0, 0), 1);
        reply->Words[MessageTag.CapabilityWord(reply->Tag, 0)] = (ulong)_sentCapability;
        return 0;
    }

    private long MarkReady(ulong badge)
    {
        Service service = _services.Find(candidate => candidate.Badge == badge);
        if (service == null)
            return -Errno.EPERM;   // only a service init started can say it is ready
        service.Ready = true;
        Program.StartConsoleWhenReady();
        return 0;
    }

    private long PowerOff()
    {
        UnmountAll();
        Console.WriteLine("init: powering off");   // a whole line: flushed before the machine goes
        return Syscall.PowerOff();   // only returns on failure
    }

    // Every mounted file system is unmounted (written out and marked clean) before the power goes.
    private void UnmountAll()
    {
        Service vfs = _services.Find(service => service.State == ServiceState.Running && service.ClientCapability >= 0 &&
                                                service.Name == VfsProtocol.ServiceName);
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
            Console.WriteLine($"init: unmounting {Latin1.ToString(new ReadOnlySpan<byte>(path, (int)length))}");
            if (VfsClient.Unmount(path, (int)length) < 0)
                break;
        }
        Ipc.Delete(slot);
    }
}
