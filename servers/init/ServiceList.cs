namespace Ocean.Servers.Init;

using System;
using System.Collections.Generic;

/// <summary>Why a service list could not be read (the line number comes with it).</summary>
public enum ServiceListError
{
    MissingField,
    BadOption,
    BadNumber,
    TooMany,
    DuplicateName,
}

/// <summary>A line of the service list init did not understand; the services before it are kept.</summary>
public sealed class ServiceListException : Exception
{
    public ServiceListException(int line, ServiceListError error, List<ServiceEntry> servicesBefore)
        : base($"services.conf line {line}: not understood")
    {
        Line = line;
        Error = error;
        ServicesBefore = servicesBefore;
    }

    public int Line { get; }
    public ServiceListError Error { get; }
    public List<ServiceEntry> ServicesBefore { get; }
}

/// <summary>
/// Reads the service list that packaging generates from the composition manifest (the boot module
/// services.conf). One service per line, started in this order:
/// <code>name Package@version /boot/ocean/program.elf [console] [ports=FIRST-LAST] [irq=N] [arg=WORD]...</code>
/// Blank lines and lines starting with '#' are ignored; numbers are decimal or 0x-prefixed hex.
/// </summary>
public static class ServiceList
{
    public const int MaxServices = 16;
    public const int MaxNameLength = 16;

    private static readonly char[] Blanks = { ' ', '\t', '\r' };

    /// <summary>The services in order; a line not understood throws <see cref="ServiceListException"/>.</summary>
    public static List<ServiceEntry> Parse(string text)
    {
        var services = new List<ServiceEntry>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
                continue;   // blank or comment
            ServiceListError? error = Check(fields, services);
            ServiceEntry entry = error == null ? new ServiceEntry(fields[0], fields[1], fields[2]) : null;
            for (int f = 3; error == null && f < fields.Length; f++)
                error = AddOption(entry, fields[f]);
            if (error != null)
                throw new ServiceListException(i + 1, error.Value, services);
            services.Add(entry);
        }
        return services;
    }

    // What is wrong with a line's first three fields, before any option is read.
    private static ServiceListError? Check(string[] fields, List<ServiceEntry> services)
    {
        if (services.Count == MaxServices)
            return ServiceListError.TooMany;
        if (fields[0].Length > MaxNameLength)
            return ServiceListError.BadOption;
        if (services.Exists(service => service.Name == fields[0]))
            return ServiceListError.DuplicateName;
        return fields.Length < 3 ? ServiceListError.MissingField : null;
    }

    private static ServiceListError? AddOption(ServiceEntry entry, string option)
    {
        if (option == "console")
        {
            entry.IsConsole = true;
            return null;
        }
        if (option.StartsWith("arg="))
        {
            if (entry.Arguments.Count == ServiceEntry.MaxArguments)
                return ServiceListError.TooMany;
            entry.Arguments.Add(option.Substring(4));
            return null;
        }
        bool ports = option.StartsWith("ports="), irq = option.StartsWith("irq=");
        if (!ports && !irq)
            return ServiceListError.BadOption;
        if (entry.Hardware.Count == ServiceEntry.MaxHardware)
            return ServiceListError.TooMany;
        string value = option.Substring(ports ? 6 : 4);
        if (irq)
        {
            if (!TryParseNumber(value, out ulong line))
                return ServiceListError.BadNumber;
            entry.Hardware.Add(new HardwareGrant(HardwareKind.Interrupt, line, 1));
            return null;
        }
        int dash = value.IndexOf('-');
        if (dash < 0 || !TryParseNumber(value.Substring(0, dash), out ulong first) ||
            !TryParseNumber(value.Substring(dash + 1), out ulong last) || last < first)
            return ServiceListError.BadNumber;
        entry.Hardware.Add(new HardwareGrant(HardwareKind.IoPorts, first, last - first + 1));
        return null;
    }

    /// <summary>Decimal or 0x hex, the whole text, no more than 32 bits (ports and IRQ lines are small).</summary>
    public static bool TryParseNumber(string text, out ulong value)
    {
        value = 0;
        bool hex = text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        if (text.Length == (hex ? 2 : 0))
            return false;
        for (int i = hex ? 2 : 0; i < text.Length; i++)
        {
            int digit = Digit(text[i], hex);
            if (digit < 0)
                return false;
            value = value * (hex ? 16UL : 10UL) + (ulong)digit;
            if (value > uint.MaxValue)
                return false;
        }
        return true;
    }

    private static int Digit(char c, bool hex) =>
        c >= '0' && c <= '9' ? c - '0'
        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
        : -1;
}
