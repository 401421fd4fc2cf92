// Ocean's build: components -> versioned packages in the local feed -> composed image -> ISO -> QEMU.
// Run through ./build.sh, which installs the system packages and builds the composition library first.
#r "artifacts/tools/packaging/Ocean.Packaging.dll"

using Ocean.Packaging;

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var versionOverrides = Argument("versions", "");          // e.g. --versions=Ocean.Servers.Sh=0.1.1
var bootPath = Argument("boot", "direct");                  // Run/Debug/Smoke: direct, bios or uefi
var runs = Argument("runs", 20);                            // Stress
var memoryMiB = Argument("memory", Qemu.DefaultMemoryMiB);
var disk = Argument("disk", "");                            // Run/Debug: a raw disk image for the ATA channel
var limineDir = EnvironmentVariable("LIMINE_DIR");

var root = MakeAbsolute(Directory(".")).FullPath;
var artifacts = $"{root}/artifacts";
var feedDir = $"{artifacts}/feed";
var packedDir = $"{artifacts}/packages";
var imageDir = $"{artifacts}/image";
var composeWork = $"{artifacts}/compose";
var isoPath = $"{artifacts}/ocean.iso";
var logDir = $"{artifacts}/logs";
var manifestPath = $"{root}/packaging/image.json";
// The test image: the default image plus the user-mode test program as init (system tests boot it).
var testManifestPath = $"{root}/packaging/test-image.json";
var testImageDir = $"{artifacts}/test-image";

// Every component is a project below one of these folders: a new utility or server is its folder,
// nothing else. They are gathered into artifacts/Ocean.slnx (an IDE can open it), so that one MSBuild
// invocation builds or packs them all: a build with nothing changed costs one start-up, not one per component.
var componentFolders = new[] { "lib", "kernel", "loader", "servers", "utilities", "tests/programs" };
var componentsSolution = $"{artifacts}/Ocean.slnx";

void WriteComponentsSolution()
{
    var projects = componentFolders
        .SelectMany(folder => System.IO.Directory.EnumerateFiles($"{root}/{folder}", "*.csproj", System.IO.SearchOption.AllDirectories))
        .Select(path => System.IO.Path.GetRelativePath(root, path).Replace('\\', '/'))
        .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/"))
        .OrderBy(path => path, StringComparer.Ordinal);
    var text = "<Solution>\n" + string.Concat(projects.Select(path => $"  <Project Path=\"../{path}\" />\n")) + "</Solution>\n";
    // Rewritten only when the set changes, so MSBuild sees an unchanged solution otherwise.
    if (!System.IO.File.Exists(componentsSolution) || System.IO.File.ReadAllText(componentsSolution) != text)
    {
        System.IO.Directory.CreateDirectory(artifacts);
        System.IO.File.WriteAllText(componentsSolution, text);
    }
}

ImageManifest Manifest() => ImageManifest.Load(manifestPath).WithOverrides(versionOverrides);
ComposedImage composed = null;

BootPath ParseBootPath(string name) => name.ToLowerInvariant() switch
{
    "direct" => BootPath.Direct,
    "bios" => BootPath.IsoBios,
    "uefi" => BootPath.IsoUefi,
    _ => throw new ArgumentException($"--boot={name}: use direct, bios or uefi"),
};

