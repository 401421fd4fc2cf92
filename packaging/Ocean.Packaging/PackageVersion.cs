namespace Ocean.Packaging;

/// <summary>A SemVer 2 version (major.minor.patch[-prerelease]), ordered as NuGet orders them.</summary>
public readonly record struct PackageVersion(int Major, int Minor, int Patch, string Prerelease) : IComparable<PackageVersion>
{
    public static bool TryParse(string text, out PackageVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        string core = text, pre = "";
        int dash = text.IndexOf('-');
        if (dash >= 0)
        {
            core = text[..dash];
            pre = text[(dash + 1)..];
            if (pre.Length == 0 || !pre.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-'))
                return false;
        }
        string[] parts = core.Split('.');
        if (parts.Length != 3)
            return false;
        var numbers = new int[3];
        for (int i = 0; i < 3; i++)
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit) || !int.TryParse(parts[i], out numbers[i]))
                return false;
        version = new PackageVersion(numbers[0], numbers[1], numbers[2], pre);
        return true;
    }

    public static PackageVersion Parse(string text) =>
        TryParse(text, out PackageVersion v) ? v : throw new FormatException($"'{text}' is not a version (major.minor.patch[-prerelease])");

    public int CompareTo(PackageVersion other)
    {
        int c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        // A release sorts after its pre-releases.
        if (Prerelease.Length == 0 && other.Prerelease.Length == 0)
            return 0;
        if (Prerelease.Length == 0)
            return 1;
        if (other.Prerelease.Length == 0)
            return -1;
        return string.CompareOrdinal(Prerelease, other.Prerelease);
    }

    public override string ToString() => Prerelease.Length == 0 ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{Prerelease}";
}
