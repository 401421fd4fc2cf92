namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// The system-call fuzzer as init (<c>init=fuzz</c>): every built-in seed runs its random calls
/// with hostile arguments in a child of its own and prints its summary. The kernel must not panic,
/// must not hang (the time limit), and must kill nothing but a fuzzing child that faulted itself.
/// </summary>
public class FuzzTests
{
    private const int Seeds = 5;   // as many as fuzz runs without arguments
    private const int Cpus = 2;
    private const string DoneLine = "fuzz: all seeds done";

    [Fact]
    public void KernelSurvivesRandomSystemCalls()
    {
        ComposedImage image = OceanEnvironment.TestImage();
        image = image with { Kernel = image.Kernel with { Cmdline = "init=fuzz" } };
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, 256, Cpus), image.Directory,
            DoneLine, TimeSpan.FromSeconds(300));
        string logs = Path.Combine(OceanEnvironment.Artifacts, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(logs, "fuzz.log"), run.Log);

        Boot.Require(run, !run.Log.Contains("KERNEL PANIC", StringComparison.Ordinal), "the kernel panicked");
        Boot.Require(run, run.MatchedExpectation, "the fuzzer did not finish (a hang?)");

        var children = new HashSet<int>();
        foreach (Match seed in Regex.Matches(run.Log, @"^fuzz: seed (\d+): pid (\d+)$", RegexOptions.Multiline))
        {
            children.Add(int.Parse(seed.Groups[2].Value));
            Boot.RequireMatch(run, $@"^fuzz: seed {seed.Groups[1].Value}: \d+ calls; 0: \d+");
        }
        Boot.Require(run, children.Count == Seeds, $"expected {Seeds} seeds to start");
        foreach (Match killed in Regex.Matches(run.Log, @"ocean: pid (\d+) \([^)]*\) killed:"))
            Boot.Require(run, children.Contains(int.Parse(killed.Groups[1].Value)), $"pid {killed.Groups[1].Value}, not a fuzzing child, was killed");
        Boot.Require(run, !run.Log.Contains("child ended badly", StringComparison.Ordinal), "a fuzzing child did not finish its seed");

        // No leak: after the first seed (which may grow the kernel's caches, which keep their pages),
        // every seed gives back every page it took.
        MatchCollection pages = Regex.Matches(run.Log, @"^fuzz: seed (\d+): free pages before (\d+), after (\d+)$", RegexOptions.Multiline);
        Boot.Require(run, pages.Count == Seeds, "a seed did not report its free pages");
        foreach (Match seed in pages.Skip(1))
            Boot.Require(run, seed.Groups[2].Value == seed.Groups[3].Value, $"seed {seed.Groups[1].Value} lost pages: {seed.Groups[2].Value} before, {seed.Groups[3].Value} after");
    }
}
