namespace Ocean.Packaging.Tests;

/// <summary>The manifest's services and the service list module generated from them for init.</summary>
public class ServiceListTests
{
    private static string Manifest(string services) => $$"""
        {
          "loader": { "package": "Ocean.Loader", "version": "0.1.0" },
          "kernel": { "package": "Ocean.Kernel", "version": "0.2.0" },
          "modules": [
            { "package": "Ocean.Servers.Init", "version": "0.1.0" },
            { "package": "Ocean.Servers.Vfs", "version": "0.3.0" },
            { "package": "Ocean.Servers.Blk", "version": "0.4.0" },
            { "package": "Ocean.Servers.Sh", "version": "1.0.0" }
          ],
          "services": {{services}}
        }
        """;

    private static readonly Dictionary<string, string> Programs = new()
    {
        ["Ocean.Servers.Vfs"] = "/boot/ocean/vfs.elf",
        ["Ocean.Servers.Blk"] = "/boot/ocean/blk.elf",
        ["Ocean.Servers.Sh"] = "/boot/ocean/sh.elf",
    };

    [Fact]
    public void GeneratesOneLinePerServiceInOrderWithVersionsFromTheModules()
    {
        ImageManifest manifest = ImageManifest.Parse(Manifest("""
            [
              { "name": "vfs", "package": "Ocean.Servers.Vfs" },
              { "name": "blk", "package": "Ocean.Servers.Blk", "ports": ["0x1F0-0x1F7", "1014-1014"], "irqs": [14], "args": ["-v"] },
              { "name": "sh", "package": "Ocean.Servers.Sh", "console": true }
            ]
            """));
        string[] lines = ServiceList.Generate(manifest, Programs).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("#", lines[0]);
        Assert.Equal("vfs Ocean.Servers.Vfs@0.3.0 /boot/ocean/vfs.elf", lines[1]);
        Assert.Equal("blk Ocean.Servers.Blk@0.4.0 /boot/ocean/blk.elf ports=0x1f0-0x1f7 ports=0x3f6-0x3f6 irq=14 arg=-v", lines[2]);
        Assert.Equal("sh Ocean.Servers.Sh@1.0.0 /boot/ocean/sh.elf console", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void AVersionOverrideReachesTheServiceList()
    {
        ImageManifest manifest = ImageManifest.Parse(Manifest("""[ { "name": "vfs", "package": "Ocean.Servers.Vfs" } ]"""))
            .WithOverrides("Ocean.Servers.Vfs=0.3.1");
        Assert.Contains("vfs Ocean.Servers.Vfs@0.3.1 ", ServiceList.Generate(manifest, Programs));
    }

    [Fact]
    public void NoServicesMeansNoList() => Assert.Null(ImageManifest.Parse(Manifest("null").Replace("\"services\": null", "\"x\": 0")).Services);

    [Theory]
    [InlineData("""[ { "name": "vfs", "package": "Ocean.Servers.Nope" } ]""", "not one of the modules")]
    [InlineData("""[ { "name": "vfs", "package": "Ocean.Servers.Vfs" }, { "name": "vfs", "package": "Ocean.Servers.Blk" } ]""", "listed twice")]
    [InlineData("""[ { "name": "a name", "package": "Ocean.Servers.Vfs" } ]""", "without blanks")]
    [InlineData("""[ { "name": "averyveryverylongname", "package": "Ocean.Servers.Vfs" } ]""", "1 to 16")]
    [InlineData("""[ { "name": "blk", "package": "Ocean.Servers.Blk", "ports": ["0x1F7-0x1F0"] } ]""", "not FIRST-LAST")]
    [InlineData("""[ { "name": "blk", "package": "Ocean.Servers.Blk", "ports": ["0x10000-0x10001"] } ]""", "not FIRST-LAST")]
    [InlineData("""[ { "name": "blk", "package": "Ocean.Servers.Blk", "irqs": [16] } ]""", "ISA lines 0 to 15")]
    [InlineData("""[ { "name": "blk", "package": "Ocean.Servers.Blk", "args": ["a b"] } ]""", "single words")]
    [InlineData("""[ { "name": "a", "package": "Ocean.Servers.Sh", "console": true }, { "name": "b", "package": "Ocean.Servers.Sh", "console": true } ]""", "only one service can be the console")]
    [InlineData("""{ "name": "vfs" }""", "'services' must be an array")]
    public void RefusesBadServices(string services, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => ImageManifest.Parse(Manifest(services)));
        Assert.Contains(expected, error.Message);
    }
}
