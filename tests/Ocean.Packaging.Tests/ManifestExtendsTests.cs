namespace Ocean.Packaging.Tests;

using Ocean.Tests;

/// <summary>A manifest that extends another: the test image is the default image plus its own modules.</summary>
public sealed class ManifestExtendsTests : IDisposable
{
    private const string Base = """
        {
          "loader": { "package": "Ocean.Loader", "version": "0.1.0" },
          "kernel": { "package": "Ocean.Kernel", "version": "0.2.0", "cmdline": "hz=100" },
          "modules": [ { "package": "Ocean.Servers.Init", "version": "0.1.0" }, { "package": "Ocean.Servers.Sh", "version": "0.3.0" } ],
          "services": [ { "name": "sh", "package": "Ocean.Servers.Sh", "console": true } ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("ocean-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void AnExtensionAddsModulesAndReplacesOnlyWhatItNames()
    {
        Write("image.json", Base);
        ImageManifest m = ImageManifest.Load(Write("test.json", """
            { "extends": "image.json", "kernel": { "cmdline": "init=utest" },
              "modules": [ { "package": "Ocean.Tests.UserTests", "version": "0.7.0" } ] }
            """));
        Assert.Equal(new ComponentRef("Ocean.Loader", "0.1.0"), m.Loader);
        Assert.Equal(new ComponentRef("Ocean.Kernel", "0.2.0", "init=utest"), m.Kernel);
        Assert.Equal(new[] { "Ocean.Servers.Init", "Ocean.Servers.Sh", "Ocean.Tests.UserTests" }, m.Modules.Select(x => x.Package));
        Assert.Equal("sh", Assert.Single(m.Services!).Name);
    }

    [Fact]
    public void AVersionChangedInTheBaseReachesTheExtension()
    {
        Write("image.json", Base.Replace("\"0.3.0\"", "\"0.3.1\""));
        ImageManifest m = ImageManifest.Load(Write("test.json", """{ "extends": "image.json" }"""));
        Assert.Equal("0.3.1", m.Modules.Single(x => x.Package == "Ocean.Servers.Sh").Version);
    }

    [Theory]
    [InlineData("""{ "extends": "missing.json" }""", "does not exist")]
    [InlineData("""{ "extends": "image.json", "modules": [ { "package": "Ocean.Servers.Sh", "version": "0.4.0" } ] }""", "listed twice")]
    [InlineData("""{ "extends": "image.json", "kernel": { "version": "new" } }""", "invalid package or version")]
    [InlineData("""{ "extends": "test.json" }""", "more than 8 deep")]
    [InlineData("""{ "extends": 3 }""", "must name another manifest")]
    public void RejectsBadExtensions(string json, string reason)
    {
        Write("image.json", Base);
        string path = Write("test.json", json);
        var error = Assert.Throws<ManifestException>(() => ImageManifest.Load(path));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void AnExtensionParsedWithoutAFileIsRefused()
    {
        var error = Assert.Throws<ManifestException>(() => ImageManifest.Parse("""{ "extends": "image.json" }"""));
        Assert.Contains("loaded from a file", error.Message);
    }

    [Fact]
    public void TheRepositoryTestImageExtendsTheDefaultImage()
    {
        ImageManifest image = ImageManifest.Load(Path.Combine(Repository.Root, "packaging", "image.json"));
        ImageManifest test = ImageManifest.Load(Path.Combine(Repository.Root, "packaging", "test-image.json"));
        Assert.Equal(image.Kernel with { Cmdline = "init=utest lockcheck" }, test.Kernel);
        Assert.Equal(image.Modules, test.Modules.Take(image.Modules.Count));
        Assert.Contains(test.Modules, x => x.Package == "Ocean.Tests.UserTests");
    }
}
