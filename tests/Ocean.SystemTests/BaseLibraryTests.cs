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
        // .NET formats by the current culture; Ocean by the invariant one.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
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

    /// <summary>
    /// sort, wc, head and tail, utilities written as plain C# over the base library: files and standard
    /// input, ordinal, numeric, reversed and unique orders, counts and first lines, and the errors a
    /// user would make.
    /// </summary>
    [Fact]
    public void SortOrdersLinesAsAUserExpects()
    {
        QemuRun run = Boot.ShellSession(Boot.TestImageWithServices(), 256, 1, TimeSpan.FromSeconds(120), "sort-session",
            "echo pear > /tmp/f.txt", "echo Fig >> /tmp/f.txt", "echo apple >> /tmp/f.txt", "echo 10 kiwi >> /tmp/f.txt",
            "echo 9 plum >> /tmp/f.txt", "echo apple >> /tmp/f.txt",
            "sort /tmp/f.txt", "sort -u -r /tmp/f.txt", "sort -n /tmp/f.txt", "cat /tmp/f.txt | sort -nr",
            "sort /tmp/nothing", "echo sort gave $?", "sort -x", "echo sort gave $?",
            "wc /tmp/f.txt", "cat /tmp/f.txt | wc -l", "wc -w /tmp/f.txt /tmp/nothing", "head -n 2 /tmp/f.txt", "cat /tmp/f.txt | head -n 3",
            "tail -n 2 /tmp/f.txt", "cat /tmp/f.txt | tail -n 3", "tail /tmp/nothing",
            "grep apple /tmp/f.txt", "grep -n '^[0-9]' /tmp/f.txt", "cat /tmp/f.txt | grep -vi 'P'", "grep -c a /tmp/f.txt /tmp/nothing",
            "echo grep gave $?", "grep -q kiwi /tmp/f.txt && echo found kiwi", "grep melon /tmp/f.txt", "echo grep gave $?", "grep 'a[b' /tmp/f.txt",
            "date +%s", "date", "date +%F@%T", "date -x", "uname", "uname -a", "uname -rm", "uname -z",
            "poweroff");

        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off (a hang?)");
        Boot.RequireMatch(run, @"^ocean\$ sort /tmp/f\.txt\n10 kiwi\n9 plum\nFig\napple\napple\npear$");
        Boot.RequireMatch(run, @"^ocean\$ sort -u -r /tmp/f\.txt\npear\napple\nFig\n9 plum\n10 kiwi$");
        Boot.RequireMatch(run, @"^ocean\$ sort -n /tmp/f\.txt\nFig\napple\napple\npear\n9 plum\n10 kiwi$");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/f\.txt \| sort -nr\n10 kiwi\n9 plum\npear\napple\napple\nFig$");
        Boot.RequireMatch(run, @"^sort: /tmp/nothing: no such file or directory\nocean\$ echo sort gave \$\?\nsort gave 2$");
        Boot.RequireMatch(run, @"^sort: unknown option -x\nusage: sort \[-r\] \[-n\] \[-u\] \[-t CHAR\] \[-k N\[,M\]\] \[file\.\.\.\]\nocean\$ echo sort gave \$\?\nsort gave 2$");
        // wc and head, written the same way: 6 lines, 8 words, 36 bytes.
        Boot.RequireMatch(run, @"^ocean\$ wc /tmp/f\.txt\n      6       8      36 /tmp/f\.txt$");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/f\.txt \| wc -l\n      6$");
        Boot.RequireMatch(run, @"^ocean\$ wc -w /tmp/f\.txt /tmp/nothing\n      8 /tmp/f\.txt\nwc: /tmp/nothing: no such file or directory\n      8 total$");
        Boot.RequireMatch(run, @"^ocean\$ head -n 2 /tmp/f\.txt\npear\nFig\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/f\.txt \| head -n 3\npear\nFig\napple\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ tail -n 2 /tmp/f\.txt\n9 plum\napple\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/f\.txt \| tail -n 3\n10 kiwi\n9 plum\napple\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ tail /tmp/nothing\ntail: /tmp/nothing: no such file or directory$");
        // grep: basic regular expressions, -n, -v with -i, -c per file, -q, and its exit statuses.
        Boot.RequireMatch(run, @"^ocean\$ grep apple /tmp/f\.txt\napple\napple\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ grep -n '\^\[0-9\]' /tmp/f\.txt\n4:10 kiwi\n5:9 plum\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/f\.txt \| grep -vi 'P'\nFig\n10 kiwi\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ grep -c a /tmp/f\.txt /tmp/nothing\n/tmp/f\.txt:3\ngrep: /tmp/nothing: no such file or directory\nocean\$ echo grep gave \$\?\ngrep gave 2$");
        Boot.RequireMatch(run, @"^found kiwi$");
        Boot.RequireMatch(run, @"^ocean\$ grep melon /tmp/f\.txt\nocean\$ echo grep gave \$\?\ngrep gave 1$");
        Boot.RequireMatch(run, @"^grep: unclosed \[ in the pattern$");
        // date: the time of day from the CMOS clock QEMU starts at the host's (UTC), carried on since boot.
        long guest = long.Parse(Boot.RequireMatch(run, @"^ocean\$ date \+%s\n(\d+)$").Groups[1].Value);
        long host = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Boot.Require(run, guest > host - 300 && guest <= host + 5, $"date says {guest} seconds since the epoch; the host, a little later, {host}");
        Boot.RequireMatch(run, @"^ocean\$ date\n(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 123]\d \d\d:\d\d:\d\d UTC \d{4}$");
        Match stamp = Boot.RequireMatch(run, @"^ocean\$ date \+%F@%T\n(\d{4}-\d\d-\d\d)@\d\d:\d\d:\d\d$");
        Boot.Require(run, Math.Abs((DateTime.Parse(stamp.Groups[1].Value) - DateTime.UtcNow.Date).TotalDays) <= 1, "date +%F is not today's date");
        Boot.RequireMatch(run, @"^ocean\$ date -x\nusage: date \[\+FORMAT\]$");
        // uname: name, node, release (the kernel package's version), machine.
        string kernel = System.Text.RegularExpressions.Regex.Escape(OceanEnvironment.Manifest.Kernel.Version);
        Boot.RequireMatch(run, @"^ocean\$ uname\nOcean$");
        Boot.RequireMatch(run, $@"^ocean\$ uname -a\nOcean ocean {kernel} x86_64$");
        Boot.RequireMatch(run, $@"^ocean\$ uname -rm\n{kernel} x86_64$");
        Boot.RequireMatch(run, @"^uname: unknown option -z\nusage: uname \[-snrma\]$");
    }
}
