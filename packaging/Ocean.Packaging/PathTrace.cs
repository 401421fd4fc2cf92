namespace Ocean.Packaging;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

/// <summary>A hot path the benchmark program runs in a loop, to be traced one pass at a time.</summary>
public enum TracedPath
{
    /// <summary>getpid: a null system call.</summary>
    Syscall,
    /// <summary>A call+reply round trip between two address spaces.</summary>
    Ipc,
    /// <summary>A notification wake-up: a signal, the signaller's wait, the switch, the woken thread's return.</summary>
    Wake,
    /// <summary>
    /// fork+exec+wait of `true`: the fork, the child's exec, its whole life and exit, the parent's wait.
    /// User mode counts as one entry (the benchmark and `true` share addresses, so names would lie).
    /// </summary>
    Spawn,
    /// <summary>mmap of one page, a write to it and munmap: two calls to the memory server and its space_change calls.</summary>
    Mmap,
}

/// <summary>One function's share of a traced pass.</summary>
public sealed record TracedFunction(string Name, int Instructions);

/// <summary>What one pass executed: instructions in all and in the kernel, and by function (most first).</summary>
public sealed record PathTraceResult(int Instructions, int KernelInstructions, IReadOnlyList<TracedFunction> Functions);

/// <summary>
/// Where the instructions of a hot path go: boots the benchmark program under QEMU's GDB stub, lets
/// the loop warm up, then single-steps one pass and counts instructions by function
/// (build/gdb/trace_path.py). The figures match Bench's under -icount, one instruction each.
/// </summary>
public static partial class PathTrace
{
    public const string Script = "build/gdb/trace_path.py";

    // The libocean stubs every system call and IPC operation goes through, and the bench functions before the loops.
    private const string SyscallStub = "OceanSyscall", NoArgumentStub = "OceanSyscall0", IpcStub = "OceanIpc";

    // A fork is a call to the process server: its message (RDX) starts with the tag
    // MessageTag.Make(ProcRequest.Fork, 0), which is the label 1 alone.
    private const int ForkRequestTag = 1;
    // An mmap is a call to the memory server with MessageTag.Make(MemRequest.Map, two words).
    private const ulong MapRequestTag = 2 | (16UL << 32);
    private const string BenchStart = "OceanMain", CallsLoop = "Ocean_Tests_Bench_Ocean_Tests_Bench_Program__MeasureCalls",
        WakeUpsLoop = "Ocean_Tests_Bench_Ocean_Tests_Bench_Program__MeasureWakeUps",
        SpawnsLoop = "Ocean_Tests_Bench_Ocean_Tests_Bench_Program__MeasureForkExecWait",
        MapsLoop = "Ocean_Tests_Bench_Ocean_Tests_Bench_Program__MeasureAnonymousPages";

    // Passes let run before the traced one, and the most instructions one pass may take.
    private const int WarmPasses = 50, WarmSpawns = 3, PathLimit = 20_000, SpawnLimit = 1_000_000;

    /// <summary>How long a trace of <paramref name="path"/> may take (single-stepping runs some thousands of instructions a second).</summary>
    public static TimeSpan TimeLimit(TracedPath path) => path == TracedPath.Spawn ? TimeSpan.FromMinutes(45) : TimeSpan.FromMinutes(5);

