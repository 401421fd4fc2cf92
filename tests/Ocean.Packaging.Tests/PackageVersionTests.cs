namespace Ocean.Packaging.Tests;

public class PackageVersionTests
{
    [Theory]
    [InlineData("0.1.0", 0, 1, 0, "")]
    [InlineData("10.20.30", 10, 20, 30, "")]
    [InlineData("1.0.0-swaptest", 1, 0, 0, "swaptest")]
    [InlineData("1.0.0-beta.2", 1, 0, 0, "beta.2")]
    public void ParsesSemanticVersions(string text, int major, int minor, int patch, string pre)
    {
        Assert.True(PackageVersion.TryParse(text, out PackageVersion v));
        Assert.Equal(new PackageVersion(major, minor, patch, pre), v);
        Assert.Equal(text, v.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("a.b.c")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-bad_char")]
    [InlineData("-1.0.0")]
    public void RejectsNonVersions(string text) => Assert.False(PackageVersion.TryParse(text, out _));

    [Fact]
    public void OrdersAsNuGetDoes()
    {
        string[] sorted = new[] { "1.0.0", "0.9.9", "1.0.0-beta", "1.0.0-alpha", "1.10.0", "1.2.0" }
            .Select(PackageVersion.Parse).Order().Select(v => v.ToString()).ToArray();
        Assert.Equal(new[] { "0.9.9", "1.0.0-alpha", "1.0.0-beta", "1.0.0", "1.2.0", "1.10.0" }, sorted);
    }
}
