namespace Ocean.Servers.Init;

/// <summary>Which bootstrap hardware capability a driver gets a narrowed piece of.</summary>
public enum HardwareKind
{
    IoPorts,
    Interrupt,
}

/// <summary>A piece of hardware a service is given: ports [First, First + Count) or one IRQ line.</summary>
public struct HardwareGrant
{
    public HardwareKind Kind;
    public ulong First;
    public ulong Count;
}

/// <summary>One line of the service list: what to start and what to give it (the strings are ASCII, without NUL).</summary>
public sealed class ServiceEntry
{
    public const int MaxArguments = 8;
    public const int MaxHardware = 4;

    public byte[] Name;
    /// <summary>"Package@version", as the composition manifest named it.</summary>
    public byte[] Package;
    /// <summary>The program's path among the boot modules.</summary>
    public byte[] Program;
    public byte[][] Arguments = new byte[MaxArguments][];
    public int ArgumentCount;
    /// <summary>The console session ("console" in the list): started last, after every service, with no endpoint.</summary>
    public bool IsConsole;
    public HardwareGrant[] Hardware = new HardwareGrant[MaxHardware];
    public int HardwareCount;
}