    /// <summary>
    /// Traces one pass of <paramref name="path"/> in <paramref name="benchImage"/> (an image whose init is
    /// the benchmark program); the guest's serial output goes to <paramref name="serialLog"/>.
    /// </summary>
    public static PathTraceResult Run(string repositoryRoot, ComposedImage benchImage, string isoPath, TracedPath path, string serialLog,
        TimeSpan timeout)
    {
        string boot = Path.Combine(benchImage.Directory, "boot", "ocean");
        // The stubs take the call's number first (RDI): the pass's own entries, not the partner's.
        (string from, string loop, string when) = path switch
        {
            TracedPath.Syscall => (BenchStart, NoArgumentStub, $"$rdi == {(int)Ocean.Abi.SyscallNumber.GetPid}"),
            TracedPath.Wake => (WakeUpsLoop, SyscallStub, $"$rdi == {(int)Ocean.Abi.SyscallNumber.Signal}"),
            TracedPath.Spawn => (SpawnsLoop, IpcStub, $"$rdi == {(int)Ocean.Abi.SyscallNumber.Call} && *(unsigned long*)$rdx == {ForkRequestTag}"),
            TracedPath.Mmap => (MapsLoop, IpcStub, $"$rdi == {(int)Ocean.Abi.SyscallNumber.Call} && *(unsigned long*)$rdx == {MapRequestTag}"),
            _ => (CallsLoop, IpcStub, $"$rdi == {(int)Ocean.Abi.SyscallNumber.Call}"),
        };
        bool spawn = path == TracedPath.Spawn;
        int port = FreePort();
        var qemuStart = new ProcessStartInfo(Qemu.Executable) { WorkingDirectory = benchImage.Directory, RedirectStandardError = true };
        foreach (string a in Qemu.Arguments(BootPath.Direct, benchImage, isoPath, Qemu.DefaultMemoryMiB, 1))
            qemuStart.ArgumentList.Add(a);
        foreach (string a in new[] { "-display", "none", "-serial", $"file:{serialLog}", "-monitor", "none", "-gdb", $"tcp:127.0.0.1:{port}", "-S" })
            qemuStart.ArgumentList.Add(a);
        using Process qemu = Process.Start(qemuStart) ?? throw new InvalidOperationException("QEMU did not start");
        try
        {
            var gdbStart = new ProcessStartInfo("gdb") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "-nx", "-batch", "-x", Path.Combine(repositoryRoot, Script) })
                gdbStart.ArgumentList.Add(a);
            gdbStart.Environment["OCEAN_TRACE_PORT"] = port.ToString();
            gdbStart.Environment["OCEAN_TRACE_ELFS"] = $"{boot}/kernel.elf:{boot}/bench.elf";
            gdbStart.Environment["OCEAN_TRACE_FROM"] = from;
            gdbStart.Environment["OCEAN_TRACE_LOOP"] = loop;
            gdbStart.Environment["OCEAN_TRACE_WHEN"] = when;
            gdbStart.Environment["OCEAN_TRACE_SKIP"] = (spawn ? WarmSpawns : WarmPasses).ToString();
            gdbStart.Environment["OCEAN_TRACE_LIMIT"] = (spawn ? SpawnLimit : PathLimit).ToString();
            if (spawn)
                gdbStart.Environment["OCEAN_TRACE_USER"] = "one";
            using Process gdb = Process.Start(gdbStart) ?? throw new InvalidOperationException("gdb did not start");
            Task<string> output = gdb.StandardOutput.ReadToEndAsync();
            Task<string> errors = gdb.StandardError.ReadToEndAsync();
            if (!gdb.WaitForExit(timeout))
            {
                gdb.Kill();
                throw new TimeoutException($"gdb did not finish the trace within {timeout}");
            }
            return Parse(output.Result, errors.Result);
        }
        finally
        {
            if (!qemu.HasExited)
                qemu.Kill();
        }
    }

    /// <summary>Reads the script's "trace:" lines.</summary>
    public static PathTraceResult Parse(string output, string errors = "")
    {
        Match total = Total().Match(output);
        if (!total.Success)
            throw new InvalidOperationException($"gdb printed no trace:\n{output}\n{errors}");
        var functions = Function().Matches(output).Select(m => new TracedFunction(m.Groups["name"].Value, int.Parse(m.Groups["count"].Value))).ToList();
        return new PathTraceResult(int.Parse(total.Groups["all"].Value), int.Parse(total.Groups["kernel"].Value), functions);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"^trace: (?<all>\d+) instructions in one pass \((?<kernel>\d+) in the kernel", RegexOptions.Multiline)]
    private static partial Regex Total();

    [GeneratedRegex(@"^trace: +(?<count>\d+)  (?<name>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Function();
}
