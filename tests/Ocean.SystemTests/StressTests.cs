namespace Ocean.SystemTests;

using Ocean.Packaging;

/// <summary>
/// A small run of the Stress target's check inside the test suite (CI): the default image booted
/// three times, each typing the whole stress session (processes, pipes, services, files, power-off).
/// `./build.sh --target=Stress --runs=N` does the same N times and prints the boot-time spread.
/// </summary>
public class StressTests
{
    private const int Runs = 3;

    [Fact]
    public void TheStressSessionPassesEveryTime()
    {
        for (int i = 1; i <= Runs; i++)
        {
            QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, OceanEnvironment.DefaultImage(), OceanEnvironment.Iso),
                OceanEnvironment.ImageDirectory, null, TimeSpan.FromSeconds(120), StressSession.Steps);
            Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
            File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", $"stress-test-{i}.log"), run.Log);
            string? problem = StressSession.Check(run);
            Boot.Require(run, problem is null, $"stress run {i}: {problem}");
        }
    }
}
