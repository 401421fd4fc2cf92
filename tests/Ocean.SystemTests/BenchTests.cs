namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// The benchmark program keeps working: booted as init under instruction-counted time, it prints
/// every figure (median, min, max instruction counts). The figures themselves are not judged here:
/// `./build.sh --target=Bench` reports them.
/// </summary>
public class BenchTests
{
    [Fact]
    public void BenchmarkPrintsEveryFigure()
    {
        ComposedImage image = OceanEnvironment.TestImage();
        image = image with { Kernel = image.Kernel with { Cmdline = "init=bench" } };
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, 256, 1).Concat(Qemu.InstructionCountedTime),
            image.Directory, "bench: done", TimeSpan.FromSeconds(240));
        Boot.Require(run, run.MatchedExpectation, "the benchmark did not finish");
        foreach (string figure in new[]
        {
            "null syscall \\(getpid\\)",
            "IPC call\\+reply between address spaces, 0 bytes",
            "IPC call\\+reply between address spaces, 64 bytes",
            "IPC call\\+reply between two threads of one address space, 0 bytes",
            "IPC call\\+reply between two threads of one address space, 64 bytes",
            "IPC call\\+reply lending a 4 KiB grant",
            "IPC call\\+reply lending a 64 KiB grant",
            "notification ping-pong between two threads, per wake-up \\(a context switch\\)",
            "page fault breaking copy-on-write \\(write to a shared page\\)",
            "mmap of one anonymous page \\+ first touch \\+ munmap",
            "fork\\+exec\\+wait of a small program \\(true\\)",
            "allocation of a small object \\(new, 24 bytes\\)",
            "interface call ilc cannot make direct \\(four implementations\\)",
            "full collection of a 16 MiB live heap \\(16,384 arrays; 1 instruction = 1 ns under -icount\\)",
        })
        {
            Match m = Boot.RequireMatch(run, $@"^bench: {figure}: median (\d+), min (\d+), max (\d+)(, goal \d+)?$");
            long median = long.Parse(m.Groups[1].Value), min = long.Parse(m.Groups[2].Value), max = long.Parse(m.Groups[3].Value);
            Boot.Require(run, min > 0 && min <= median && median <= max, $"implausible figures for {figure}");
        }
        // Issue 14's goals stand beside the figures they bound.
        Boot.RequireMatch(run, @"^bench: null syscall \(getpid\): .*, goal 100$");
        Boot.RequireMatch(run, @"^bench: IPC call\+reply between address spaces, 0 bytes: .*, goal 400$");
        Boot.RequireMatch(run, @"^bench: notification ping-pong .*, goal 500$");
        // Issue 28's: fork+exec+wait with the process server in the path, and mmap's bound.
        Boot.RequireMatch(run, @"^bench: fork\+exec\+wait of a small program \(true\): .*, goal 150000$");
        Boot.RequireMatch(run, @"^bench: mmap of one anonymous page \+ first touch \+ munmap: .*, goal 6624$");
        Boot.RequireMatch(run, @"^bench: page fault breaking copy-on-write .*, goal 2500$");
        // Issue 19's: the allocation fast path.
        Boot.RequireMatch(run, @"^bench: allocation of a small object \(new, 24 bytes\): .*, goal 50$");
        // A full collection of 16 MiB live, in milliseconds of guest time too.
        Match collection = Boot.RequireMatch(run, @"^bench: full collection of a 16 MiB live heap, guest time: (\d+) ms$");
        Assert.InRange(long.Parse(collection.Groups[1].Value), 1, 1000);
        // and the bounded heap: 4 GiB of short-lived objects through a heap that stays small.
        Match churn = Boot.RequireMatch(run, @"^bench: heap taken from the kernel at most, while allocating 4 GiB of short-lived objects: (\d+) KiB, goal 65536 \((\d+) collections\)$");
        Assert.InRange(long.Parse(churn.Groups[1].Value), 1, 64 * 1024);
        Assert.InRange(long.Parse(churn.Groups[2].Value), 100, long.MaxValue);
    }

    /// <summary>
    /// The Trace target's tool works (GDB through QEMU's stub): one getpid and one call+reply round trip,
    /// single-stepped, come to plausible totals that the functions add up to, through the expected code.
    /// </summary>
    [Fact]
    public void TraceCountsTheInstructionsOfAHotPath()
    {
        ComposedImage image = OceanEnvironment.TestImage();
        image = image with { Kernel = image.Kernel with { Cmdline = "init=bench" } };
        string logs = Path.Combine(OceanEnvironment.Artifacts, "logs");
        Directory.CreateDirectory(logs);
        PathTraceResult syscall = PathTrace.Run(OceanEnvironment.Root, image, OceanEnvironment.Iso, TracedPath.Syscall,
            Path.Combine(logs, "trace-syscall.log"), TimeSpan.FromMinutes(2));
        Assert.InRange(syscall.Instructions, 50, 2_000);
        Assert.InRange(syscall.KernelInstructions, 1, syscall.Instructions - 1);   // both sides of the SYSCALL instruction
        Assert.Equal(syscall.Instructions, syscall.Functions.Sum(f => f.Instructions));
        Assert.Contains(syscall.Functions, f => f.Name == "SyscallEntry");
        // getpid reads only the caller's own process: it takes no lock and no general dispatch.
        Assert.DoesNotContain(syscall.Functions, f => f.Name.EndsWith("BigKernelLock__Acquire", StringComparison.Ordinal));

        PathTraceResult ipc = PathTrace.Run(OceanEnvironment.Root, image, OceanEnvironment.Iso, TracedPath.Ipc,
            Path.Combine(logs, "trace-ipc.log"), TimeSpan.FromMinutes(2));
        Assert.InRange(ipc.Instructions, syscall.Instructions, 20_000);
        // To the server and back without a stack switch: each side blocks with nothing on its kernel stack
        // but its frame, and the other leaves through that frame.
        Assert.Contains(ipc.Functions, f => f.Name == "SyscallEntry.another_thread");
        Assert.DoesNotContain(ipc.Functions, f => f.Name == "ContextSwitch");
        // The benchmark's round trip is the fast path's case on both sides (inlined into the dispatch;
        // only the fast paths leave by another thread's frame), and never reaches the general path.
        Assert.DoesNotContain(ipc.Functions, f => f.Name.Contains("IpcCalls__", StringComparison.Ordinal));

        // One wake-up: the signal, the signaller's wait and the switch to the woken thread, all on the
        // notification fast path.
        PathTraceResult wake = PathTrace.Run(OceanEnvironment.Root, image, OceanEnvironment.Iso, TracedPath.Wake,
            Path.Combine(logs, "trace-wake.log"), TimeSpan.FromMinutes(2));
        Assert.InRange(wake.Instructions, syscall.Instructions, 20_000);
        Assert.DoesNotContain(wake.Functions, f => f.Name.Contains("NotificationCalls__", StringComparison.Ordinal) ||
            f.Name.Contains("IpcCalls__", StringComparison.Ordinal));
        Assert.Contains(wake.Functions, f => f.Name == "SyscallEntry.another_thread");
        Assert.DoesNotContain(wake.Functions, f => f.Name == "ContextSwitch");
    }

    /// <summary>
    /// `bench smp` at the shell on two CPUs (plain TCG): one IPC ping-pong pair, then two, and the
    /// ratio of their round trips per second; then the same for processes breaking copy-on-write pages.
    /// Not judged here (it depends on the host): it must run, and every worker must succeed.
    /// </summary>
    [Fact]
    public void SmpIpcRatioIsMeasured()
    {
        QemuRun run = Boot.ShellSession(Boot.TestImageWithServices(), Qemu.DefaultMemoryMiB, 2, TimeSpan.FromSeconds(240), "bench-smp",
            "bench smp", "poweroff");
        Match m = Boot.RequireMatch(run, @"^bench: SMP IPC round trips per second: 1 pair (\d+), 2 pairs (\d+), ratio (\d+)\.(\d\d) \(goal 1\.8 on 2 CPUs\)$");
        Boot.Require(run, long.Parse(m.Groups[1].Value) > 0 && long.Parse(m.Groups[2].Value) > 0, "no round trips were measured");
        Match faults = Boot.RequireMatch(run, @"^bench: SMP copy-on-write faults per second: 1 process (\d+), 2 processes (\d+), ratio (\d+)\.(\d\d)$");
        Boot.Require(run, long.Parse(faults.Groups[1].Value) > 0 && long.Parse(faults.Groups[2].Value) > 0, "no copy-on-write faults were measured (a worker failed)");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off");
    }
}
