namespace Ocean.Tests;

/// <summary>The checkout these tests run from (the folder with build.cake above the test binaries); linked into each host test project.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "build.cake")))
            root = Path.GetDirectoryName(root)!;
        return root;
    }
}
