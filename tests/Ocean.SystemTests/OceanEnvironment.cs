namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;
using Xunit.Sdk;

/// <summary>Where the build put things (build.cake's Default target runs before these tests).</summary>
public static class OceanEnvironment
{
    public static string Root { get; } = FindRoot();
    public static string Artifacts => Path.Combine(Root, "artifacts");
    public static string ImageDirectory => Path.Combine(Artifacts, "image");
    public static string Iso => Path.Combine(Artifacts, "ocean.iso");
    public static string Feed => Path.Combine(Artifacts, "feed");
    public static string Configuration => Environment.GetEnvironmentVariable("OCEAN_CONFIGURATION") ?? "Release";
    public static ImageManifest Manifest => ImageManifest.Load(Path.Combine(Root, "packaging", "image.json"));

    private static string FindRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("OCEAN_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "build.cake")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find the Ocean repository (set OCEAN_ROOT)");
    }

    /// <summary>The processes the kernel starts before any service: init (pid 1), the process server (2) and the memory server (3).</summary>
    public const int KernelStartedProcesses = 3;

    /// <summary>
    /// The pid the default image's service <paramref name="name"/> has after boot: init starts the
    /// services in manifest order once the kernel has started its own processes, the console last.
    /// </summary>
    public static int ServicePid(string name)
    {
        IReadOnlyList<ServiceRef> services = Manifest.Services ?? [];
        var order = services.Where(s => !s.Console).Concat(services.Where(s => s.Console)).ToList();
        int index = order.FindIndex(s => s.Name == name);
        if (index < 0)
            throw new ArgumentException($"the image has no service {name}");
        return KernelStartedProcesses + 1 + index;
    }

    /// <summary>The image as the last Compose left it (re-read from disk, never recomposed).</summary>
    public static ComposedImage DefaultImage() => ComposedImage.Load(ImageDirectory);

    /// <summary>The test image: the default one plus utest as init.</summary>
    public static ComposedImage TestImage() => ComposedImage.Load(Path.Combine(Artifacts, "test-image"));
}

/// <summary>Boots Ocean and fails with the whole serial log when an expectation is not met.</summary>
public static class Boot
{
    public const string IdleLine = "Ocean: boot complete, idling";

    public static QemuRun Run(BootPath path, ComposedImage image, int memoryMiB, TimeSpan timeout, string expect = IdleLine)
    {
        QemuRun run = Qemu.Run(Qemu.Arguments(path, image, OceanEnvironment.Iso, memoryMiB), image.Directory, expect, timeout);
        string logs = Path.Combine(OceanEnvironment.Artifacts, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(logs, $"systemtest-{path}-{memoryMiB}-{Guid.NewGuid():N}.log"), run.Log);
        return run;
    }

    /// <summary>
    /// Boots <paramref name="image"/> and types each of <paramref name="lines"/> at the shell's prompt
    /// (the last is expected to power off); the serial log is kept as artifacts/logs/<paramref name="logName"/>.log.
    /// </summary>
    public static QemuRun ShellSession(ComposedImage image, int memoryMiB, int cpus, TimeSpan timeout, string logName, params string[] lines)
    {
        const string Prompt = "ocean$ ";
        var session = lines.Select(line => new ConsoleStep(Prompt, line + "\n")).ToList();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso, memoryMiB, cpus), image.Directory,
            expect: null, timeout, session);
        string logs = Path.Combine(OceanEnvironment.Artifacts, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(logs, logName + ".log"), run.Log);
        return run;
    }

    /// <summary>The test image with init as PID 1 and its services (the shell on the console), not utest.</summary>
    public static ComposedImage TestImageWithServices()
    {
        ComposedImage image = OceanEnvironment.TestImage();
        return image with { Kernel = image.Kernel with { Cmdline = "" } };
    }

    public static void Require(QemuRun run, bool condition, string what)
    {
        if (!condition)
            throw new XunitException($"{what}\n--- serial log ({(run.TimedOut ? "timed out" : $"QEMU exit {run.ExitCode}")}, {run.Elapsed.TotalSeconds:F1} s) ---\n{run.Log}");
    }

    public static void RequireLine(QemuRun run, string text) => Require(run, run.Log.Contains(text, StringComparison.Ordinal), $"expected \"{text}\" on the console");

    public static Match RequireMatch(QemuRun run, string pattern)
    {
        Match m = Regex.Match(run.Log, pattern, RegexOptions.Multiline);
        Require(run, m.Success, $"expected a line matching /{pattern}/ on the console");
        return m;
    }
}
