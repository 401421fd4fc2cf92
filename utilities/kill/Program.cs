namespace Ocean.Utilities.Kill;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// kill [-SIGNAL] PID...: sends each process the signal (SIGTERM when none is named, as Unix's kill;
/// a number 0..31 or a name such as INT, TERM, KILL, with or without SIG); reports the ones it could
/// not be sent to. A pid below -1 names a process group.
/// </summary>
public static class Program
{
    private static readonly (string Name, int Number)[] Names =
    {
        ("HUP", Signal.Hangup), ("INT", Signal.Interrupt), ("QUIT", Signal.Quit), ("ILL", Signal.IllegalInstruction),
        ("FPE", Signal.ArithmeticError), ("KILL", Signal.Kill), ("SEGV", Signal.SegmentationFault), ("TERM", Signal.Terminate),
        ("CHLD", Signal.Child), ("CONT", Signal.Continue), ("STOP", Signal.Stop), ("TSTP", Signal.TerminalStop),
        ("TTIN", Signal.TerminalInput), ("TTOU", Signal.TerminalOutput),
    };

    private const string UsageText = "kill [-SIGNAL] PID...";

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        int first = 0, signal = Signal.Terminate;
        // "-9" before a pid names a signal; alone, "-9" is a pid (process group 9).
        if (args.Length > 0 && args[0].Length > 1 && args[0][0] == '-' && (args.Length > 1 || !int.TryParse(args[0], out _)))
        {
            if (!TryParseSignal(args[0].Substring(1), out signal))
            {
                Stdio.WriteLine($"kill: {args[0].Substring(1)}: no such signal");
                return Commands.Usage(UsageText);
            }
            first = 1;
        }
        if (args.Length == first)
            return Commands.Usage(UsageText);
        int status = 0;
        for (int i = first; i < args.Length; i++)
        {
            string argument = args[i];
            long result = Numbers.TryParse(argument, out long pid) && (pid > 0 || pid < -1) ? ProcClient.Kill(pid, signal) : -Errno.EINVAL;
            if (result == 0)
                continue;
            Stdio.WriteLine($"kill: {argument}: " + (result == -Errno.ESRCH ? "no such process" : result == -Errno.EPERM ? "not permitted" : "not a process id"));
            status = 1;
        }
        return status;
    }

    private static bool TryParseSignal(string text, out int signal)
    {
        if (int.TryParse(text, out signal))
            return signal >= 0 && signal <= Signal.Max;
        string name = text.ToUpper();
        if (name.StartsWith("SIG"))
            name = name.Substring(3);
        foreach ((string Name, int Number) known in Names)
            if (known.Name == name)
            {
                signal = known.Number;
                return true;
            }
        return false;
    }
}
