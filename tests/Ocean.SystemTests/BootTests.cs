namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>Boots the composed image through every boot path and checks what the kernel reports.</summary>
public class BootTests
{
    private static TimeSpan TimeoutFor(BootPath path) => path switch
    {
        BootPath.Direct => TimeSpan.FromSeconds(60),
        BootPath.IsoBios => TimeSpan.FromSeconds(120),
        _ => TimeSpan.FromSeconds(240),   // OVMF under TCG is slow to start
    };

    [Theory]
    [InlineData(BootPath.Direct, 256)]
    [InlineData(BootPath.Direct, 1024)]
    [InlineData(BootPath.IsoBios, 256)]
    [InlineData(BootPath.IsoUefi, 256)]
    public void BootsToTheBannerWithMemoryModulesAndCpus(BootPath path, int memoryMiB)
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        QemuRun run = Boot.Run(path, image, memoryMiB, TimeoutFor(path));

        Boot.Require(run, run.MatchedExpectation, $"Ocean did not reach its idle line booting {path}");
        Boot.RequireLine(run, $"Ocean kernel {image.Manifest.Kernel.Version} ");
        // An ISO built with LIMINE_DIR boots through the real Limine; otherwise Ocean's loader is in charge.
        bool realLimine = path != BootPath.Direct && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LIMINE_DIR"));
        Boot.RequireLine(run, realLimine ? "Bootloader: Limine " : $"Bootloader: Ocean Loader {image.Manifest.Loader.Version}");
        Boot.RequireLine(run, "HHDM offset: 0xffff800000000000");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");

        // The usable total must account for nearly all of -m: firmware and the loader take a little.
        int usable = int.Parse(Boot.RequireMatch(run, @"^Usable memory: (\d+) MiB").Groups[1].Value);
        Boot.Require(run, usable < memoryMiB && usable >= memoryMiB * 90 / 100,
            $"usable memory {usable} MiB does not fit -m {memoryMiB}");
        Boot.RequireMatch(run, @"  bootloader reclaimable$");
        Boot.RequireMatch(run, @"  kernel and modules$");

