namespace Ocean.Packaging;

using System.Diagnostics;
using System.Text.Json;

/// <summary>The composed image: where it is and what the loader will load.</summary>
public sealed record ComposedImage(string Directory, BootEntry Kernel, IReadOnlyList<BootEntry> Modules, ImageManifest Manifest)
{
    public const string DescriptionFile = "composition.json";

    public string LoaderBinary => Path.Combine(Directory, ImageLayout.LoaderPath.TrimStart('/'));

    /// <summary>Which feed files it was laid out from (<see cref="ImageComposer.Fingerprint"/>).</summary>
    public string? Packages { get; init; }

    /// <summary><paramref name="Composer"/>: which build of this library laid the image out (see <see cref="ImageComposer.Identity"/>).</summary>
    private sealed record Description(ImageManifest Manifest, BootEntry Kernel, List<BootEntry> Modules, string? Composer = null, string? Packages = null);

    public void Save() => File.WriteAllText(Path.Combine(Directory, DescriptionFile),
        JsonSerializer.Serialize(new Description(Manifest, Kernel, Modules.ToList(), ImageComposer.Identity, Packages), new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>An image a previous Compose laid out (read back from its description, never recomposed).</summary>
    public static ComposedImage Load(string directory) => Load(directory, out _);

    private static ComposedImage Load(string directory, out string? composer)
    {
        Description d = JsonSerializer.Deserialize<Description>(File.ReadAllText(Path.Combine(directory, DescriptionFile)))
            ?? throw new FeedException($"{directory}/{DescriptionFile} is empty");
        composer = d.Composer;
        return new ComposedImage(directory, d.Kernel, d.Modules, d.Manifest) { Packages = d.Packages };
    }

    /// <summary>
    /// The image already in <paramref name="directory"/> if it is exactly what composing
    /// <paramref name="manifest"/> would lay out: the same manifest, composed by this very build of the
    /// composer from the same feed files (<paramref name="packages"/>: a local feed that was emptied
    /// and packed again holds new files under the same versions), every file still there. Null when
    /// it must be composed again.
    /// </summary>
    public static ComposedImage? Current(string directory, ImageManifest manifest, string packages)
    {
        if (!File.Exists(Path.Combine(directory, DescriptionFile)))
            return null;
        ComposedImage image;
        string? composer;
        try
        {
            image = Load(directory, out composer);
        }
        catch (JsonException)
        {
            return null;
        }
        bool same = composer == ImageComposer.Identity && image.Packages == packages &&
            JsonSerializer.Serialize(image.Manifest) == JsonSerializer.Serialize(manifest) &&
            File.Exists(image.LoaderBinary) &&
            image.Modules.Prepend(image.Kernel).All(entry => File.Exists(Path.Combine(directory, entry.Path.TrimStart('/'))));
        return same ? image : null;
    }
}

/// <summary>
/// Compose: restores exactly the manifest's package versions from the local feed (into a fresh,
/// image-private packages folder, so no stale NuGet cache copy can slip in) and lays out the image
/// tree with its boot configurations. It never compiles anything.
/// </summary>
public sealed class ImageComposer(string repositoryRoot, LocalFeed feed)
{
    /// <summary>This build of the composer (its module's id changes with its code): an image it laid out is only reused by the same build.</summary>
    public static string Identity { get; } = typeof(ImageComposer).Module.ModuleVersionId.ToString();

    /// <summary>
    /// Which feed files these are: each one's name, size and time of writing. Cheap to take on every
    /// build, and different once a package is packed again.
    /// </summary>
    public static string Fingerprint(IEnumerable<FeedPackage> packages) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n",
            packages.Select(p => new FileInfo(p.Path)).Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}")))));

    public ComposedImage Compose(ImageManifest manifest, string imageDirectory, string workDirectory)
    {
        string packagesUsed = Fingerprint(manifest.All.Select(component => feed.Require(component.Package, component.Version)).ToList());
        if (ComposedImage.Current(imageDirectory, manifest, packagesUsed) is { } current)
            return current;   // nothing changed: a build with nothing to do does nothing

        string packages = Restore(manifest, workDirectory);

        if (System.IO.Directory.Exists(imageDirectory))
            System.IO.Directory.Delete(imageDirectory, recursive: true);
        string moduleDir = Path.Combine(imageDirectory, ImageLayout.ModuleDirectory.TrimStart('/'));
        System.IO.Directory.CreateDirectory(moduleDir);

        CopyFromPackage(packages, manifest.Loader, "loader.bin", Path.Combine(imageDirectory, ImageLayout.LoaderPath.TrimStart('/')));
        CopyFromPackage(packages, manifest.Kernel, "kernel.elf", Path.Combine(moduleDir, "kernel.elf"));
        var kernel = new BootEntry(ImageLayout.KernelPath, manifest.Kernel.Cmdline.Trim());
        var modules = new List<BootEntry>();
        var programPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (ComponentRef module in manifest.Modules)
        {
            string elf = SingleElf(packages, module);
            File.Copy(elf, Path.Combine(moduleDir, Path.GetFileName(elf)), overwrite: true);
            programPaths[module.Package] = ImageLayout.ModulePath(Path.GetFileName(elf));
            modules.Add(new BootEntry(programPaths[module.Package], module.ModuleCmdline));
        }
        if (manifest.Services is { Count: > 0 })
        {
            // Generated from the manifest, not packaged: which services run is the composition's choice.
            WriteText(Path.Combine(moduleDir, ServiceList.FileName), ServiceList.Generate(manifest, programPaths));
            modules.Add(new BootEntry(ImageLayout.ModulePath(ServiceList.FileName), ServiceList.ModuleCmdline));
        }

        WriteText(Path.Combine(imageDirectory, "boot", "grub", "grub.cfg"), BootConfig.Grub(kernel, modules));
        WriteText(Path.Combine(imageDirectory, "boot", "limine", "limine.conf"), BootConfig.Limine(kernel, modules));
        var image = new ComposedImage(imageDirectory, kernel, modules, manifest) { Packages = packagesUsed };
        image.Save();
        return image;
    }

    /// <summary>Restores the image's packages with NuGet into workDirectory/packages (emptied first).</summary>
    private string Restore(ImageManifest manifest, string workDirectory)
    {
        string packages = Path.Combine(workDirectory, "packages");
        if (System.IO.Directory.Exists(packages))
            System.IO.Directory.Delete(packages, recursive: true);
        System.IO.Directory.CreateDirectory(workDirectory);
        string project = Path.Combine(workDirectory, "Ocean.Image.csproj");
        string references = string.Join("\n", manifest.All.Select(c =>
            $"    <PackageReference Include=\"{c.Package}\" Version=\"[{c.Version}]\" />"));
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Generated by Compose: the image's packages at exact versions. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
                <RestoreSources>{feed.Directory}</RestoreSources>
                <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        var start = new ProcessStartInfo("dotnet", $"restore \"{project}\" --nologo -v q")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repositoryRoot,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new FeedException($"restoring the image's packages failed:\n{output}");
        return packages;
    }

    private static string PackageDirectory(string packages, ComponentRef component) =>
        Path.Combine(packages, component.Package.ToLowerInvariant(), PackageVersion.Parse(component.Version).ToString().ToLowerInvariant());

    private static void CopyFromPackage(string packages, ComponentRef component, string fileName, string destination)
    {
        string source = Path.Combine(PackageDirectory(packages, component), "boot", fileName);
        if (!File.Exists(source))
            throw new FeedException($"{component.Package} {component.Version} has no boot/{fileName}: is it the right kind of package?");
        File.Copy(source, destination, overwrite: true);
    }

    private static string SingleElf(string packages, ComponentRef component)
    {
        string boot = Path.Combine(PackageDirectory(packages, component), "boot");
        string[] elves = System.IO.Directory.Exists(boot) ? System.IO.Directory.GetFiles(boot, "*.elf") : Array.Empty<string>();
        if (elves.Length != 1)
            throw new FeedException($"{component.Package} {component.Version} must carry exactly one boot/*.elf (found {elves.Length})");
        return elves[0];
    }

    private static void WriteText(string path, string text)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
