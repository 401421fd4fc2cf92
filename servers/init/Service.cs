namespace Ocean.Servers.Init;

using Ocean.Protocols;

/// <summary>A service init supervises: what it is (its list entry) and how it is doing.</summary>
public sealed class Service
{
    public Service(ServiceEntry entry, ulong badge)
    {
        Entry = entry;
        Badge = badge;
    }

    public ServiceEntry Entry { get; }
    public string Name => Entry.Name;
    /// <summary>The console session (the shell): it gets no endpoint and is started after the others.</summary>
    public bool IsConsole => Entry.IsConsole;
    /// <summary>Marks the service's messages to init (its place in the list + 1), so init knows who reports ready.</summary>
    public ulong Badge { get; }
    public ServiceState State { get; set; } = ServiceState.Restarting;
    /// <summary>The process running it; 0 while it does not run.</summary>
    public long Pid { get; set; }
    public int Restarts { get; set; }
    /// <summary>Ends in a row that came soon after a start; too many and init gives up.</summary>
    public int QuickRestarts { get; set; }
    public long StartedAt { get; set; }
    /// <summary>It reported <see cref="InitRequest.Ready"/> since it was last started.</summary>
    public bool Ready { get; set; }
    /// <summary>init's capability (all rights) on the service's current endpoint, or -1.</summary>
    public long Endpoint { get; set; } = -1;
    /// <summary>A send capability derived from <see cref="Endpoint"/>: clients get copies of it, so one revoke reaches them all.</summary>
    public long ClientCapability { get; set; } = -1;
}
