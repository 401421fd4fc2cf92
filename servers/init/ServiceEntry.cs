namespace Ocean.Servers.Init;

using System.Collections.Generic;

/// <summary>Which bootstrap hardware capability a driver gets a narrowed piece of.</summary>
public enum HardwareKind
{
    IoPorts,
    Interrupt,
}

/// <summary>A piece of hardware a service is given: ports [First, First + Count) or one IRQ line.</summary>
public readonly record struct HardwareGrant(HardwareKind Kind, ulong First, ulong Count);

/// <summary>One line of the service list: what to start and what to give it.</summary>
public sealed class ServiceEntry
{
    public const int MaxArguments = 8;
    public const int MaxHardware = 4;

    public ServiceEntry(string name, string package, string program)
    {
        Name = name;
        Package = package;
        Program = program;
    }

    public string Name { get; }
    /// <summary>"Package@version", as the composition manifest named it.</summary>
    public string Package { get; }
    /// <summary>The program's path among the boot modules.</summary>
    public string Program { get; }
    public List<string> Arguments { get; } = new();
    /// <summary>The console session ("console" in the list): started last, after every service, with no endpoint.</summary>
    public bool IsConsole { get; set; }
    public List<HardwareGrant> Hardware { get; } = new();

    /// <summary>The version the package was composed at (what follows '@'), or "" if it names none.</summary>
    public string Version
    {
        get
        {
            int at = Package.IndexOf('@');
            return at < 0 ? "" : Package.Substring(at + 1);
        }
    }
}
