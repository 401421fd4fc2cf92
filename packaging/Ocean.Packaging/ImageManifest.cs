namespace Ocean.Packaging;

using System.Text.Json;

/// <summary>One component of the image: a package at an exact version, and its module command line.</summary>
public sealed record ComponentRef(string Package, string Version, string Cmdline = "")
{
    /// <summary>What the kernel's module list shows: package id and version, then the arguments.</summary>
    public string ModuleCmdline => string.IsNullOrWhiteSpace(Cmdline) ? $"{Package}@{Version}" : $"{Package}@{Version} {Cmdline.Trim()}";
}

/// <summary>
/// A service init starts, in manifest order: its name, the module package whose program runs it, and
/// what it is given: hardware (I/O port ranges "FIRST-LAST", IRQ lines) and arguments. The console
/// service (the shell) is started after all others and gets no endpoint.
/// </summary>
public sealed record ServiceRef(string Name, string Package, bool Console = false, IReadOnlyList<string>? Ports = null,
                                IReadOnlyList<int>? Irqs = null, IReadOnlyList<string>? Args = null);

/// <summary>packaging/image.json: the loader, the kernel and the boot modules, in load order, and the services init runs.</summary>
public sealed record ImageManifest(ComponentRef Loader, ComponentRef Kernel, IReadOnlyList<ComponentRef> Modules,
                                   IReadOnlyList<ServiceRef>? Services = null)
{
    /// <summary>Longest service name init's protocol carries.</summary>
    public const int MaxServiceName = 16;

    public IEnumerable<ComponentRef> All => new[] { Loader, Kernel }.Concat(Modules);

    /// <summary>How deep manifests may extend one another (a loop would never end).</summary>
    private const int MaxExtendsDepth = 8;

    public static ImageManifest Load(string path) => Load(path, 0);

    private static ImageManifest Load(string path, int depth) =>
        Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)), depth);

    /// <summary>
    /// Parses a manifest. One with <c>"extends": "other.json"</c> (a path relative to
    /// <paramref name="directory"/>) is that image plus its own modules, with its own loader or kernel
    /// fields (any of package, version, cmdline) replacing the other's, and the other's services
    /// unless it lists its own: a version changes in one file only.
    /// </summary>
    public static ImageManifest Parse(string json, string source = "manifest", string? directory = null) => Parse(json, source, directory, 0);

    private static ImageManifest Parse(string json, string source, string? directory, int depth)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        JsonElement root = document.RootElement;
        ImageManifest? basis = root.TryGetProperty("extends", out JsonElement extends) ? Base(extends, source, directory, depth) : null;
        ComponentRef loader = basis is null ? ReadComponent(root, "loader", source) : Override(root, "loader", basis.Loader, source);
        ComponentRef kernel = basis is null ? ReadComponent(root, "kernel", source) : Override(root, "kernel", basis.Kernel, source);
        var modules = new List<ComponentRef>(basis?.Modules ?? []);
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
        IReadOnlyList<ServiceRef>? services = basis is not null && !root.TryGetProperty("services", out _) ? basis.Services : ReadServices(root, modules, source);
        return new ImageManifest(loader, kernel, modules, services);
    }

    private static ImageManifest Base(JsonElement extends, string source, string? directory, int depth)
    {
        if (extends.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(extends.GetString()))
            throw new ManifestException($"{source}: 'extends' must name another manifest");
        if (directory is null)
            throw new ManifestException($"{source}: 'extends' needs the manifest to be loaded from a file");
        if (depth >= MaxExtendsDepth)
            throw new ManifestException($"{source}: manifests extend one another more than {MaxExtendsDepth} deep (a loop?)");
        string path = Path.Combine(directory, extends.GetString()!);
        if (!File.Exists(path))
            throw new ManifestException($"{source}: extends '{extends.GetString()}', which does not exist ({path})");
        return Load(path, depth + 1);
    }

    // The base's loader or kernel with whichever of package, version and cmdline this manifest gives.
    private static ComponentRef Override(JsonElement root, string name, ComponentRef basis, string source)
    {
        if (!root.TryGetProperty(name, out JsonElement element))
            return basis;
        if (element.ValueKind != JsonValueKind.Object)
            throw new ManifestException($"{source}: '{name}' must be an object");
        string Field(string property, string current) =>
            element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : current;
        var merged = new ComponentRef(Field("package", basis.Package), Field("version", basis.Version), Field("cmdline", basis.Cmdline));
        if (merged.Package.Length == 0 || !PackageVersion.TryParse(merged.Version, out _))
            throw new ManifestException($"{source}: '{name}' has an invalid package or version");
        if (merged.Cmdline.Contains(','))
            throw new ManifestException($"{source}: '{name}' command line may not contain ',' (QEMU separates modules with it)");
        return merged;
    }

    private static List<ServiceRef>? ReadServices(JsonElement root, List<ComponentRef> modules, string source)
    {
        if (!root.TryGetProperty("services", out JsonElement list))
            return null;
        if (list.ValueKind != JsonValueKind.Array)
            throw new ManifestException($"{source}: 'services' must be an array");
        var services = new List<ServiceRef>();
        foreach (JsonElement item in list.EnumerateArray())
        {
            string where = $"services[{services.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw new ManifestException($"{source}: '{where}' must be an object");
            string name = RequiredString(item, "name", where, source);
            if (name.Length > MaxServiceName || name.Any(c => c <= ' ' || c > '~'))
                throw new ManifestException($"{source}: service name '{name}' must be 1 to {MaxServiceName} printable characters without blanks");
            if (services.Any(s => s.Name == name))
                throw new ManifestException($"{source}: service '{name}' is listed twice");
            string package = RequiredString(item, "package", where, source);
            if (!modules.Any(m => string.Equals(m.Package, package, StringComparison.OrdinalIgnoreCase)))
                throw new ManifestException($"{source}: service '{name}' runs '{package}', which is not one of the modules");
            bool console = item.TryGetProperty("console", out JsonElement c) && c.ValueKind == JsonValueKind.True;
            List<string> ports = Strings(item, "ports", where, source);
            foreach (string range in ports)
                if (!ServiceList.TryParsePortRange(range, out _, out _))
                    throw new ManifestException($"{source}: service '{name}': port range '{range}' is not FIRST-LAST (0..0xFFFF)");
            var irqs = new List<int>();
            if (item.TryGetProperty("irqs", out JsonElement irqList))
                foreach (JsonElement irq in irqList.EnumerateArray())
                    irqs.Add(irq.ValueKind == JsonValueKind.Number && irq.TryGetInt32(out int line) && line is >= 0 and < 16
                        ? line : throw new ManifestException($"{source}: service '{name}': IRQ lines are ISA lines 0 to 15"));
            List<string> args = Strings(item, "args", where, source);
            if (args.Any(a => a.Length == 0 || a.Any(ch => ch <= ' ' || ch == ',')))
                throw new ManifestException($"{source}: service '{name}': arguments must be single words without ','");
            services.Add(new ServiceRef(name, package, console, ports, irqs, args));
        }
        if (services.Count(s => s.Console) > 1)
            throw new ManifestException($"{source}: only one service can be the console");
        return services;
    }

    private static List<string> Strings(JsonElement item, string property, string where, string source)
    {
        var values = new List<string>();
        if (!item.TryGetProperty(property, out JsonElement list))
            return values;
        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw new ManifestException($"{source}: '{where}.{property}' must be an array of strings");
        values.AddRange(list.EnumerateArray().Select(v => v.GetString()!.Trim()));
        return values;
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
            Modules.Select(m => Swap(m, package, version)).ToList(), Services);
    }
}

public sealed class ManifestException(string message) : Exception(message);
