namespace Ocean.Packaging;

using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;

/// <summary>A package in the feed, identified by the id and version in its .nuspec.</summary>
public sealed record FeedPackage(string Id, PackageVersion Version, string Path);

/// <summary>
/// The local folder feed (flat: one .nupkg per id and version). Versions are immutable: publishing a
/// version the feed already has is a no-op when the content is the same and an error when it differs.
/// </summary>
public sealed class LocalFeed(string directory)
{
    public string Directory { get; } = directory;

    public IReadOnlyList<FeedPackage> List()
    {
        if (!System.IO.Directory.Exists(Directory))
            return Array.Empty<FeedPackage>();
        return System.IO.Directory.GetFiles(Directory, "*.nupkg")
            .Select(Read)
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version)
            .ToList();
    }

    public IReadOnlyList<PackageVersion> VersionsOf(string id) =>
        List().Where(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)).Select(p => p.Version).ToList();

    public FeedPackage? Find(string id, string version) =>
        PackageVersion.TryParse(version, out PackageVersion v)
            ? List().FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase) && p.Version.Equals(v))
            : null;

    /// <summary>Fails with a message listing what the feed has when the exact version is missing.</summary>
    public FeedPackage Require(string id, string version)
    {
        FeedPackage? found = Find(id, version);
        if (found is not null)
            return found;
        IReadOnlyList<PackageVersion> versions = VersionsOf(id);
        string have = versions.Count == 0
            ? $"the feed has no package '{id}' (it has: {string.Join(", ", List().Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase))})"
            : $"the feed has {id} versions: {string.Join(", ", versions)}";
        throw new FeedException($"{id} {version} is not in the feed {Directory}: {have}");
    }

    public static FeedPackage Read(string nupkg)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        ZipArchiveEntry nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            ?? throw new FeedException($"{nupkg} has no .nuspec");
        using Stream stream = nuspec.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        string id = metadata.Elements().First(e => e.Name.LocalName == "id").Value;
        string version = metadata.Elements().First(e => e.Name.LocalName == "version").Value;
        return new FeedPackage(id, PackageVersion.Parse(version), nupkg);
    }

    /// <summary>
    /// A digest of what a package delivers: every file except NuGet's own bookkeeping (which carries
    /// timestamps and random ids), so two packs of the same content compare equal.
    /// </summary>
    public static string ContentDigest(string nupkg)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => !IsBookkeeping(e.FullName)).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(entry.FullName + "\n"));
            using Stream s = entry.Open();
            using var buffer = new MemoryStream();
            s.CopyTo(buffer);
            sha.AppendData(buffer.ToArray());
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static bool IsBookkeeping(string name) =>
        name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/", StringComparison.Ordinal) ||
        name == "[Content_Types].xml" || name.EndsWith(".psmdcp", StringComparison.Ordinal);

    public enum PublishResult { Added, AlreadyPresent }

    /// <summary>Copies a freshly packed .nupkg into the feed, enforcing immutable versions.</summary>
    public PublishResult Publish(string nupkg)
    {
        FeedPackage incoming = Read(nupkg);
        System.IO.Directory.CreateDirectory(Directory);
        FeedPackage? existing = Find(incoming.Id, incoming.Version.ToString());
        if (existing is not null)
        {
            if (ContentDigest(existing.Path) == ContentDigest(nupkg))
                return PublishResult.AlreadyPresent;
            throw new FeedException(
                $"{incoming.Id} {incoming.Version} is already in the feed with different content. Versions are immutable: " +
                $"raise <Version> in the project, or start over with ./build.sh --target=Clean.");
        }
        File.Copy(nupkg, System.IO.Path.Combine(Directory, $"{incoming.Id.ToLowerInvariant()}.{incoming.Version}.nupkg"));
        return PublishResult.Added;
    }
}

public sealed class FeedException(string message) : Exception(message);
