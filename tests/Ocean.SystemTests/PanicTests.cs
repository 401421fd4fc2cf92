namespace Ocean.SystemTests;

using Ocean.Packaging;

public class PanicTests
{
    [Fact]
    public void PanicPrintsTheMarkerLineAndHalts()
    {
        ComposedImage image = OceanEnvironment.DefaultImage();
        ComposedImage panicking = image with { Kernel = image.Kernel with { Cmdline = "panic-test" } };
        QemuRun run = Boot.Run(BootPath.Direct, panicking, 256, TimeSpan.FromSeconds(60), expect: "*** KERNEL PANIC: ");

        Boot.Require(run, run.MatchedExpectation, "no panic marker");
        Boot.RequireMatch(run, @"^\*\*\* KERNEL PANIC: requested by the kernel command line \(panic-test\)$");
        Boot.Require(run, !run.Log.Contains(Boot.IdleLine), "the kernel went on after panicking");
    }
}
