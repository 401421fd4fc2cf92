namespace Ocean.Protocols;

/// <summary>What init answers on its endpoint (<see cref="ServiceSlot.Init"/>); the request is the message label.</summary>
public enum InitRequest : uint
{
    /// <summary>Word 0: a service index. Reply: the service's status (<see cref="InitProtocol"/> word layout), ENOENT past the last.</summary>
    ServiceStatus = 1,
    /// <summary>
    /// Words 0–1: a service name. Reply: a send capability on the service's current endpoint, with a
    /// badge no other lookup got (the service's way to tell clients apart); ENOENT for no such service,
    /// EAGAIN while it is not running.
    /// </summary>
    Lookup = 2,
    /// <summary>No words. init powers the machine off; there is no reply.</summary>
    PowerOff = 3,
    /// <summary>
    /// No words. A service tells init it is ready to serve; init starts the console (the shell) once
    /// every service is ready (or has failed, or a start-up time limit has passed).
    /// </summary>
    Ready = 4,
}

/// <summary>A service as init's status reply describes it.</summary>
public enum ServiceState : ulong
{
    Running = 0,
    /// <summary>Ended; init starts it again after a back-off.</summary>
    Restarting = 1,
    /// <summary>Ended too often in a row; init gave up on it.</summary>
    Failed = 2,
}

/// <summary>
/// Message layouts of <see cref="InitRequest"/>. Every reply's label is 0 for success or a positive
/// errno (a protocol error), so a failed request and a failed call read the same way.
/// </summary>
public static class InitProtocol
{
    public const int NameWords = 2, NameBytes = NameWords * 8;
    public const int VersionWords = 3, VersionBytes = VersionWords * 8;

    // ServiceStatus reply words.
    public const int PidWord = 0, StateWord = 1, RestartsWord = 2, NameWord = 3, VersionWord = NameWord + NameWords;

    /// <summary>Lookup: words 0–1 hold the name.</summary>
    public const int LookupNameWord = 0;
}
