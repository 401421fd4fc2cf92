namespace Ocean.Servers.Init;

/// <summary>Why a service list could not be read (the line number comes with it).</summary>
public enum ServiceListError
{
    None,
    MissingField,
    BadOption,
    BadNumber,
    TooMany,
    DuplicateName,
}

/// <summary>
/// Reads the service list that packaging generates from the composition manifest (the boot module
/// services.conf). One service per line, started in this order:
/// <code>name Package@version /boot/ocean/program.elf [console] [ports=FIRST-LAST] [irq=N] [arg=WORD]...</code>
/// Blank lines and lines starting with '#' are ignored; numbers are decimal or 0x-prefixed hex.
/// </summary>
public static unsafe class ServiceList
{
    public const int MaxServices = 16;
    public const int MaxNameBytes = 16;

    public static ServiceEntry[] Parse(byte* text, int length, out int count, out ServiceListError error, out int errorLine)
    {
        var services = new ServiceEntry[MaxServices];
        count = 0;
        error = ServiceListError.None;
        errorLine = 0;
        int line = 0;
        for (int start = 0; start < length;)
        {
            int end = start;
            while (end < length && text[end] != (byte)'\n')
                end++;
            line++;
            error = ParseLine(text + start, end - start, services, ref count);
            if (error != ServiceListError.None)
            {
                errorLine = line;
                return services;
            }
            start = end + 1;
        }
        return services;
    }

    private static ServiceListError ParseLine(byte* text, int length, ServiceEntry[] services, ref int count)
    {
        int position = 0;
        int fieldStart, fieldLength;
        if (!NextField(text, length, ref position, out fieldStart, out fieldLength) || text[fieldStart] == (byte)'#')
            return ServiceListError.None;   // blank or comment
        if (count == MaxServices)
            return ServiceListError.TooMany;
        if (fieldLength > MaxNameBytes)
            return ServiceListError.BadOption;
        var entry = new ServiceEntry { Name = Copy(text + fieldStart, fieldLength) };
        for (int i = 0; i < count; i++)
            if (Same(services[i].Name, entry.Name))
                return ServiceListError.DuplicateName;
        if (!NextField(text, length, ref position, out fieldStart, out fieldLength))
            return ServiceListError.MissingField;
        entry.Package = Copy(text + fieldStart, fieldLength);
        if (!NextField(text, length, ref position, out fieldStart, out fieldLength))
            return ServiceListError.MissingField;
        entry.Program = Copy(text + fieldStart, fieldLength);
        while (NextField(text, length, ref position, out fieldStart, out fieldLength))
        {
            ServiceListError error = ParseOption(text + fieldStart, fieldLength, entry);
            if (error != ServiceListError.None)
                return error;
        }
        services[count++] = entry;
        return ServiceListError.None;
    }

    private static ServiceListError ParseOption(byte* option, int length, ServiceEntry entry)
    {
        if (length == 7 && StartsWith(option, length, "console"))
        {
            entry.IsConsole = true;
            return ServiceListError.None;
        }
        if (StartsWith(option, length, "arg="))
        {
            if (entry.ArgumentCount == ServiceEntry.MaxArguments)
                return ServiceListError.TooMany;
            entry.Arguments[entry.ArgumentCount++] = Copy(option + 4, length - 4);
            return ServiceListError.None;
        }
        bool ports = StartsWith(option, length, "ports=");
        bool irq = StartsWith(option, length, "irq=");
        if (!ports && !irq)
            return ServiceListError.BadOption;
        if (entry.HardwareCount == ServiceEntry.MaxHardware)
            return ServiceListError.TooMany;
        int valueStart = ports ? 6 : 4;
        ref HardwareGrant grant = ref entry.Hardware[entry.HardwareCount];
        if (irq)
        {
            if (!TryParseNumber(option + valueStart, length - valueStart, out ulong line))
                return ServiceListError.BadNumber;
            grant = new HardwareGrant { Kind = HardwareKind.Interrupt, First = line, Count = 1 };
        }
        else
        {
            int dash = valueStart;
            while (dash < length && option[dash] != (byte)'-')
                dash++;
            if (dash == length || !TryParseNumber(option + valueStart, dash - valueStart, out ulong first) ||
                !TryParseNumber(option + dash + 1, length - dash - 1, out ulong last) || last < first)
                return ServiceListError.BadNumber;
            grant = new HardwareGrant { Kind = HardwareKind.IoPorts, First = first, Count = last - first + 1 };
        }
        entry.HardwareCount++;
        return ServiceListError.None;
    }

    /// <summary>Decimal or 0x hex, the whole field, no overflow past 32 bits (ports and IRQ lines are small).</summary>
    public static bool TryParseNumber(byte* text, int length, out ulong value)
    {
        value = 0;
        bool hex = length > 2 && text[0] == (byte)'0' && (text[1] == (byte)'x' || text[1] == (byte)'X');
        int i = hex ? 2 : 0;
        if (i >= length)
            return false;
        for (; i < length; i++)
        {
            byte c = text[i];
            uint digit;
            if (c >= '0' && c <= '9')
                digit = (uint)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                digit = (uint)(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                digit = (uint)(c - 'A' + 10);
            else
                return false;
            value = value * (hex ? 16UL : 10UL) + digit;
            if (value > uint.MaxValue)
                return false;
        }
        return true;
    }

    private static bool NextField(byte* text, int length, ref int position, out int start, out int fieldLength)
    {
        while (position < length && IsBlank(text[position]))
            position++;
        start = position;
        while (position < length && !IsBlank(text[position]))
            position++;
        fieldLength = position - start;
        return fieldLength > 0;
    }

    private static bool IsBlank(byte c) => c == (byte)' ' || c == (byte)'\t' || c == (byte)'\r';

    private static bool StartsWith(byte* text, int length, string prefix)
    {
        if (length < prefix.Length)
            return false;
        for (int i = 0; i < prefix.Length; i++)
            if (text[i] != prefix[i])
                return false;
        return true;
    }

    private static byte[] Copy(byte* text, int length)
    {
        var copy = new byte[length];
        for (int i = 0; i < length; i++)
            copy[i] = text[i];
        return copy;
    }

    private static bool Same(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i])
                return false;
        return true;
    }
}
