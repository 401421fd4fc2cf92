namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;
using Ocean.Shared;

/// <summary>
/// Issue 19, step 8: everyday C# (strings, numbers, interpolation, List, Dictionary, HashSet, Queue,
/// Stack, StringBuilder, exceptions) gives on Ocean what it gives on .NET. <c>utest base</c> runs
/// tests/Shared/BaseLibraryCases.cs at the shell and prints each result; this test runs the same
/// source here, on .NET, and compares them case by case.
/// </summary>
public class BaseLibraryTests
{
    private sealed class Collected : IBaseLibraryReport
    {
        public readonly List<(string Name, string Result)> Results = [];

        public void Report(string name, string result) => Results.Add((name, result));
    }

    [Fact]
    public void EverydayCSharpGivesWhatDotNetGives()
    {
        QemuRun run = Boot.ShellSession(Boot.TestImageWithServices(), 256, 1, TimeSpan.FromSeconds(120), "base-library-session",
            "utest base", "poweroff");

        Boot.Require(run, !run.Log.Contains("KERNEL PANIC", StringComparison.Ordinal), "the kernel panicked");
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off (a hang?)");
        var expected = new Collected();
        BaseLibraryCases.Run(expected);
        foreach ((string name, string result) in expected.Results)
        {
            Match line = Regex.Match(run.Log, $"^base: {Regex.Escape(name)}=(.*?)\r?$", RegexOptions.Multiline);
            Boot.Require(run, line.Success, $"case {name}: Ocean printed no result");
            Boot.Require(run, line.Groups[1].Value == result, $"case {name}: Ocean printed \"{line.Groups[1].Value}\", .NET gives \"{result}\"");
        }
        Boot.RequireMatch(run, $@"^base: {expected.Results.Count} cases\r?$");
    }
}
