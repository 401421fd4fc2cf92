namespace Ocean.Utilities.Sleep;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>sleep SECONDS: waits that long.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const long NanosecondsPerSecond = 1_000_000_000;
    /// <summary>A day: a larger request is surely a typing mistake.</summary>
    private const long MaxSeconds = 86_400;

    private static int Main(string[] args)
    {
        if (args.Length != 1 || !Numbers.TryParse(args[0], out long seconds) || seconds < 0 || seconds > MaxSeconds)
            return Commands.Usage("sleep SECONDS (0 to 86400)");
        Syscall.Sleep((ulong)(seconds * NanosecondsPerSecond));
        return 0;
    }
}
