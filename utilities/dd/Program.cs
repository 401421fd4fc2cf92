namespace Ocean.Utilities.Dd;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// dd if=FILE [of=FILE] [bs=BYTES]: copies in blocks (to nowhere without of=, which measures reading)
/// and reports, as Unix dd does, how much went how fast: "N bytes (M MiB) copied, T ms, R MB/s".
/// </summary>
public static unsafe class Program
{
    private const int UsageError = 2;
    private const long DefaultBlockBytes = 64 * 1024;
    private const long MaxBlockBytes = 1024 * 1024;
    private const long NanosecondsPerMillisecond = 1_000_000;
    private const int LineBytes = 160;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* input = null, output = null;
        long blockBytes = DefaultBlockBytes;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            byte* argument = Runtime.Argument(i);
            if (Prefix(argument, "if="))
                input = argument + 3;
            else if (Prefix(argument, "of="))
                output = argument + 3;
            else if (!Prefix(argument, "bs=") || !Numbers.TryParse(argument + 3, out blockBytes) || blockBytes <= 0 || blockBytes > MaxBlockBytes)
                return Usage();
        }
        if (input == null)
            return Usage();
        long result = Files.Open(input, VfsOpenFlags.Read, out long source);
        if (result < 0)
        {
            Errors.Report("dd", input, result);
            return 1;
        }
        long target = -1;
        if (output != null && (result = Files.Open(output, VfsOpenFlags.Write | VfsOpenFlags.Create | VfsOpenFlags.Truncate, out target)) < 0)
        {
            Errors.Report("dd", output, result);
            return 1;
        }
        byte* block = (byte*)Heap.Allocate((nuint)blockBytes);
        long started = Clock.Now();
        ulong copied = 0;
        long count;
        while ((count = Files.Read(source, block, (ulong)blockBytes)) > 0)
        {
            if (target >= 0 && Files.Write(target, block, (ulong)count) != count)
            {
                Errors.Report("dd", output, -Errno.ENOSPC);
                return 1;
            }
            copied += (ulong)count;
        }
        long elapsed = Clock.Now() - started;
        if (count < 0)
        {
            Errors.Report("dd", input, count);
            return 1;
        }
        Report(copied, elapsed);
        return 0;
    }

    private static void Report(ulong bytes, long nanoseconds)
    {
        long milliseconds = nanoseconds / NanosecondsPerMillisecond;
        // Tenths of MB/s (10^6 bytes) without floating point: bytes × 10 000 / µs.
        ulong microseconds = (ulong)(nanoseconds / 1000);
        ulong tenths = microseconds == 0 ? 0 : bytes * 10 / microseconds;
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        text.AppendUnsigned(bytes).Append(" bytes (").AppendUnsigned(bytes >> 20).Append(" MiB) copied, ").Append(milliseconds)
            .Append(" ms, ").AppendUnsigned(tenths / 10).Append('.').AppendUnsigned(tenths % 10).Append(" MB/s").AppendLine();
        Stdio.Write(text);
    }

    private static bool Prefix(byte* text, string prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
            if (text[i] != prefix[i])
                return false;
        return true;
    }

    private static int Usage()
    {
        Stdio.WriteLine("usage: dd if=FILE [of=FILE] [bs=BYTES (up to 1048576)]");
        return UsageError;
    }
}
