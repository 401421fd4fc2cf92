namespace Ocean.Packaging.Tests;

using System.IO.Compression;
using System.Text;

public class LocalFeedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ocean-feed-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A minimal package: nuspec, one payload file, and NuGet's bookkeeping with a varying value.
    private string MakePackage(string id, string version, string payload, string name)
    {
        string path = Path.Combine(_dir, "staging-" + Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Write(zip, $"{id}.nuspec", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2012/06/nuspec.xsd">
                  <metadata><id>{id}</id><version>{version}</version><authors>t</authors><description>t</description></metadata>
                </package>
                """);
            Write(zip, "boot/x.elf", payload);
            Write(zip, $"package/services/metadata/core-properties/{Guid.NewGuid():N}.psmdcp", Guid.NewGuid().ToString());
        }
        return path;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using Stream s = zip.CreateEntry(name).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }

    private string FeedDir => Path.Combine(_dir, "feed");

    [Fact]
    public void PublishesAndListsPackagesByNuspecIdentity()
    {
        var feed = new LocalFeed(FeedDir);
        Assert.Equal(LocalFeed.PublishResult.Added, feed.Publish(MakePackage("Ocean.Servers.Sh", "0.1.0", "a", "x.nupkg")));
        Assert.Equal(LocalFeed.PublishResult.Added, feed.Publish(MakePackage("Ocean.Servers.Sh", "0.2.0-rc.1", "b", "y.nupkg")));
        Assert.Equal(new[] { "0.1.0", "0.2.0-rc.1" }, feed.VersionsOf("ocean.servers.sh").Select(v => v.ToString()));
        Assert.NotNull(feed.Find("Ocean.Servers.Sh", "0.2.0-rc.1"));
        Assert.Null(feed.Find("Ocean.Servers.Sh", "0.3.0"));
    }

    [Fact]
    public void RepublishingTheSameContentIsANoOp()
    {
        var feed = new LocalFeed(FeedDir);
        feed.Publish(MakePackage("Ocean.Kernel", "1.0.0", "same", "k.nupkg"));
        Assert.Equal(LocalFeed.PublishResult.AlreadyPresent, feed.Publish(MakePackage("Ocean.Kernel", "1.0.0", "same", "k.nupkg")));
        Assert.Single(Directory.GetFiles(FeedDir));
    }

    [Fact]
    public void RepublishingAVersionWithDifferentContentIsAnError()
    {
        var feed = new LocalFeed(FeedDir);
        feed.Publish(MakePackage("Ocean.Kernel", "1.0.0", "old", "k.nupkg"));
        var error = Assert.Throws<FeedException>(() => feed.Publish(MakePackage("Ocean.Kernel", "1.0.0", "new", "k.nupkg")));
        Assert.Contains("already in the feed with different content", error.Message);
        Assert.Equal(LocalFeed.ContentDigest(Directory.GetFiles(FeedDir).Single()),
            LocalFeed.ContentDigest(MakePackage("Ocean.Kernel", "1.0.0", "old", "k.nupkg")));
    }

    [Fact]
    public void RequireListsTheVersionsTheFeedHas()
    {
        var feed = new LocalFeed(FeedDir);
        feed.Publish(MakePackage("Ocean.Servers.Vfs", "0.1.0", "a", "a.nupkg"));
        feed.Publish(MakePackage("Ocean.Servers.Vfs", "0.1.1", "b", "b.nupkg"));
        var error = Assert.Throws<FeedException>(() => feed.Require("Ocean.Servers.Vfs", "0.2.0"));
        Assert.Contains("Ocean.Servers.Vfs 0.2.0 is not in the feed", error.Message);
        Assert.Contains("versions: 0.1.0, 0.1.1", error.Message);
        var unknown = Assert.Throws<FeedException>(() => feed.Require("Ocean.Servers.Nope", "1.0.0"));
        Assert.Contains("no package 'Ocean.Servers.Nope'", unknown.Message);
        Assert.Contains("Ocean.Servers.Vfs", unknown.Message);
    }
}
