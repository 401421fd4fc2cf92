namespace Ocean.Utilities.Free;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// free [-m]: the machine's memory as Linux's free shows it, in KiB (MiB with -m): all of it, what is
/// in use, what is free, and of what is in use the programs' pages, the kernel's own share, and the
/// memory server's shared objects (part of the programs').
/// </summary>
public static class Program
{
    private const int LineBytes = 96;
    private const int LabelWidth = -4, NumberWidth = 11;
    private const int KiBShift = 10, MiBShift = 20;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length > 1 || args.Length == 1 && args[0] != "-m")
            return Commands.Usage("free [-m]");
        int shift = args.Length == 1 ? MiBShift : KiBShift;
        MemoryStatus memory = SystemMemory.Status();
        if (memory.Error.Failed)
            return Commands.Check("free", null, memory.Error);
        var line = new TextLine(LineBytes);
        line.AppendPadded("", LabelWidth).AppendPadded("total", NumberWidth).AppendPadded("used", NumberWidth)
            .AppendPadded("free", NumberWidth).AppendPadded("user", NumberWidth).AppendPadded("kernel", NumberWidth)
            .AppendPadded("shared", NumberWidth).AppendLine().Write();
        line.Clear().AppendPadded("Mem:", LabelWidth).AppendUnsigned(memory.Total >> shift, NumberWidth).AppendUnsigned(memory.Used >> shift, NumberWidth)
            .AppendUnsigned(memory.Free >> shift, NumberWidth).AppendUnsigned(memory.User >> shift, NumberWidth)
            .AppendUnsigned(memory.Kernel >> shift, NumberWidth).AppendUnsigned(memory.Shared >> shift, NumberWidth).AppendLine().Write();
        return 0;
    }
}
