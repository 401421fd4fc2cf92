namespace Ocean.Packaging.Tests;

/// <summary>
/// A composed image is reused (Compose does nothing) only when it is exactly what composing the
/// manifest again would lay out.
/// </summary>
public sealed class ComposedImageTests : IDisposable
{
    private const string Manifest = """
        {
          "loader": { "package": "Ocean.Loader", "version": "0.1.0" },
          "kernel": { "package": "Ocean.Kernel", "version": "0.2.0", "cmdline": "hz=100" },
          "modules": [ { "package": "Ocean.Servers.Init", "version": "0.1.0" } ]
        }
        """;

    private const string Packages = "fingerprint-of-the-feed-files";

    private readonly string _directory = Directory.CreateTempSubdirectory("ocean-composed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Lays out what Compose would have: the description, the loader, the kernel and the module.
    private ImageManifest LayOut()
    {
        ImageManifest manifest = ImageManifest.Parse(Manifest);
        var kernel = new BootEntry(ImageLayout.KernelPath, "hz=100");
        var modules = new List<BootEntry> { new(ImageLayout.ModulePath("init.elf"), "Ocean.Servers.Init@0.1.0") };
        var image = new ComposedImage(_directory, kernel, modules, manifest) { Packages = Packages };
        foreach (string path in new[] { image.LoaderBinary, Path.Combine(_directory, ImageLayout.KernelPath.TrimStart('/')),
                     Path.Combine(_directory, modules[0].Path.TrimStart('/')) })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "x");
        }
        image.Save();
        return manifest;
    }

    [Fact]
    public void TheSameManifestReusesTheImage()
    {
        LayOut();
        ComposedImage? current = ComposedImage.Current(_directory, ImageManifest.Parse(Manifest), Packages);
        Assert.NotNull(current);
        Assert.Equal("hz=100", current.Kernel.Cmdline);
    }

    [Fact]
    public void AnotherVersionOrCommandLineComposesAgain()
    {
        ImageManifest manifest = LayOut();
        Assert.Null(ComposedImage.Current(_directory, manifest with { Kernel = manifest.Kernel with { Version = "0.2.1" } }, Packages));
        Assert.Null(ComposedImage.Current(_directory, manifest with { Kernel = manifest.Kernel with { Cmdline = "selftest" } }, Packages));
        Assert.Null(ComposedImage.Current(_directory, ImageManifest.Parse(Manifest).WithOverrides("Ocean.Servers.Init=0.1.1"), Packages));
    }

    [Fact]
    public void AMissingFileOrDescriptionComposesAgain()
    {
        ImageManifest manifest = LayOut();
        File.Delete(Path.Combine(_directory, ImageLayout.ModulePath("init.elf").TrimStart('/')));
        Assert.Null(ComposedImage.Current(_directory, manifest, Packages));
        File.Delete(Path.Combine(_directory, ComposedImage.DescriptionFile));
        Assert.Null(ComposedImage.Current(_directory, manifest, Packages));
    }

    [Fact]
    public void AnImageFromAnotherComposerBuildComposesAgain()
    {
        ImageManifest manifest = LayOut();
        string description = Path.Combine(_directory, ComposedImage.DescriptionFile);
        File.WriteAllText(description, File.ReadAllText(description).Replace(ImageComposer.Identity, "another-build"));
        Assert.Null(ComposedImage.Current(_directory, manifest, Packages));
    }

    [Fact]
    public void PackagesPackedAgainUnderTheSameVersionsComposeAgain()
    {
        ImageManifest manifest = LayOut();
        Assert.Null(ComposedImage.Current(_directory, manifest, "fingerprint-after-the-feed-was-emptied-and-packed-again"));
    }

    [Fact]
    public void TheFingerprintChangesWhenAFeedFileIsWrittenAgain()
    {
        string nupkg = Path.Combine(_directory, "ocean.kernel.0.2.0.nupkg");
        File.WriteAllText(nupkg, "first pack");
        var package = new FeedPackage("Ocean.Kernel", PackageVersion.Parse("0.2.0"), nupkg);
        string first = ImageComposer.Fingerprint([package]);
        Assert.Equal(first, ImageComposer.Fingerprint([package]));
        File.WriteAllText(nupkg, "second pack");
        File.SetLastWriteTimeUtc(nupkg, DateTime.UtcNow.AddSeconds(5));
        Assert.NotEqual(first, ImageComposer.Fingerprint([package]));
    }
}
