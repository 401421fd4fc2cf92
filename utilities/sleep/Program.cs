namespace Ocean.Utilities.Sleep;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>sleep SECONDS: waits that long.</summary>
public static unsafe class Program
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    /// <summary>A day: a larger request is surely a typing mistake.</summary>
    private const long MaxSeconds = 86_400;
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount != 2 || !Numbers.TryParse(Runtime.Argument(1), out long seconds) || seconds < 0 || seconds > MaxSeconds)
        {
            Stdio.WriteLine("usage: sleep SECONDS (0 to 86400)");
            return UsageError;
        }
        Syscall.Sleep((ulong)(seconds * NanosecondsPerSecond));
        return 0;
    }
}
