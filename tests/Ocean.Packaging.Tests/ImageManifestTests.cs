namespace Ocean.Packaging.Tests;

using Ocean.Tests;

public class ImageManifestTests
{
    private const string Valid = """
        {
          "loader": { "package": "Ocean.Loader", "version": "0.1.0" },
          "kernel": { "package": "Ocean.Kernel", "version": "0.2.0", "cmdline": "selftest" },
          "modules": [
            { "package": "Ocean.Servers.Init", "version": "0.1.0" },
            { "package": "Ocean.Servers.Sh", "version": "1.0.0-beta.1", "cmdline": "--login" }
          ]
        }
        """;

    [Fact]
    public void ParsesComponentsInLoadOrder()
    {
        ImageManifest m = ImageManifest.Parse(Valid);
        Assert.Equal(new ComponentRef("Ocean.Loader", "0.1.0"), m.Loader);
        Assert.Equal("selftest", m.Kernel.Cmdline);
        Assert.Equal(new[] { "Ocean.Servers.Init", "Ocean.Servers.Sh" }, m.Modules.Select(x => x.Package));
        Assert.Equal(4, m.All.Count());
    }

    [Fact]
    public void ModuleCommandLineCarriesPackageAndVersion()
    {
        ImageManifest m = ImageManifest.Parse(Valid);
        Assert.Equal("Ocean.Servers.Init@0.1.0", m.Modules[0].ModuleCmdline);
        Assert.Equal("Ocean.Servers.Sh@1.0.0-beta.1 --login", m.Modules[1].ModuleCmdline);
    }

    [Theory]
    [InlineData("""{ "kernel": { "package": "K", "version": "1.0.0" } }""", "missing 'loader'")]
    [InlineData("""{ "loader": { "package": "L", "version": "1.0" }, "kernel": { "package": "K", "version": "1.0.0" } }""", "invalid version '1.0'")]
    [InlineData("""{ "loader": { "package": "", "version": "1.0.0" }, "kernel": { "package": "K", "version": "1.0.0" } }""", "needs a non-empty 'package'")]
    [InlineData("""{ "loader": { "package": "L", "version": "1.0.0" }, "kernel": { "package": "K", "version": "1.0.0" }, "modules": {} }""", "must be an array")]
    [InlineData("""{ "loader": { "package": "L", "version": "1.0.0" }, "kernel": { "package": "K", "version": "1.0.0" }, "modules": [ { "package": "A", "version": "1.0.0" }, { "package": "a", "version": "2.0.0" } ] }""", "listed twice")]
    [InlineData("""{ "loader": { "package": "L", "version": "1.0.0" }, "kernel": { "package": "K", "version": "1.0.0", "cmdline": "a,b" } }""", "may not contain ','")]
    public void RejectsBadManifestsWithAReason(string json, string reason)
    {
        var error = Assert.Throws<ManifestException>(() => ImageManifest.Parse(json));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void OverrideSwapsOnlyTheNamedPackage()
    {
        ImageManifest m = ImageManifest.Parse(Valid).WithOverrides("ocean.servers.init=0.3.0; Ocean.Kernel=0.2.1");
        Assert.Equal("0.3.0", m.Modules[0].Version);
        Assert.Equal("0.2.1", m.Kernel.Version);
        Assert.Equal("selftest", m.Kernel.Cmdline);
        Assert.Equal("1.0.0-beta.1", m.Modules[1].Version);
        Assert.Equal("0.1.0", m.Loader.Version);
    }

    [Theory]
    [InlineData("Ocean.Servers.Vfs=0.1.0", "not part of the image")]
    [InlineData("Ocean.Kernel", "not of the form Package=Version")]
    [InlineData("Ocean.Kernel=latest", "invalid version")]
    public void RejectsBadOverrides(string overrides, string reason)
    {
        var error = Assert.Throws<ManifestException>(() => ImageManifest.Parse(Valid).WithOverrides(overrides));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void TheRepositoryManifestIsValid()
    {
        ImageManifest m = ImageManifest.Load(Path.Combine(Repository.Root, "packaging", "image.json"));
        Assert.Equal("Ocean.Kernel", m.Kernel.Package);
        Assert.Contains(m.Modules, x => x.Package == "Ocean.Servers.Init");
    }
}
