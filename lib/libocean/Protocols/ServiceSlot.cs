namespace Ocean.Protocols;

using Ocean;

/// <summary>
/// Where a program started by init finds its capabilities: init clears every other slot before exec,
/// so a program holds exactly these (and what it creates or is sent later).
/// </summary>
public static class ServiceSlot
{
    /// <summary>Send right on init's endpoint: service lookup, status and power-off (<see cref="InitProtocol"/>).</summary>
    public const int Init = 0;
    /// <summary>A service's own endpoint, with the receive right: its clients' requests arrive here.</summary>
    public const int Endpoint = 1;
    /// <summary>A driver's hardware capabilities, in the order its manifest entry lists them.</summary>
    public const int FirstHardware = 2;
    /// <summary>Send right on the process server's endpoint (<see cref="ProcProtocol"/>), put in init by the kernel and kept by everything init starts.</summary>
    public const int Proc = Ocean.Abi.SystemServerSlot.ProcClient;
    /// <summary>Send right on the memory server's endpoint (<see cref="MemProtocol"/>), put there the same way.</summary>
    public const int Mem = Ocean.Abi.SystemServerSlot.MemClient;
    /// <summary>Where a client keeps its connection to the VFS (<see cref="VfsClient"/>), looked up from init.</summary>
    public const int Vfs = 8;
    /// <summary>Where a client keeps its connection to the block server (<see cref="BlkClient"/>), looked up from init.</summary>
    public const int Blk = 9;
    /// <summary>Where a client keeps its connection to the terminal service (<see cref="TtyClient"/>), looked up from init.</summary>
    public const int Tty = 10;
    /// <summary>The first slot a program may use freely.</summary>
    public const int FirstFree = 11;
}
