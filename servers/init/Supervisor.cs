namespace Ocean.Servers.Init;

using System;
using System.Collections.Generic;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Starts services and keeps them running. Each start gets a fresh endpoint; when a service ends,
/// init revokes every capability derived from the old one (clients fail fast and look the service up
/// again) and starts it anew after a back-off, giving up after too many quick restarts in a row.
/// </summary>
public static class Supervisor
{
    public const int MaxQuickRestarts = 5;
    /// <summary>A service that ran this long before ending counts as healthy again (nanoseconds: 2 s).</summary>
    private const long HealthyRunNanoseconds = 2_000_000_000;
    private const ulong BackOffNanoseconds = 100_000_000;
    /// <summary>Scratch slots for arranging a child's capabilities before exec (above any it keeps).</summary>
    private const int ArrangeSlot = 48;
    /// <summary>How many of a service's first slots are arranged for it: up to <see cref="ServiceSlot.Mem"/>.</summary>
    private const int KeptSlots = ServiceSlot.Mem + 1;
    private const int ExecFailed = 127;
    private const long NoCapability = -1;

    /// <summary>init's own endpoint (all rights): children get a send capability on it.</summary>
    public static long InitEndpoint { get; set; }

    /// <summary>Starts <paramref name="service"/>; false if it could not even be forked.</summary>
    public static bool Start(Service service)
    {
        if (!service.IsConsole)
        {
            service.Endpoint = Ipc.CreateEndpoint();
            service.ClientCapability = service.Endpoint < 0 ? NoCapability : Ipc.Mint(service.Endpoint, CapabilityRights.Send | CapabilityRights.Grant, 0);
            if (service.ClientCapability < 0)
            {
                Report(service, "cannot create its endpoint");
                ReleaseEndpoint(service);
                return false;
            }
        }
        long[] keep = CapabilitiesFor(service, out int hardwareEnd);
        long child = Runtime.Fork();
        if (child == 0)
            BecomeService(service, keep);
        // init keeps only its own capabilities; the child has its copies.
        Ipc.Delete(keep[ServiceSlot.Init]);
        for (int slot = ServiceSlot.FirstHardware; slot < hardwareEnd; slot++)
            if (keep[slot] >= 0)
                Ipc.Delete(keep[slot]);
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

    // What the child keeps, by the slot it has in init now; index = the slot it gets (ServiceSlot).
    // The process and memory servers' capabilities stay where the kernel put them, in init and in the child.
    private static long[] CapabilitiesFor(Service service, out int hardwareEnd)
    {
        var keep = new long[KeptSlots];
        for (int i = 0; i < keep.Length; i++)
            keep[i] = NoCapability;
        keep[ServiceSlot.Init] = Ipc.Mint(InitEndpoint, CapabilityRights.Send | CapabilityRights.Grant, service.Badge);
        keep[ServiceSlot.Endpoint] = service.IsConsole ? NoCapability : service.Endpoint;
        keep[ServiceSlot.Proc] = ServiceSlot.Proc;
        keep[ServiceSlot.Mem] = ServiceSlot.Mem;
        hardwareEnd = ServiceSlot.FirstHardware;
        foreach (HardwareGrant grant in service.Entry.Hardware)
        {
            int source = grant.Kind == HardwareKind.IoPorts ? BootstrapSlot.IoPorts : BootstrapSlot.Interrupts;
            keep[hardwareEnd++] = Devices.Narrow(source, grant.First, grant.Count);
        }
        return keep;
    }

    // In the forked child: only the capabilities it is given, at the slots ServiceSlot names; then exec.
    private static void BecomeService(Service service, long[] keep)
    {
        for (long slot = 0; slot < ArrangeSlot; slot++)
            if (Array.IndexOf(keep, slot) < 0)
                Ipc.Delete(slot);
        for (int i = 0; i < keep.Length; i++)
            if (keep[i] >= 0)
                Ipc.Move(keep[i], ArrangeSlot + i);
        for (int i = 0; i < keep.Length; i++)
            if (keep[i] >= 0)
                Ipc.Move(ArrangeSlot + i, i);
        Error error = Runtime.ExecBootModule(service.Entry.Program, service.Entry.Arguments);
        Report(service, "cannot be executed");
        Runtime.Exit(error.Code == Errno.ENOENT ? ExecFailed : (int)error.Code);
    }

    /// <summary>A child ended: if it ran a service, report it and start the service again (or give up).</summary>
    public static void ChildEnded(List<Service> services, long pid, int status)
    {
        Service service = services.Find(candidate => candidate.Pid == pid);
        if (service == null)
            return;   // an orphan init adopted: reaped, nothing to restart
        bool exited = WaitStatus.IfExited(status);
        if (service.IsConsole)
            Console.WriteLine($"init: {service.Name} exited with status {(exited ? WaitStatus.ExitCode(status) : 128 + WaitStatus.TermSignal(status))}");
        else if (exited)
            Console.WriteLine($"init: {service.Name} (pid {pid}) exited with status {WaitStatus.ExitCode(status)}");
        else
            Console.WriteLine($"init: {service.Name} (pid {pid}) killed by signal {WaitStatus.TermSignal(status)}");
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
        Console.WriteLine($"init: starting {service.Name} again (restart {service.Restarts})");
        Start(service);
    }

    // Every capability clients got for this endpoint goes, so they notice at once and ask init again.
    private static void ReleaseEndpoint(Service service)
    {
        if (service.Endpoint >= 0)
        {
            Ipc.Revoke(service.Endpoint);
            Ipc.Delete(service.Endpoint);
        }
        service.Endpoint = service.ClientCapability = NoCapability;
    }

    private static void Report(Service service, string problem) => Console.WriteLine($"init: {service.Name} {problem}");
}