Task("Clean").Does(() =>
{
    if (DirectoryExists(artifacts))
        DeleteDirectory(artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
    foreach (var dir in GetDirectories("./**/bin").Concat(GetDirectories("./**/obj")))
        DeleteDirectory(dir, new DeleteDirectorySettings { Recursive = true, Force = true });
    Information("Removed artifacts/ and every bin/ and obj/.");
});

Task("Build").Does(() =>
{
    WriteComponentsSolution();
    DotNetBuild(componentsSolution, new DotNetBuildSettings { Configuration = configuration, NoLogo = true });
});

Task("Pack").IsDependentOn("Build").Does(() =>
{
    if (DirectoryExists(packedDir))
        CleanDirectory(packedDir);
    DotNetPack(componentsSolution, new DotNetPackSettings { Configuration = configuration, NoBuild = true, NoLogo = true, OutputDirectory = packedDir });
    var feed = new LocalFeed(feedDir);
    foreach (var nupkg in GetFiles($"{packedDir}/*.nupkg"))
    {
        var package = LocalFeed.Read(nupkg.FullPath);
        var result = feed.Publish(nupkg.FullPath);
        Information($"  {package.Id} {package.Version}: {(result == LocalFeed.PublishResult.Added ? "added to the feed" : "already in the feed, same content")}");
    }
});

Task("Compose").Does(() =>
{
    var manifest = Manifest();
    composed = new ImageComposer(root, new LocalFeed(feedDir)).Compose(manifest, imageDir, composeWork);
    Information($"Composed {imageDir}:");
    foreach (var c in manifest.All)
        Information($"  {c.Package} {c.Version}");
    var testManifest = ImageManifest.Load(testManifestPath).WithOverrides(versionOverrides);
    new ImageComposer(root, new LocalFeed(feedDir)).Compose(testManifest, testImageDir, $"{composeWork}-test");
    Information($"Composed the test image {testImageDir} (init=utest, lock-order check on).");
});

Task("Iso").IsDependentOn("Compose").Does(() =>
{
    var kind = IsoBuilder.Build(composed, isoPath, limineDir, composeWork);
    Information($"{isoPath}: {kind}");
});

Task("Default").IsDependentOn("Pack").IsDependentOn("Iso");

ComposedImage CurrentImage() => composed ?? new ImageComposer(root, new LocalFeed(feedDir)).Compose(Manifest(), imageDir, composeWork);

List<string> QemuArgs(BootPath path) =>
    Qemu.Arguments(path, CurrentImage(), isoPath, memoryMiB, disks: disk.Length == 0 ? null : new[] { System.IO.Path.GetFullPath(disk) });

// Each argument quoted: module command lines contain spaces.
ProcessArgumentBuilder Quoted(IEnumerable<string> arguments)
{
    var builder = new ProcessArgumentBuilder();
    foreach (var argument in arguments)
        builder.AppendQuoted(argument);
    return builder;
}

Task("Run").IsDependentOn("Default").Does(() =>
{
    var args = QemuArgs(ParseBootPath(bootPath));
    args.Add("-nographic");
    Information("Ocean on the serial console. Quit QEMU with Ctrl-A then X.");
    Information($"{Qemu.Executable} {Quoted(args).Render()}");
    StartProcess(Qemu.Executable, new ProcessSettings { Arguments = Quoted(args), WorkingDirectory = imageDir });
});

Task("Debug").IsDependentOn("Default").Does(() =>
{
    var args = QemuArgs(ParseBootPath(bootPath));
    args.AddRange(new[] { "-nographic", "-s", "-S" });
    var kernelElf = $"{imageDir}/boot/ocean/kernel.elf";
    Information("QEMU waits for GDB on localhost:1234. In another terminal run:");
    // Sources are compiled with PathMap /ocean/ (reproducible builds); point gdb back at this checkout.
    // A hardware breakpoint: the kernel's pages do not exist until the loader has mapped them.
    Information($"  gdb -ex 'file {kernelElf}' -ex 'set substitute-path /ocean {root}' -ex 'target remote localhost:1234' -ex 'hbreak KernelMain' -ex 'continue'");
    StartProcess(Qemu.Executable, new ProcessSettings { Arguments = Quoted(args), WorkingDirectory = imageDir });
});

Task("Info").Does(() =>
{
    void Tool(string name, string args)
    {
        IEnumerable<string> output;
        var code = StartProcess(name, new ProcessSettings { Arguments = args, RedirectStandardOutput = true, Silent = true }, out output);
        Information($"  {name}: {(code == 0 ? output.FirstOrDefault() : "not available")}");
    }
    Information("Toolchain:");
    Tool("dotnet", "--version");
    Tool("nasm", "-v");
    Tool("ld", "--version");
    Tool(Qemu.Executable, "--version");
    Tool("grub-mkrescue", "--version");
    Tool("xorriso", "-version");
    Information($"  ilc: runtime.linux-x64.Microsoft.DotNet.ILCompiler {XmlPeek("Directory.Build.props", "/Project/PropertyGroup/IlcVersion")}");
    Information($"  LIMINE_DIR: {(string.IsNullOrEmpty(limineDir) ? "(not set: GRUB ISO)" : limineDir)}");
    Information($"Feed {feedDir}:");
    foreach (var p in new LocalFeed(feedDir).List())
        Information($"  {p.Id} {p.Version}");
    Information($"Composition ({manifestPath}{(string.IsNullOrEmpty(versionOverrides) ? "" : ", overrides " + versionOverrides)}):");
    foreach (var c in Manifest().All)
        Information($"  {c.Package} {c.Version}  \"{c.ModuleCmdline}\"");
});

// A boot that reaches the kernel's idle line, with the log kept in artifacts/logs.
QemuRun BootOnce(BootPath path, string logName)
{
    var run = Qemu.Run(QemuArgs(path), imageDir, "Ocean: boot complete", TimeSpan.FromSeconds(60));
    CreateDirectory(logDir);
    System.IO.File.WriteAllText($"{logDir}/{logName}.log", run.Log);
    return run;
}

Task("Smoke").IsDependentOn("Default").Does(() =>
{
    var run = BootOnce(ParseBootPath(bootPath), "smoke");
    if (!run.MatchedExpectation)
        throw new Exception($"Ocean did not boot ({(run.TimedOut ? "timed out" : "QEMU exited")}); serial log:\n{run.Log}");
    Information($"Booted in {run.Elapsed.TotalMilliseconds:F0} ms (QEMU start to idle line).");
});

// Stress: boots the default image N times (--runs, default 20); each boot types StressSession's
// shell session (processes, IPC, files, power-off) and must pass it. Prints pass/fail counts and the
// spread of boot times (QEMU start to the first shell prompt).
Task("Stress").IsDependentOn("Default").Does(() =>
{
    var times = new List<double>();
    int failed = 0;
    for (int i = 1; i <= runs; i++)
    {
        var run = Qemu.Run(QemuArgs(ParseBootPath(bootPath)), imageDir, null, TimeSpan.FromSeconds(120), StressSession.Steps);
        CreateDirectory(logDir);
        System.IO.File.WriteAllText($"{logDir}/stress-{i}.log", run.Log);
        string problem = StressSession.Check(run);
        if (problem == null)
            times.Add(run.StepTimes[0].TotalMilliseconds);
        else
            failed++;
        Information($"  run {i}/{runs}: {(problem == null ? $"ok, prompt after {run.StepTimes[0].TotalMilliseconds:F0} ms" : $"FAILED: {problem} (artifacts/logs/stress-{i}.log)")}");
    }
    if (times.Count > 0)
    {
        times.Sort();
        Information($"Boot time (QEMU start to the shell prompt): min {times[0]:F0} ms, median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms");
    }
    Information($"{times.Count} passed, {failed} failed");
    if (failed > 0)
        throw new Exception($"{failed} of {runs} runs failed");
});

// Benchmarks: the benchmark program under instruction-counted time (figures in instructions), boot
// time (wall clock, and instructions under -icount), a 16 MiB file read through the VFS beside the raw
// block rate, and image sizes. Written to artifacts/bench.json and bench.md (docs/PERFORMANCE.md shows them).
Task("Bench").IsDependentOn("Default").Does(() =>
{
    const int BenchCpus = 1;   // one CPU: a wake-up is a switch on that CPU, not an IPI to an idle one
    var report = new BenchReport();
    CreateDirectory(logDir);

    var testImage = ComposedImage.Load(testImageDir);
    testImage = testImage with { Kernel = testImage.Kernel with { Cmdline = "init=bench" } };
    var micro = Qemu.Run(Qemu.Arguments(BootPath.Direct, testImage, isoPath, memoryMiB, BenchCpus).Concat(Qemu.InstructionCountedTime),
        testImage.Directory, "bench: done", TimeSpan.FromMinutes(5));
    System.IO.File.WriteAllText($"{logDir}/bench.log", micro.Log);
    if (!micro.MatchedExpectation)
        throw new Exception($"the benchmark did not finish; serial log:\n{micro.Log}");
    report.AddMicrobenchmarks(micro.Log);

    // Boot to the shell: wall clock from QEMU's start; instructions from init's line under -icount (1 ns = 1 instruction).
    var image = CurrentImage();
    var wall = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, isoPath, memoryMiB), image.Directory, "ocean$ ", TimeSpan.FromMinutes(2));
    if (!wall.MatchedExpectation)
        throw new Exception($"no shell prompt; serial log:\n{wall.Log}");
    report.Add("boot to the shell prompt, wall clock (QEMU TCG, this host)", Math.Round(wall.Elapsed.TotalMilliseconds), "ms");
    // The kernel's `timestamps` word stamps each console line with the ticks since its entry (instructions here).
    var stamped = image with { Kernel = image.Kernel with { Cmdline = "timestamps" } };
    var counted = Qemu.Run(Qemu.Arguments(BootPath.Direct, stamped, isoPath, memoryMiB).Concat(Qemu.InstructionCountedTime), image.Directory,
        "starting the console", TimeSpan.FromMinutes(2));
    System.IO.File.WriteAllText($"{logDir}/bench-boot.log", counted.Log);
    var up = System.Text.RegularExpressions.Regex.Match(counted.Log, @"^\[ *(\d+)k\] init: services up", System.Text.RegularExpressions.RegexOptions.Multiline);
    if (!up.Success)
        throw new Exception($"no time-stamped 'services up' line; serial log:\n{counted.Log}");
    report.Add("kernel start to services ready and shell starting", long.Parse(up.Groups[1].Value) * 1_000, BenchReport.Instructions,
               goal: 3_000_000);   // issue 14's goal

    // SMP scaling (issue 14): `bench smp` at the shell of the test image on 2 CPUs under plain multi-threaded
    // TCG: independent IPC pairs, one and then two, in round trips per second, then processes breaking
    // copy-on-write pages. Compare within a run.
    var shellImage = ComposedImage.Load(testImageDir);
    shellImage = shellImage with { Kernel = shellImage.Kernel with { Cmdline = "" } };
    var smpSteps = new[] { "bench smp", "poweroff" }.Select(l => new ConsoleStep("ocean$ ", l + "\n")).ToList();
    var smp = Qemu.Run(Qemu.Arguments(BootPath.Direct, shellImage, isoPath, memoryMiB, 2), shellImage.Directory, null, TimeSpan.FromMinutes(4), smpSteps);
    System.IO.File.WriteAllText($"{logDir}/bench-smp.log", smp.Log);
    var ratio = System.Text.RegularExpressions.Regex.Match(smp.Log, @"SMP IPC round trips per second: 1 pair (\d+), (\d+) pairs (\d+), ratio ([\d.]+)");
    if (!ratio.Success)
        throw new Exception($"bench smp printed no ratio; serial log:\n{smp.Log}");
    report.Add("IPC round trips per second, 1 pair (2 CPUs, plain TCG, this host)", long.Parse(ratio.Groups[1].Value), "per second");
    report.Add($"IPC round trips per second, {ratio.Groups[2].Value} independent pairs (same run)", long.Parse(ratio.Groups[3].Value), "per second");
    report.Add($"SMP IPC scaling, {ratio.Groups[2].Value} pairs against 1 (goal: at least 1.8)",
        double.Parse(ratio.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture), "ratio");
    // The same for copy-on-write faults: processes that fork and break the pages they share.
    var faults = System.Text.RegularExpressions.Regex.Match(smp.Log, @"SMP copy-on-write faults per second: 1 process (\d+), (\d+) processes (\d+), ratio ([\d.]+)");
    if (!faults.Success)
        throw new Exception($"bench smp printed no copy-on-write ratio; serial log:\n{smp.Log}");
    report.Add("copy-on-write faults per second, 1 process (2 CPUs, plain TCG, this host)", long.Parse(faults.Groups[1].Value), "per second");
    report.Add($"copy-on-write faults per second, {faults.Groups[2].Value} independent processes (same run)", long.Parse(faults.Groups[3].Value), "per second");
    report.Add($"SMP copy-on-write fault scaling, {faults.Groups[2].Value} processes against 1",
        double.Parse(faults.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture), "ratio");

    // Storage: a 16 MiB file on ext2 read through the VFS, beside the raw read rate of the disk.
    var work = $"{artifacts}/bench-disk";
    CleanDirectory(work);
    System.IO.Directory.CreateDirectory($"{work}/tree");
    var big = new byte[16 << 20];
    new Random(42).NextBytes(big);
    System.IO.File.WriteAllBytes($"{work}/tree/big.bin", big);
    Ext2Disk.Create($"{work}/disk.img", $"{work}/tree", 64);
    var steps = new[] { "disks bench 0 16", "dd if=/mnt/big.bin bs=1048576", "poweroff" }.Select(l => new ConsoleStep("ocean$ ", l + "\n")).ToList();
    var storage = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, isoPath, memoryMiB, disks: new[] { $"{work}/disk.img" }), image.Directory,
        null, TimeSpan.FromMinutes(5), steps);
    System.IO.File.WriteAllText($"{logDir}/bench-storage.log", storage.Log);
    if (!report.AddRate("raw block read, 16 MiB (blk, ATA PIO, TCG)", storage.Log, "blk: read ") ||
        !report.AddRate("sequential read of a 16 MiB file through the VFS (ext2, TCG)", storage.Log, "16777216 bytes"))
        throw new Exception($"the storage benchmark did not report; serial log:\n{storage.Log}");

    foreach (var elf in System.IO.Directory.GetFiles($"{image.Directory}/boot/ocean", "*.elf").OrderBy(f => f))
        report.Add($"image size: {System.IO.Path.GetFileName(elf)}", new System.IO.FileInfo(elf).Length, "bytes");

    System.IO.File.WriteAllText($"{artifacts}/bench.json", report.ToJson());
    System.IO.File.WriteAllText($"{artifacts}/bench.md", report.ToMarkdown());
    Information(report.ToMarkdown());
    Information($"Written: {artifacts}/bench.json and {artifacts}/bench.md");
});

