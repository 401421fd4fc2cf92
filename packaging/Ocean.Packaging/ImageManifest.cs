namespace Ocean.Packaging;

using System.Text.Json;

/// <summary>One component of the image: a package at an exact version, and its module command line.</summary>
public sealed record ComponentRef(string Package, string Version, string Cmdline = "")
{
    /// <summary>What the kernel's module list shows: package id and version, then the arguments.</summary>
    public string ModuleCmdline => string.IsNullOrWhiteSpace(Cmdline) ? $"{Package}@{Version}" : $"{Package}@{Version} {Cmdline.Trim()}";
}

/// <summary>packaging/image.json: the loader, the kernel and the boot modules, in load order.</summary>
public sealed record ImageManifest(ComponentRef Loader, ComponentRef Kernel, IReadOnlyList<ComponentRef> Modules)
{
    public IEnumerable<ComponentRef> All => new[] { Loader, Kernel }.Concat(Modules);

    public static ImageManifest Load(string path) => Parse(File.ReadAllText(path), path);

    public static ImageManifest Parse(string json, string source = "manifest")
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        JsonElement root = document.RootElement;
        ComponentRef loader = ReadComponent(root, "loader", source);
        ComponentRef kernel = ReadComponent(root, "kernel", source);
        var modules = new List<ComponentRef>();
        if (root.TryGetProperty("modules", out JsonElement list))
        {
            if (list.ValueKind != JsonValueKind.Array)
                throw new ManifestException($"{source}: 'modules' must be an array");
            int index = 0;
            foreach (JsonElement item in list.EnumerateArray())
                modules.Add(ReadComponent(item, $"modules[{index++}]", source));
        }
        var duplicate = modules.GroupBy(m => m.Package, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ManifestException($"{source}: package '{duplicate.Key}' is listed twice");
        return new ImageManifest(loader, kernel, modules);
    }

    private static ComponentRef ReadComponent(JsonElement parent, string name, string source)
    {
        JsonElement element = parent;
        if (!name.StartsWith("modules[", StringComparison.Ordinal) && !parent.TryGetProperty(name, out element))
            throw new ManifestException($"{source}: missing '{name}'");
        if (element.ValueKind != JsonValueKind.Object)
            throw new ManifestException($"{source}: '{name}' must be an object");
        string package = RequiredString(element, "package", name, source);
        string version = RequiredString(element, "version", name, source);
        if (!PackageVersion.TryParse(version, out _))
            throw new ManifestException($"{source}: '{name}' has an invalid version '{version}'");
        string cmdline = element.TryGetProperty("cmdline", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        if (cmdline.Contains(','))
            throw new ManifestException($"{source}: '{name}' command line may not contain ',' (QEMU separates modules with it)");
        return new ComponentRef(package, version, cmdline);
    }

    private static string RequiredString(JsonElement element, string property, string name, string source)
    {
        if (!element.TryGetProperty(property, out JsonElement value) || value.ValueKind != JsonValueKind.String ||
            string.IsNullOrWhiteSpace(value.GetString()))
            throw new ManifestException($"{source}: '{name}' needs a non-empty '{property}'");
        return value.GetString()!.Trim();
    }

    /// <summary>
    /// Applies command-line overrides of the form "Package=Version" (comma or semicolon separated);
    /// an override naming a package that is not in the image is an error.
    /// </summary>
    public ImageManifest WithOverrides(string? overrides)
    {
        if (string.IsNullOrWhiteSpace(overrides))
            return this;
        ImageManifest result = this;
        foreach (string item in overrides.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1)
                throw new ManifestException($"override '{item}' is not of the form Package=Version");
            string package = item[..eq].Trim(), version = item[(eq + 1)..].Trim();
            if (!PackageVersion.TryParse(version, out _))
                throw new ManifestException($"override '{item}': invalid version '{version}'");
            result = result.Replace(package, version);
        }
        return result;
    }

    private ImageManifest Replace(string package, string version)
    {
        static ComponentRef Swap(ComponentRef c, string package, string version) =>
            string.Equals(c.Package, package, StringComparison.OrdinalIgnoreCase) ? c with { Version = version } : c;
        if (!All.Any(c => string.Equals(c.Package, package, StringComparison.OrdinalIgnoreCase)))
            throw new ManifestException($"override names '{package}', which is not part of the image ({string.Join(", ", All.Select(c => c.Package))})");
        return new ImageManifest(Swap(Loader, package, version), Swap(Kernel, package, version),
            Modules.Select(m => Swap(m, package, version)).ToList());
    }
}

public sealed class ManifestException(string message) : Exception(message);
