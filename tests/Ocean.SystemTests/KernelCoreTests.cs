namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>The kernel taking over the machine: own tables and stack, memory, timer, interrupts, faults.</summary>
public class KernelCoreTests
{
    private static ComposedImage WithKernelCmdline(string cmdline)
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        return image with { Kernel = image.Kernel with { Cmdline = cmdline } };
    }

    private static ulong Number(QemuRun run, string pattern) => ulong.Parse(Boot.RequireMatch(run, pattern).Groups[1].Value);

    [Theory]
    [InlineData(BootPath.Direct)]
    [InlineData(BootPath.IsoBios)]
    public void BootloaderMemoryIsReclaimedAfterTheSwitchAndCountedAsFree(BootPath path)
    {
        QemuRun run = Boot.Run(path, OceanEnvironment.DefaultImage(), 256, TimeSpan.FromSeconds(120));
        Boot.Require(run, run.MatchedExpectation, "Ocean did not reach its idle line");
        Boot.RequireLine(run, "Kernel: own page tables and stack active (NX, WP");

        ulong reclaimableInMap = Number(run, @"bootloader reclaimable: (\d+) KiB$");
        ulong freeBefore = Number(run, @"^Memory \(before reclaiming bootloader memory\): total \d+ KiB, free (\d+) KiB");
        ulong reclaimed = Number(run, @"^Reclaimed bootloader memory: (\d+) KiB$");
        ulong freeAfter = Number(run, @"^Memory \(after reclaiming bootloader memory\): total \d+ KiB, free (\d+) KiB");
        Boot.Require(run, reclaimed == reclaimableInMap, $"reclaimed {reclaimed} KiB, but the map has {reclaimableInMap} KiB reclaimable");
        Boot.Require(run, freeAfter == freeBefore + reclaimed, $"free went from {freeBefore} to {freeAfter} KiB, not up by {reclaimed}");

        ulong total = Number(run, @"^Memory \(after reclaiming bootloader memory\): total (\d+) KiB");
        ulong reserved = Number(run, @"^Memory \(after reclaiming bootloader memory\): total \d+ KiB, free \d+ KiB, reserved (\d+) KiB");
        ulong image = Number(run, @"kernel image (\d+) KiB$");
        Boot.Require(run, total == freeAfter + reserved && image > 0 && total > 200 * 1024, "inconsistent memory totals");
        Boot.RequireMatch(run, @"^Timer: LAPIC timer at 100 Hz \(calibrated against the PIT: \d+ counts/s\)$");
    }

    [Theory]
    [InlineData(BootPath.Direct)]
    [InlineData(BootPath.IsoBios)]
    public void SelfTestsPassLeakNothingAndPowerOff(BootPath path)
    {
        ComposedImage image = WithKernelCmdline("selftest");
        if (path != BootPath.Direct)
        {
            // The ISO carries its own boot configuration: compose one with the self-test command line.
            string work = Directory.CreateTempSubdirectory("ocean-selftest-iso-").FullName;
            var manifest = OceanEnvironment.Manifest;
            manifest = manifest with { Kernel = manifest.Kernel with { Cmdline = "selftest" } };
            image = new ImageComposer(OceanEnvironment.Root, new LocalFeed(OceanEnvironment.Feed))
                .Compose(manifest, Path.Combine(work, "image"), Path.Combine(work, "compose"));
            string iso = Path.Combine(work, "ocean.iso");
            IsoBuilder.Build(image, iso, null, work);
            QemuRun isoRun = Qemu.Run(Qemu.Arguments(path, image, iso).Concat(Qemu.InstructionCountedTime), image.Directory, null, TimeSpan.FromSeconds(180));
            CheckSelfTestRun(isoRun);
            return;
        }
        QemuRun run = Qemu.Run(Qemu.Arguments(path, image, OceanEnvironment.Iso).Concat(Qemu.InstructionCountedTime), image.Directory, null, TimeSpan.FromSeconds(120));
        CheckSelfTestRun(run);
    }

    private static void CheckSelfTestRun(QemuRun run)
    {
        Boot.Require(run, !run.TimedOut, "the self-test run did not power off");
        Match summary = Boot.RequireMatch(run, @"^selftest: (\d+) passed, (\d+) failed$");
        Boot.Require(run, int.Parse(summary.Groups[2].Value) == 0 && int.Parse(summary.Groups[1].Value) >= 20, "self-tests failed");
        Boot.Require(run, run.ExitCode == 1, $"QEMU exit code {run.ExitCode}: isa-debug-exit should report success (1)");
        ulong before = Number(run, @"^selftest: free memory before: (\d+) KiB$");
        ulong after = Number(run, @"^selftest: free memory after: (\d+) KiB$");
        Boot.Require(run, before == after, "free memory differs after the self-tests");
        Boot.RequireLine(run, "(expected) *** EXCEPTION #BP breakpoint (vector 3)");
        Boot.RequireMatch(run, @"^selftest: timer ticks advanced by \d+ in 200 ms at 100 Hz \(PIT-measured\)");
    }

    [Fact]
    public void AKernelFaultPrintsTheFullReportAndPanics()
    {
        QemuRun run = Boot.Run(BootPath.Direct, WithKernelCmdline("fault-test"), 256, TimeSpan.FromSeconds(60), expect: "*** KERNEL PANIC");
        Boot.Require(run, run.MatchedExpectation, "no panic after the deliberate fault");
        Boot.RequireLine(run, "*** EXCEPTION #PF page fault (vector 14), error code 0x0002 in kernel mode");
        Boot.RequireMatch(run, @"^  RIP 0xffffffff8[0-9a-f]{7} \S*NullWrite\S*\+0x[0-9a-f]+$");
        Boot.RequireMatch(run, @"^  CS 0x0008  RFLAGS 0x[0-9a-f]{8}  RSP 0x[0-9a-f]{16}  SS 0x[0-9a-f]{4}$");
        Boot.RequireMatch(run, @"^  CR2 0x0000000000000000 \(page not present, write, from kernel mode\)$");
        foreach (string register in new[] { "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15" })
            Boot.RequireMatch(run, $@"  {register} 0x[0-9a-f]{{16}}");
        Boot.RequireLine(run, "  Backtrace:");
        Boot.RequireMatch(run, @"^    #1  0xffffffff8[0-9a-f]{7} \S*Kernel\S*ContinueOnOwnStack\S*\+0x[0-9a-f]+( \(top of stack\))?$");
        Boot.RequireLine(run, "*** KERNEL PANIC: unhandled exception in kernel mode");
    }

    [Fact]
    public void AKernelStackOverflowIsReportedAsSuch()
    {
        QemuRun run = Boot.Run(BootPath.Direct, WithKernelCmdline("overflow-test"), 256, TimeSpan.FromSeconds(60), expect: "*** KERNEL PANIC");
        Boot.Require(run, run.MatchedExpectation, "no panic after the stack overflow");
        Boot.RequireLine(run, "kernel stack overflow");
    }

    [Fact]
    public void SerialInputArrivesThroughTheIoApic()
    {
        // With no init the kernel reports typed bytes itself instead of handing them to a reader.
        ComposedImage image = OceanEnvironment.DefaultImage();
        image = image with { Kernel = image.Kernel with { Cmdline = "init=/none" } };
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso), image.Directory,
            "COM1 IRQ: received 0x0a", TimeSpan.FromSeconds(60), input: "Oc\n", inputWhen: "Ocean: cannot start init");
        Boot.Require(run, run.MatchedExpectation, "typed characters did not arrive as COM1 interrupts");
        Boot.RequireLine(run, "COM1 IRQ: received 0x4f");
        Boot.RequireLine(run, "COM1 IRQ: received 0x63");
    }
}
