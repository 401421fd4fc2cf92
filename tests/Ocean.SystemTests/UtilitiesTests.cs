namespace Ocean.SystemTests;

using System.Diagnostics;
using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// The small text utilities (seq, yes, basename, dirname, tr, cut, tee, find, uniq, sort, grep -r, printenv, env) typed at the
/// shell. Where GNU coreutils has the same utility, each line also runs in the host's sh and the
/// outputs must be the same byte for byte.
/// </summary>
public class UtilitiesTests
{
    private const string Prompt = "ocean$ ";

    private static readonly string[] ComparedWithGnu =
    {
        "seq 3", "seq 2 5", "seq 10 -3 1", "seq 5 1", "seq -2 0",
        "yes | head -n 3", "yes ab cd | head -n 2",
        "basename /usr/lib/", "basename /a/b.txt .txt", "basename /", "basename b.txt b.txt", "basename //x//", "basename ''",
        "dirname /usr/lib/", "dirname a", "dirname /", "dirname //a//b//", "dirname a/b c",
        "echo hello world | tr a-z A-Z", "echo hello | tr -d l", "echo abcabc | tr abc xy", "echo 'a b' | tr ' ' '\\n'",
        "echo a:b:c:d | cut -d : -f 2,4", "echo abcdef | cut -c 2-4", "echo a:b:c | cut -d : -f 2-", "echo nodelim | cut -d : -f 2",
        "echo abcdef | cut -c -2,5-",
        "echo hello | tee t1 t2", "cat t1 t2", "echo more | tee -a t1", "cat t1",
        "mkdir tree", "mkdir tree/sub", "echo a > tree/one.txt", "echo b > tree/sub/two.txt", "echo c > tree/sub/three.log",
        "find tree | sort", "find tree -name '*.txt' | sort", "find tree -type d | sort", "find tree/sub -type f -name 't*' | sort",
        "find tree/sub/two.txt", "find tree -name '[ot]*' -type f | sort",
        "grep -r b tree", "grep -rn . tree | sort", "grep -rc a tree | sort", "grep -rv x tree/sub | sort",
        "echo a > u; echo a >> u; echo b >> u", "echo a >> u; echo c >> u; echo c >> u",   // (a line within the window)
        "uniq u", "uniq -c u", "uniq -d u", "uniq -u u", "cat u | uniq -c",
        "echo 'b 2 x' > k; echo 'a 10 y' >> k", "echo 'c 1 x' >> k; echo 'd 2 w' >> k",
        "sort -k 2 k", "sort -n -k 2 k", "sort -k 3,3 k", "sort -r -k 3 k", "sort -u -k 3,3 k", "sort -n -r -u -k2,2 k",
        "echo x:3:q > c; echo y:1:p >> c; echo z:2:q >> c", "sort -t : -k 2 -n c", "sort -t: -k3,3 c", "sort -u -t : -k 3 c",
    };

