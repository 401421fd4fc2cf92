namespace Ocean.Utilities.Dd;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// dd if=FILE [of=FILE] [bs=BYTES]: copies in blocks (to nowhere without of=, which measures reading)
/// and reports, as Unix dd does, how much went how fast: "N bytes (M MiB) copied, T ms, R MB/s".
/// </summary>
public static class Program
{
    private const long DefaultBlockBytes = 64 * 1024;
    private const long MaxBlockBytes = 1024 * 1024;
    private const long NanosecondsPerMillisecond = 1_000_000;
    private const int LineBytes = 160;
    private const string Synopsis = "dd if=FILE [of=FILE] [bs=BYTES (up to 1048576)]";

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        string input = null, output = null;
        long blockBytes = DefaultBlockBytes;
        for (int i = 0; i < args.Length; i++)
        {
            string argument = args[i];
            if (argument.StartsWith("if="))
                input = argument.Substring(3);
            else if (argument.StartsWith("of="))
                output = argument.Substring(3);
            else if (!argument.StartsWith("bs=") || !Numbers.TryParse(argument.Substring(3), out blockBytes) || blockBytes <= 0 || blockBytes > MaxBlockBytes)
                return Commands.Usage(Synopsis);
        }
        if (input == null)
            return Commands.Usage(Synopsis);
        File source = File.Open(input, VfsOpenFlags.Read);
        if (source.Error.Failed)
            return Commands.Check("dd", input, source.Error);
        File target = default;
        if (output != null)
        {
            target = File.Open(output, VfsOpenFlags.Write | VfsOpenFlags.Create | VfsOpenFlags.Truncate);
            if (target.Error.Failed)
                return Commands.Check("dd", output, target.Error);
        }
        var block = new byte[(int)blockBytes];
        long started = Clock.Now();
        ulong copied = 0;
        int count;
        while ((count = source.Read(block, block.Length)) > 0)
        {
            if (output != null && target.Write(block, count) != count)
                return Commands.Check("dd", output, target.Error);
            copied += (ulong)count;
        }
        long elapsed = Clock.Now() - started;
        if (source.Error.Failed)
            return Commands.Check("dd", input, source.Error);
        Report(copied, elapsed);
        return 0;
    }

    private static void Report(ulong bytes, long nanoseconds)
    {
        long milliseconds = nanoseconds / NanosecondsPerMillisecond;
        // Tenths of MB/s (10^6 bytes) without floating point: bytes × 10 000 / µs.
        ulong microseconds = (ulong)(nanoseconds / 1000);
        ulong tenths = microseconds == 0 ? 0 : bytes * 10 / microseconds;
        new TextLine(LineBytes).AppendUnsigned(bytes).Append(" bytes (").AppendUnsigned(bytes >> 20).Append(" MiB) copied, ").Append(milliseconds)
            .Append(" ms, ").AppendUnsigned(tenths / 10).Append('.').AppendUnsigned(tenths % 10).Append(" MB/s").AppendLine().Write();
    }
}
