namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// Processes, the scheduler and system calls, driven by the user-mode test program (tests/programs/utest)
/// that runs as init in the test image. Each of its checks is one line; all must pass.
/// </summary>
public class ProcessTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void UserTestsPass(int cpus)
    {
        ComposedImage image = OceanEnvironment.TestImage();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, 256, cpus), image.Directory,
            "init (pid 1) exited", TimeSpan.FromSeconds(240), input: "a linX\u0008e\n\u0004", inputWhen: "utest: type a line, then Ctrl-D");
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", $"utest-smp{cpus}.log"), run.Log);
        Boot.Require(run, run.MatchedExpectation, "utest did not finish");
        Match summary = Boot.RequireMatch(run, @"^utest: (\d+) passed, (\d+) failed$");
        Boot.Require(run, summary.Groups[2].Value == "0" && int.Parse(summary.Groups[1].Value) >= 73, "user tests failed");
        Boot.RequireLine(run, "init (pid 1) exited with status 0x0000");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");

        // Every kind of user fault killed only its process, with one line naming pid, program, fault, address and RIP.
        foreach (string fault in new[] { "page fault", "invalid opcode", "divide error", "general protection fault", "page fault \\(stack overflow\\)" })
            Boot.RequireMatch(run, $@"^ocean: pid \d+ \(utest\) killed: {fault} at 0x[0-9a-f]{{16}}, rip 0x[0-9a-f]{{16}}$");
        Boot.RequireMatch(run, @"^utest: free pages before (\d+), after 1000 fork/exec/wait cycles \1$");
        // Exhaustion: the fork storm stops at the process limit, the memory hog leaves no page behind,
        // and a copy-on-write fault with no memory left kills only that process, with one clear line.
        Boot.RequireMatch(run, @"^utest: fork storm: \d+ children, then EAGAIN; free pages before (\d+), after \1$");
        Boot.RequireMatch(run, @"^utest: memory hog: free pages before (\d+), after \1$");
        Boot.RequireMatch(run, @"^ocean: pid \d+ \(utest\) killed: out of memory \(copy-on-write page\) at 0x[0-9a-f]{16}, rip 0x[0-9a-f]{16}$");
        Boot.RequireLine(run, $"SMP: {cpus} CPU");
        // The two CPU-bound spinners ran on every CPU up to two (with -smp 2: both; with more, on two at least).
        int mask = int.Parse(Boot.RequireMatch(run, @"^utest: CPUs the spinners ran on: mask (\d+)$").Groups[1].Value);
        Boot.Require(run, cpus <= 2 ? mask == (1 << cpus) - 1 : System.Numerics.BitOperations.PopCount((uint)mask) >= 2,
            $"the spinners ran on CPUs {mask:b}, expected {(cpus <= 2 ? $"all {cpus}" : "two at least")}");
    }
}
