namespace Ocean.Packaging.Tests;

/// <summary>The benchmark report: figures parsed from serial logs, written as JSON and Markdown.</summary>
public class BenchReportTests
{
    private const string Log = "noise\nbench: null syscall (getpid): median 260, min 255, max 263, goal 100\nbench: IPC call+reply between address spaces, 0 bytes: median 1472, min 1470, max 1480\nbench: done\n";

    [Fact]
    public void ParsesEveryMicrobenchmarkLine()
    {
        var report = new BenchReport();
        report.AddMicrobenchmarks(Log);
        Assert.Equal(2, report.Figures.Count);
        Assert.Equal(new BenchFigure("null syscall (getpid)", 260, BenchReport.Instructions, 255, 263, 100), report.Figures[0]);
        Assert.Equal(1472, report.Figures[1].Value);
        Assert.Null(report.Figures[1].Goal);
    }

    [Fact]
    public void ParsesQuantitiesInTheirOwnUnits()
    {
        var report = new BenchReport();
        report.AddMicrobenchmarks("bench: heap at most, while churning: 9216 KiB, goal 65536 (812 collections)\nbench: something: 12 ms\nbench: odd: 5 parsecs\n");
        Assert.Equal(2, report.Figures.Count);
        Assert.Equal(new BenchFigure("heap at most, while churning", 9216, "KiB", Goal: 65536), report.Figures[0]);
        Assert.Equal(new BenchFigure("something", 12, "ms"), report.Figures[1]);
        Assert.Contains("| heap at most, while churning | 9,216 | KiB |  |  | ≤ 65,536 (met) |", report.ToMarkdown());
    }

    [Fact]
    public void ReadsRatesFromTheNamedLineOnly()
    {
        var report = new BenchReport();
        string log = "dd: other 9.9 MB/s\nblk: read 16 MiB in 2400 ms (7.0 MB/s)\n16777216 bytes (16 MiB) copied, 3100 ms, 5.4 MB/s\n";
        Assert.True(report.AddRate("raw", log, "blk: read "));
        Assert.True(report.AddRate("vfs", log, "16777216 bytes"));
        Assert.False(report.AddRate("missing", log, "nothing here"));
        Assert.Equal(new[] { 7.0, 5.4 }, report.Figures.Select(f => f.Value));
    }

    [Fact]
    public void WritesJsonAndMarkdown()
    {
        var report = new BenchReport();
        report.AddMicrobenchmarks(Log);
        report.Add("image size: sh.elf", 116792, "bytes");
        report.Add("boot", 2_500_000, BenchReport.Instructions, goal: 3_000_000);
        string markdown = report.ToMarkdown();
        Assert.Contains("| null syscall (getpid) | 260 | instructions | 255 | 263 | ≤ 100 (not yet) |", markdown);
        Assert.Contains("| image size: sh.elf | 116,792 | bytes |  |  |  |", markdown);
        Assert.Contains("| boot | 2,500,000 | instructions |  |  | ≤ 3,000,000 (met) |", markdown);
        string json = report.ToJson();
        Assert.Contains("\"Name\": \"null syscall (getpid)\"", json);
        Assert.DoesNotContain("\"Min\": null", json);
    }

    [Fact]
    public void ReadsATrace()
    {
        PathTraceResult trace = PathTrace.Parse("noise\ntrace: 265 instructions in one pass (247 in the kernel, 18 in user mode)\n" +
                                                "trace:     60  SyscallEntry\ntrace:    205  Other__Work\n");
        Assert.Equal(265, trace.Instructions);
        Assert.Equal(247, trace.KernelInstructions);
        Assert.Equal(new[] { new TracedFunction("SyscallEntry", 60), new TracedFunction("Other__Work", 205) }, trace.Functions);
        Assert.Throws<InvalidOperationException>(() => PathTrace.Parse("gdb: no connection"));
    }
}