        Boot.RequireLine(run, $"Modules ({image.Modules.Count}):");
        foreach (BootEntry module in image.Modules)
            Boot.RequireMatch(run, $@"^  {System.Text.RegularExpressions.Regex.Escape(module.Path)} +\d+ bytes  {System.Text.RegularExpressions.Regex.Escape(module.Cmdline)}$");
        Boot.RequireLine(run, $"CPUs: {Qemu.DefaultCpus} ");
        Boot.RequireLine(run, $"SMP: {Qemu.DefaultCpus} CPUs online");
        Boot.RequireMatch(run, @"^ACPI RSDP: 0xffff8000[0-9a-f]{8}$");
    }

    /// <summary>
    /// Most of the memory above 4 GiB (QEMU's q35 puts all but 2 GiB there): the page reference counts
    /// were one buddy block, which cannot cover more than 8 GiB, and the kernel panicked at boot. At
    /// 64 GiB QEMU maps guest RAM without reserving it, so the host spends only what the kernel touches.
    /// </summary>
    [Theory]
    [InlineData(8192)]
    [InlineData(16384)]
    [InlineData(65536)]
    public void BootsToAWorkingShellWithMemoryAbove4GiB(int memoryMiB)
    {
        QemuRun run = Boot.ShellSession(OceanEnvironment.DefaultImage(), memoryMiB, Qemu.DefaultCpus, TimeSpan.FromSeconds(180),
            $"boot-{memoryMiB}", "echo high and dry", "poweroff");

        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
        int usable = int.Parse(Boot.RequireMatch(run, @"^Usable memory: (\d+) MiB").Groups[1].Value);
        Boot.Require(run, usable < memoryMiB && usable >= memoryMiB * 90 / 100, $"usable memory {usable} MiB does not fit -m {memoryMiB}");
        Boot.RequireMatch(run, @"^ocean\$ echo high and dry\nhigh and dry$");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off");
    }

    /// <summary>
    /// The `timestamps` word: every console line from the kernel's own up to the shell's starts with the
    /// time stamp counter's ticks since the kernel's entry, never decreasing (what Bench reads boot from).
    /// </summary>
    [Fact]
    public void TimestampsStampEveryLineFromTheKernelOn()
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        image = image with { Kernel = image.Kernel with { Cmdline = "timestamps" } };
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso), image.Directory, "ocean$ ", TimeSpan.FromSeconds(120));
        Boot.Require(run, run.MatchedExpectation, "no shell prompt");
        string[] lines = run.Log.Split('\n');
        int kernelLine = Array.FindIndex(lines, l => l.Contains("Bootloader: ", StringComparison.Ordinal));
        int promptLine = Array.FindLastIndex(lines, l => l.Contains("ocean$ ", StringComparison.Ordinal));
        Boot.Require(run, kernelLine >= 0 && promptLine > kernelLine, "no bootloader line or no prompt after it");
        long previous = 0;
        foreach (string line in lines[kernelLine..(promptLine + 1)].Where(l => l.Length > 0))
        {
            Match stamp = Regex.Match(line, @"^\[ *(\d+)k\] ");
            Boot.Require(run, stamp.Success, $"a line without its time stamp: {line}");
            long ticks = long.Parse(stamp.Groups[1].Value);
            Boot.Require(run, ticks >= previous, $"time stamps went backwards at: {line}");
            previous = ticks;
        }
        Boot.RequireMatch(run, @"^\[ *\d+k\] init: services up ");
        Boot.RequireMatch(run, @"^\[ *\d+k\] ocean\$ ");
    }

    /// <summary>
    /// A run that times out (a hang) ends its log with every CPU's registers from QEMU's monitor, so
    /// the instruction each CPU was at can be looked up in kernel.elf. Here the wait is for a line
    /// that never comes, on 2 CPUs.
    /// </summary>
    [Fact]
    public void ATimedOutRunLogsEveryCpusRegisters()
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, Qemu.DefaultMemoryMiB, 2), image.Directory,
            "a line no one prints", TimeSpan.FromSeconds(8));
        Boot.Require(run, run.TimedOut, "the run did not time out");
        Boot.Require(run, run.Log.Contains("--- time-out: every CPU's registers", StringComparison.Ordinal), "no register dump after the time-out");
        Boot.Require(run, Regex.Matches(run.Log, @"^RIP=[0-9a-f]{16} ", RegexOptions.Multiline).Count == 2, "not one RIP line per CPU");
        Boot.Require(run, Regex.IsMatch(run.Log, @"^CPU#1", RegexOptions.Multiline), "the second CPU is missing from the dump");
    }

    /// <summary>
    /// Every CPU count issue 14 names (2 is the default every other test boots with): all come online,
    /// and the shell runs pipelines whose processes spread over them.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void BootsToAWorkingShellWithCpus(int cpus)
    {
        QemuRun run = Boot.ShellSession(OceanEnvironment.DefaultImage(), Qemu.DefaultMemoryMiB, cpus, TimeSpan.FromSeconds(180),
            $"boot-{cpus}-cpus", "ls /bin | cksum | cat", "ps -T | cat", "echo all there", "poweroff");

        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
        Boot.RequireMatch(run, $@"^CPUs: {cpus} ");
        Boot.RequireMatch(run, $@"^SMP: {cpus} CPUs? online$");
        Boot.RequireMatch(run, @"^ocean\$ echo all there\nall there$");
        // Every thread's CPU is one the machine has.
        foreach (Match thread in Regex.Matches(run.Log, @"^\s*\d+\s+\d+\s+(\d+)\s+(?:ready|running|blocked|sleeping)\s", RegexOptions.Multiline))
            Boot.Require(run, int.Parse(thread.Groups[1].Value) < cpus, $"ps -T shows CPU {thread.Groups[1].Value} of {cpus}");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off");
    }

    /// <summary>
    /// More CPUs than the kernel runs (16): the others leave the bootloader's parking loop and halt
    /// before the kernel reclaims that memory. Before, they spun in pages the kernel handed out again.
    /// </summary>
    [Fact]
    public void BootsToAWorkingShellWithMoreCpusThanTheKernelRuns()
    {
        const int cpus = 20, kernelLimit = 16;
        QemuRun run = Boot.ShellSession(OceanEnvironment.DefaultImage(), Qemu.DefaultMemoryMiB, cpus, TimeSpan.FromSeconds(180),
            $"boot-{cpus}-cpus", "ls /bin | cksum", "cat /boot/ocean/services.conf | cksum", "echo all there", "poweroff");

        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
        Boot.RequireMatch(run, $@"^CPUs: {cpus} ");
        Boot.RequireMatch(run, $@"^SMP: {kernelLimit} CPUs online$");
        Boot.RequireMatch(run, $@"^SMP: {cpus - kernelLimit} more CPUs halted \(the kernel runs at most {kernelLimit}\)$");
        Boot.RequireMatch(run, @"^ocean\$ echo all there\nall there$");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off");
    }

    [Fact]
    public void LoaderRefusesAKernelThatIsNotElfWithAClearMessage()
    {
        // Boot with a module list whose first entry (the kernel) is a text file.
        string dir = Directory.CreateTempSubdirectory("ocean-badkernel-").FullName;
        File.Copy(Path.Combine(OceanEnvironment.ImageDirectory, "boot", "loader.bin"), Path.Combine(dir, "loader.bin"));
        File.WriteAllText(Path.Combine(dir, "kernel.txt"), string.Concat(Enumerable.Repeat("this is not an ELF file\n", 200)));
        var args = Qemu.BaseArguments(128, 1);
        args.AddRange(new[] { "-kernel", "loader.bin", "-initrd", "kernel.txt" });
        QemuRun run = Qemu.Run(args, dir, "cannot boot", TimeSpan.FromSeconds(60));
        Boot.RequireLine(run, "Ocean loader: cannot boot: not an ELF file (bad magic)");
        Boot.Require(run, !run.Log.Contains("Entering kernel"), "the loader jumped into a bad kernel");
    }

    [Fact]
    public void AHungBootEndsAtTheTimeoutWithItsLog()
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso), image.Directory,
            "a line Ocean never prints", TimeSpan.FromSeconds(20));
        Assert.True(run.TimedOut);
        Assert.False(run.MatchedExpectation);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(40), $"the run took {run.Elapsed}");
        Assert.Contains(Boot.IdleLine, run.Log);   // the log up to the timeout is kept
    }
}