    [Fact]
    public void TextUtilitiesAnswerAsGnuCoreutilsDo()
    {
        var lines = new List<string> { "cd /tmp" };
        lines.AddRange(ComparedWithGnu);
        lines.AddRange(new[]
        {
            "seq x", "echo seq gave $?", "seq 1 0 3", "tr", "tr -d", "cut -c 0", "cut -f 1 -c 2", "tee -x", "echo tee gave $?",
            "echo x | tee /tmp; echo tee to a directory gave $?",
            "printenv HOME", "printenv NOPE; echo printenv gave $?", "env -i A=1 B=2", "env A=ocean printenv A", "env nosuch", "echo env gave $?",
            "echo first > log; tail -f log &", "echo second >> log", "sleep 1; echo third >> log", "sleep 1; kill %1",
            "tail -f", "basename", "dirname", "find /nothing; echo find gave $?", "find . -size 3", "uniq -z", "sort -k 0 k", "sort -t",
            "poweroff",
        });
        QemuRun run = Boot.ShellSession(Boot.TestImageWithServices(), 256, 1, TimeSpan.FromSeconds(120), "utilities-session", lines.ToArray());
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the session did not end in power-off (a hang?)");

        string host = Directory.CreateTempSubdirectory("ocean-gnu-").FullName;
        foreach (string line in ComparedWithGnu)
        {
            string expected = RunOnHost(line, host);
            string actual = OutputOf(run.Log, line);
            Boot.Require(run, actual == expected, $"'{line}' printed {Show(actual)} on Ocean and {Show(expected)} with GNU coreutils");
        }

        Boot.RequireMatch(run, @"^ocean\$ seq x\nseq: invalid argument: 'x'\nusage: seq \[FIRST \[INCREMENT\]\] LAST\nocean\$ echo seq gave \$\?\nseq gave 1$");
        Boot.RequireMatch(run, @"^ocean\$ seq 1 0 3\nseq: invalid Zero increment value: '0'$");
        Boot.RequireMatch(run, @"^ocean\$ tr\ntr: missing operand\nusage: tr SET1 SET2 \| tr -d SET1$");
        Boot.RequireMatch(run, @"^ocean\$ tr -d\ntr: missing operand$");
        Boot.RequireMatch(run, @"^ocean\$ cut -c 0\ncut: invalid list '0'$");
        Boot.RequireMatch(run, @"^ocean\$ cut -f 1 -c 2\ncut: give exactly one of -c and -f$");
        Boot.RequireMatch(run, @"^ocean\$ tee -x\ntee: unknown option -x\nusage: tee \[-a\] \[FILE\.\.\.\]\nocean\$ echo tee gave \$\?\ntee gave 1$");
        Boot.RequireMatch(run, @"^tee: /tmp: is a directory\nx\ntee to a directory gave 1$");
        Boot.RequireMatch(run, @"^ocean\$ printenv HOME\n/$");
        Boot.RequireMatch(run, @"^ocean\$ printenv NOPE; echo printenv gave \$\?\nprintenv gave 1$");
        Boot.RequireMatch(run, @"^ocean\$ env -i A=1 B=2\nA=1\nB=2$");
        Boot.RequireMatch(run, @"^ocean\$ env A=ocean printenv A\nocean$");
        Boot.RequireMatch(run, @"^ocean\$ env nosuch\nenv: nosuch: no such file or directory\nocean\$ echo env gave \$\?\nenv gave 127$");
        // tail -f in the background: the line there, then each one added, until killed.
        int first = run.Log.IndexOf("echo first > log; tail -f log &", StringComparison.Ordinal);
        string followed = run.Log.Substring(first);
        // (Written while the shell takes lines, each may start a line or follow a prompt.)
        Boot.Require(run, new[] { "first", "second", "third" }.All(line => Regex.IsMatch(followed, $@"(^|\$ ){line}$", RegexOptions.Multiline)),
            "tail -f did not show the file's line and the two added to it");
        Boot.RequireMatch(run, @"^\[1\]\+  Terminated              tail -f log$");
        Boot.RequireMatch(run, @"^ocean\$ tail -f\ntail: -f follows exactly one file$");
        Boot.RequireMatch(run, @"^ocean\$ basename\nbasename: missing operand$");
        Boot.RequireMatch(run, @"^ocean\$ dirname\ndirname: missing operand$");
        Boot.RequireMatch(run, @"^find: /nothing: no such file or directory\nfind gave 1$");
        Boot.RequireMatch(run, @"^ocean\$ find \. -size 3\nfind: unknown predicate '-size'\nusage: find .*$");
        Boot.RequireMatch(run, @"^ocean\$ uniq -z\nuniq: unknown option -z\nusage: uniq .*$");
        Boot.RequireMatch(run, @"^ocean\$ sort -k 0 k\nsort: invalid key '0'\nusage: sort .*$");
        Boot.RequireMatch(run, @"^ocean\$ sort -t\nsort: -t takes one character$");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
    }

    // What a command line printed at the shell: from after its echo to the next prompt.
    private static string OutputOf(string log, string line)
    {
        string typed = Prompt + line + "\n";
        int start = log.IndexOf(typed, StringComparison.Ordinal);
        if (start < 0)
            return "(not run)";
        start += typed.Length;
        int end = log.IndexOf(Prompt, start, StringComparison.Ordinal);
        return end < 0 ? log.Substring(start) : log.Substring(start, end - start);
    }

    private static string RunOnHost(string line, string directory)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        start.Environment["LC_ALL"] = "C";
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();   // (standard error: yes's broken pipe, where the test host ignores SIGPIPE)
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static string Show(string text) => "\"" + Regex.Escape(text) + "\"";
}
