namespace Ocean.Servers.Init;

using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Starts services and keeps them running. Each start gets a fresh endpoint; when a service ends,
/// init revokes every capability derived from the old one (clients fail fast and look the service up
/// again) and starts it anew after a back-off, giving up after too many quick restarts in a row.
/// </summary>
public static unsafe class Supervisor
{
    public const int MaxQuickRestarts = 5;
    /// <summary>A service that ran this long before ending counts as healthy again (nanoseconds: 2 s).</summary>
    private const long HealthyRunNanoseconds = 2_000_000_000;
    private const ulong BackOffNanoseconds = 100_000_000;
    /// <summary>Scratch slots for arranging a child's capabilities before exec (above any it keeps).</summary>
    private const int ArrangeSlot = 48;
    /// <summary>How many of a service's first slots are arranged for it: up to <see cref="ServiceSlot.Mem"/>.</summary>
    private const int KeptSlots = ServiceSlot.Mem + 1;
    private const int MaxArgv = ServiceEntry.MaxArguments + 2;
    private const int ExecFailed = 127;

    /// <summary>init's own endpoint (all rights): children get a send capability on it.</summary>
    public static long InitEndpoint;

    /// <summary>Starts <paramref name="service"/>; false if it could not even be forked.</summary>
    /// <param name="badge">Marks the service's messages to init (its index + 1), so init knows who reports ready.</param>
    public static bool Start(Service service, ulong badge)
    {
        if (!service.IsConsole)
        {
            service.Endpoint = Ipc.CreateEndpoint();
            service.ClientCapability = service.Endpoint < 0 ? -1 : Ipc.Mint(service.Endpoint, CapabilityRights.Send | CapabilityRights.Grant, 0);
            if (service.ClientCapability < 0)
            {
                Report(service, "cannot create its endpoint");
                ReleaseEndpoint(service);
                return false;
            }
        }
        // What the child keeps, by the slot it has in init now; index = the slot it gets (ServiceSlot).
        // The process and memory servers' capabilities stay where the kernel put them, in init and in the child.
        long* keep = stackalloc long[KeptSlots];
        for (int i = 0; i < KeptSlots; i++)
            keep[i] = -1;
        int hardware = ServiceSlot.FirstHardware;
        keep[ServiceSlot.Init] = Ipc.Mint(InitEndpoint, CapabilityRights.Send | CapabilityRights.Grant, badge);
        keep[ServiceSlot.Endpoint] = service.IsConsole ? -1 : service.Endpoint;
        keep[ServiceSlot.Proc] = ServiceSlot.Proc;
        keep[ServiceSlot.Mem] = ServiceSlot.Mem;
        ServiceEntry entry = service.Entry;
        for (int i = 0; i < entry.HardwareCount; i++)
        {
            HardwareGrant grant = entry.Hardware[i];
            int source = grant.Kind == HardwareKind.IoPorts ? BootstrapSlot.IoPorts : BootstrapSlot.Interrupts;
            keep[hardware++] = Devices.Narrow(source, grant.First, grant.Count);
        }
        long child = Runtime.Fork();
        if (child == 0)
            BecomeService(service, keep, KeptSlots);
        // init keeps only its own capabilities; the child has its copies.
        Ipc.Delete(keep[ServiceSlot.Init]);
        for (int i = ServiceSlot.FirstHardware; i < hardware; i++)
            if (keep[i] >= 0)
                Ipc.Delete(keep[i]);
        if (child < 0)
        {
            Report(service, "cannot be forked");
            ReleaseEndpoint(service);
            return false;
        }
        service.Pid = child;
        service.Ready = false;
        service.State = ServiceState.Running;
        service.StartedAt = Clock.Now();
        return true;
    }

