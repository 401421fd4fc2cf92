namespace Ocean.SystemTests;

using System.Diagnostics;
using Ocean.Packaging;

/// <summary>
/// Packs one server at a second version, composes with each version, boots, and checks that only that
/// server changed: the kernel lists the new version, every other file is byte-identical, nothing was recompiled.
/// </summary>
public class VersionSwapTests
{
    private const string SwappedPackage = "Ocean.Servers.Sh";
    private const string SwappedVersion = "9.9.9-swaptest";

    private static readonly string[] OtherElves =
    {
        "kernel/bin/{0}/net10.0/kernel.elf", "loader/bin/{0}/net10.0/loader.elf", "servers/init/bin/{0}/net10.0/init.elf",
        "servers/vfs/bin/{0}/net10.0/vfs.elf", "servers/blk/bin/{0}/net10.0/blk.elf",
    };

    [Fact]
    public void SwappingOneServerVersionChangesOnlyThatServer()
    {
        string work = Directory.CreateTempSubdirectory("ocean-swap-").FullName;
        string feedDir = Path.Combine(work, "feed");
        Directory.CreateDirectory(feedDir);
        foreach (string nupkg in Directory.GetFiles(OceanEnvironment.Feed, "*.nupkg"))
            File.Copy(nupkg, Path.Combine(feedDir, Path.GetFileName(nupkg)));
        var feed = new LocalFeed(feedDir);

        var before = OtherElves.ToDictionary(e => e, e => File.GetLastWriteTimeUtc(BuildOutput(e)));
        string packed = Path.Combine(work, "packed");
        DotNet($"pack servers/sh/Ocean.Servers.Sh.csproj -c {OceanEnvironment.Configuration} --nologo " +
               $"-p:OceanVersionOverrideFor={SwappedPackage} -p:OceanVersionOverride={SwappedVersion} -o \"{packed}\"");
        foreach (string nupkg in Directory.GetFiles(packed, "*.nupkg"))
            feed.Publish(nupkg);
        foreach (string elf in OtherElves)
            Assert.True(before[elf] == File.GetLastWriteTimeUtc(BuildOutput(elf)), $"{elf} was rebuilt by packing {SwappedPackage}");
        Assert.Contains(feed.VersionsOf(SwappedPackage), v => v.ToString() == SwappedVersion);

        var composer = new ImageComposer(OceanEnvironment.Root, feed);
        ImageManifest manifest = OceanEnvironment.Manifest;
        ComposedImage original = composer.Compose(manifest, Path.Combine(work, "image-a"), Path.Combine(work, "compose-a"));
        ComposedImage swapped = composer.Compose(manifest.WithOverrides($"{SwappedPackage}={SwappedVersion}"),
            Path.Combine(work, "image-b"), Path.Combine(work, "compose-b"));

        foreach (string file in Directory.GetFiles(Path.Combine(original.Directory, "boot", "ocean")).Append(original.LoaderBinary))
        {
            string relative = Path.GetRelativePath(original.Directory, file);
            if (Path.GetFileName(file) == "sh.elf")
                continue;
            if (Path.GetFileName(file) == ServiceList.FileName)
            {
                // Generated from the composition: it names the shell's new version, and nothing else changes.
                string composedVersion = manifest.Modules.First(m => m.Package == SwappedPackage).Version;
                Assert.Equal(File.ReadAllText(file).Replace($"{SwappedPackage}@{composedVersion} ", $"{SwappedPackage}@{SwappedVersion} "),
                    File.ReadAllText(Path.Combine(swapped.Directory, relative)));
                continue;
            }
            Assert.True(File.ReadAllBytes(file).SequenceEqual(File.ReadAllBytes(Path.Combine(swapped.Directory, relative))),
                $"{relative} differs between the two compositions");
        }

        QemuRun run = Boot.Run(BootPath.Direct, swapped, 256, TimeSpan.FromSeconds(60));
        Boot.Require(run, run.MatchedExpectation, "the swapped image did not boot");
        Boot.RequireLine(run, $"{SwappedPackage}@{SwappedVersion}");
        string originalVersion = manifest.Modules.First(m => m.Package == SwappedPackage).Version;
        string initVersion = manifest.Modules.First(m => m.Package == "Ocean.Servers.Init").Version;
        Boot.Require(run, !run.Log.Contains($"{SwappedPackage}@{originalVersion}"), "the old version is still listed");
        Boot.RequireLine(run, $"Ocean.Servers.Init@{initVersion}");
    }

    [Fact]
    public void ComposingAVersionTheFeedLacksListsTheVersionsItHas()
    {
        var feed = new LocalFeed(OceanEnvironment.Feed);
        var composer = new ImageComposer(OceanEnvironment.Root, feed);
        string work = Directory.CreateTempSubdirectory("ocean-missing-").FullName;
        var error = Assert.Throws<FeedException>(() => composer.Compose(
            OceanEnvironment.Manifest.WithOverrides("Ocean.Servers.Vfs=9.9.9"), Path.Combine(work, "image"), Path.Combine(work, "compose")));
        Assert.Contains("Ocean.Servers.Vfs 9.9.9 is not in the feed", error.Message);
        Assert.Contains(OceanEnvironment.Manifest.Modules.First(m => m.Package == "Ocean.Servers.Vfs").Version, error.Message);
    }

    private static string BuildOutput(string pattern) =>
        Path.Combine(OceanEnvironment.Root, string.Format(pattern, OceanEnvironment.Configuration));

    private static void DotNet(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = OceanEnvironment.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {arguments} failed:\n{output}");
    }
}
