namespace Ocean.UnitTests;

using System.Diagnostics;
using Ocean.Servers.Sh;

/// <summary>The shell's test and [ (servers/sh/Conditions.cs), each expression's status compared with GNU's test on this host.</summary>
public class ConditionsTests
{
    private static readonly string Directory = System.IO.Directory.CreateTempSubdirectory("ocean-test-").FullName;

    static ConditionsTests()
    {
        File.WriteAllText(Path.Combine(Directory, "full"), "x");
        File.WriteAllText(Path.Combine(Directory, "empty"), "");
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "dir"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("''")]
    [InlineData("-z ''")]
    [InlineData("-z x")]
    [InlineData("-n x")]
    [InlineData("-n ''")]
    [InlineData("-n")]
    [InlineData("!")]
    [InlineData("! ''")]
    [InlineData("a = a")]
    [InlineData("a = b")]
    [InlineData("a != b")]
    [InlineData("3 -eq 3")]
    [InlineData("3 -ne 3")]
    [InlineData("-2 -lt 1")]
    [InlineData("5 -le 4")]
    [InlineData("10 -gt 9")]
    [InlineData("9 -ge 10")]
    [InlineData("-e full")]
    [InlineData("-e nothing")]
    [InlineData("-f full")]
    [InlineData("-f dir")]
    [InlineData("-d dir")]
    [InlineData("-d full")]
    [InlineData("-s full")]
    [InlineData("-s empty")]
    [InlineData("! -e nothing")]
    [InlineData("a = a -a b = c")]
    [InlineData("a = a -o b = c")]
    [InlineData("'(' a = b ')' -o x")]
    [InlineData("! a = a -o x = x")]
    [InlineData("= = =")]
    [InlineData("-z -z")]
    [InlineData("x -eq 1")]
    [InlineData("a b")]
    [InlineData("'(' a")]
    public void StatusesAreGnus(string expression)
    {
        List<string> words = Words(expression);
        int ours = Conditions.Evaluate(words, bracket: false, Stat, out _);
        Assert.Equal(Gnu(words), ours);
        words.Add("]");
        Assert.Equal(ours, Conditions.Evaluate(words, bracket: true, Stat, out _));
    }

    [Fact]
    public void ABracketNeedsItsClose()
    {
        Assert.Equal(Conditions.Error, Conditions.Evaluate(["a", "=", "a"], bracket: true, Stat, out string message));
        Assert.Equal("missing ']'", message);
    }

    private static (PathKind, ulong) Stat(string path)
    {
        string full = Path.Combine(Directory, path);
        if (System.IO.Directory.Exists(full))
            return (PathKind.Directory, 4096);
        return File.Exists(full) ? (PathKind.File, (ulong)new FileInfo(full).Length) : (PathKind.Missing, 0);
    }

    // The words of a line as sh splits them (only '…' quoting is used here).
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        for (int i = 0; i < line.Length;)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }
            if (line[i] == '\'')
            {
                int close = line.IndexOf('\'', i + 1);
                words.Add(line.Substring(i + 1, close - i - 1));
                i = close + 1;
                continue;
            }
            int end = line.IndexOf(' ', i);
            end = end < 0 ? line.Length : end;
            words.Add(line.Substring(i, end - i));
            i = end;
        }
        return words;
    }

    private static int Gnu(List<string> words)
    {
        var start = new ProcessStartInfo("/usr/bin/test") { WorkingDirectory = Directory, RedirectStandardError = true };
        foreach (string word in words)
            start.ArgumentList.Add(word);
        using Process process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