    // In the forked child: only the capabilities it is given, at the slots ServiceSlot names; then exec.
    private static void BecomeService(Service service, long* keep, int kept)
    {
        for (long slot = 0; slot < ArrangeSlot; slot++)
        {
            bool wanted = false;
            for (int i = 0; i < kept; i++)
                wanted |= keep[i] == slot;
            if (!wanted)
                Ipc.Delete(slot);
        }
        for (int i = 0; i < kept; i++)
            if (keep[i] >= 0)
                Ipc.Move(keep[i], ArrangeSlot + i);
        for (int i = 0; i < kept; i++)
            if (keep[i] >= 0)
                Ipc.Move(ArrangeSlot + i, i);
        ServiceEntry entry = service.Entry;
        byte* program = stackalloc byte[entry.Program.Length + 1];
        CopyTerminated(entry.Program, program);
        byte** argv = stackalloc byte*[MaxArgv];
        byte* storage = stackalloc byte[SyscallLimits.MaxArgumentBytes];
        argv[0] = program;
        argv[1] = null;
        for (int i = 0, used = 0; i < entry.ArgumentCount; i++)
        {
            if (used + entry.Arguments[i].Length + 1 > SyscallLimits.MaxArgumentBytes)
                break;
            argv[1 + i] = storage + used;
            CopyTerminated(entry.Arguments[i], storage + used);
            used += entry.Arguments[i].Length + 1;
            argv[2 + i] = null;
        }
        long result = ProcClient.Exec(program, argv, Runtime.Environment);
        Report(service, "cannot be executed");
        Runtime.Exit(result == -Errno.ENOENT ? ExecFailed : (int)-result);
    }

    /// <summary>A child ended: if it ran a service, report it and start the service again (or give up).</summary>
    public static void ChildEnded(Service[] services, int count, long pid, int status)
    {
        Service service = null;
        ulong badge = 0;
        for (int i = 0; i < count; i++)
            if (services[i].Pid == pid)
            {
                service = services[i];
                badge = (ulong)i + 1;
            }
        if (service == null)
            return;   // an orphan init adopted: reaped, nothing to restart
        Stdio.Write("init: ");
        Write(service.Entry.Name);
        if (service.IsConsole)
        {
            Stdio.Write(" exited with status ");
            Stdio.Write((long)(WaitStatus.IfExited(status) ? WaitStatus.ExitCode(status) : 128 + WaitStatus.TermSignal(status)));
        }
        else
        {
            Stdio.Write(" (pid ");
            Stdio.Write(pid);
            Stdio.Write(WaitStatus.IfExited(status) ? ") exited with status " : ") killed by signal ");
            Stdio.Write((long)(WaitStatus.IfExited(status) ? WaitStatus.ExitCode(status) : WaitStatus.TermSignal(status)));
        }
        Stdio.WriteLine("");
        service.Pid = 0;
        service.State = ServiceState.Restarting;
        ReleaseEndpoint(service);
        service.QuickRestarts = Clock.Now() - service.StartedAt >= HealthyRunNanoseconds ? 0 : service.QuickRestarts + 1;
        if (service.QuickRestarts >= MaxQuickRestarts)
        {
            service.State = ServiceState.Failed;
            Report(service, "keeps failing; giving up");
            return;
        }
        service.Restarts++;
        if (service.QuickRestarts > 0)
            Syscall.Sleep(BackOffNanoseconds * (ulong)service.QuickRestarts);
        Stdio.Write("init: starting ");
        Write(service.Entry.Name);
        Stdio.Write(" again (restart ");
        Stdio.Write((long)service.Restarts);
        Stdio.WriteLine(")");
        Start(service, badge);
    }

    // Every capability clients got for this endpoint goes, so they notice at once and ask init again.
    private static void ReleaseEndpoint(Service service)
    {
        if (service.Endpoint >= 0)
        {
            Ipc.Revoke(service.Endpoint);
            Ipc.Delete(service.Endpoint);
        }
        service.Endpoint = service.ClientCapability = -1;
    }

    private static void Report(Service service, string problem)
    {
        Stdio.Write("init: ");
        Write(service.Entry.Name);
        Stdio.Write(' ');
        Stdio.WriteLine(problem);
    }

    private static void Write(byte[] text)
    {
        fixed (byte* bytes = text)
            Stdio.Write(bytes, text.Length);
    }

    private static void CopyTerminated(byte[] text, byte* destination)
    {
        for (int i = 0; i < text.Length; i++)
            destination[i] = text[i];
        destination[text.Length] = 0;
    }
}
