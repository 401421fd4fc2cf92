namespace Ocean.Servers.Init;

using Ocean.Protocols;

/// <summary>A service init supervises: what it is (its list entry) and how it is doing.</summary>
public sealed class Service
{
    public ServiceEntry Entry;
    /// <summary>The console session (the shell): it gets no endpoint and is started after the others.</summary>
    public bool IsConsole;
    public ServiceState State = ServiceState.Restarting;
    /// <summary>The process running it; 0 while it does not run.</summary>
    public long Pid;
    public int Restarts;
    /// <summary>Ends in a row that came soon after a start; too many and init gives up.</summary>
    public int QuickRestarts;
    public long StartedAt;
    /// <summary>It reported <see cref="InitRequest.Ready"/> since it was last started.</summary>
    public bool Ready;
    /// <summary>init's capability (all rights) on the service's current endpoint, or -1.</summary>
    public long Endpoint = -1;
    /// <summary>A send capability derived from <see cref="Endpoint"/>: clients get copies of it, so one revoke reaches them all.</summary>
    public long ClientCapability = -1;
}