// Where the instructions of a hot path go: boots the benchmark program under QEMU's GDB stub and
// single-steps one pass of a loop (--path=syscall: a getpid; --path=ipc: a call+reply round trip between
// two address spaces; --path=wake: one notification wake-up, from a signal to the woken thread's own
// signal; --path=spawn: one fork+exec+wait of `true`, some minutes of single-stepping; --path=mmap: an
// mmap, a write and a munmap through the memory server), then prints the
// instructions by function (build/gdb/trace_path.py). This is how docs/PERFORMANCE.md breaks the Bench
// figures down.
Task("Trace").IsDependentOn("Default").Does(() =>
{
    var path = Argument("path", "ipc") switch
    {
        "syscall" => TracedPath.Syscall,
        "ipc" => TracedPath.Ipc,
        "wake" => TracedPath.Wake,
        "spawn" => TracedPath.Spawn,
        "mmap" => TracedPath.Mmap,
        var other => throw new Exception($"--path={other}: use syscall, ipc, wake, spawn or mmap"),
    };
    var testImage = ComposedImage.Load(testImageDir);
    testImage = testImage with { Kernel = testImage.Kernel with { Cmdline = "init=bench" } };
    CreateDirectory(logDir);
    var trace = PathTrace.Run(root, testImage, isoPath, path, $"{logDir}/trace-serial.log", PathTrace.TimeLimit(path));
    Information($"{trace.Instructions} instructions in one pass ({trace.KernelInstructions} in the kernel, {trace.Instructions - trace.KernelInstructions} in user mode):");
    foreach (var function in trace.Functions)
        Information($"{function.Instructions,6}  {function.Name}");
});

// After Build: some unit tests check the freshly built kernel ELF.
Task("UnitTest").IsDependentOn("Build").Does(() =>
{
    foreach (var project in new[] { "tests/Ocean.UnitTests/Ocean.UnitTests.csproj", "tests/Ocean.Packaging.Tests/Ocean.Packaging.Tests.csproj" })
        DotNetTest(project, new DotNetTestSettings { Configuration = configuration, NoLogo = true });
});

Task("SystemTest").IsDependentOn("Default").Does(() =>
{
    DotNetTest("tests/Ocean.SystemTests/Ocean.SystemTests.csproj", new DotNetTestSettings
    {
        Configuration = configuration,
        NoLogo = true,
        EnvironmentVariables = new Dictionary<string, string> { ["OCEAN_ROOT"] = root, ["OCEAN_CONFIGURATION"] = configuration },
    });
});

Task("Test").IsDependentOn("UnitTest").IsDependentOn("SystemTest");

RunTarget(target);
