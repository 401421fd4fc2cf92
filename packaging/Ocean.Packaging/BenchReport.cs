namespace Ocean.Packaging;

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>One measured figure: what, how much, in which unit, with the spread and the goal (at most) where there is one.</summary>
public sealed record BenchFigure(string Name, double Value, string Unit, double? Min = null, double? Max = null, double? Goal = null);

/// <summary>
/// The Bench target's results: figures parsed from the serial logs of the benchmark boots, written as
/// JSON (for tools) and as a Markdown table (for docs/PERFORMANCE.md).
/// </summary>
public sealed class BenchReport
{
    public const string Instructions = "instructions";

    private static readonly Regex Microbenchmark = new(@"^bench: (?<name>.+): median (?<median>\d+), min (?<min>\d+), max (?<max>\d+)(, goal (?<goal>\d+))?$", RegexOptions.Multiline);
    private static readonly Regex Quantity = new(@"^bench: (?<name>.+): (?<value>\d+) (?<unit>KiB|ms)(, goal (?<goal>\d+))?( \(.*\))?$", RegexOptions.Multiline);
    private static readonly Regex Rate = new(@"(?<rate>\d+(\.\d+)?) MB/s", RegexOptions.Multiline);

    public List<BenchFigure> Figures { get; } = new();

    /// <summary>
    /// Every "bench: NAME: median M, min A, max B[, goal G]" line of the benchmark program, in
    /// instructions, and every "bench: NAME: V KiB|ms[, goal G][ (note)]" line, in its unit.
    /// </summary>
    public void AddMicrobenchmarks(string log)
    {
        foreach (Match m in Microbenchmark.Matches(log))
            Figures.Add(new BenchFigure(m.Groups["name"].Value, Number(m, "median"), Instructions, Number(m, "min"), Number(m, "max"),
                                        m.Groups["goal"].Success ? Number(m, "goal") : null));
        foreach (Match m in Quantity.Matches(log))
            Figures.Add(new BenchFigure(m.Groups["name"].Value, Number(m, "value"), m.Groups["unit"].Value, Goal: m.Groups["goal"].Success ? Number(m, "goal") : null));
    }

    /// <summary>The MB/s figure on the first line of <paramref name="log"/> that starts with <paramref name="linePrefix"/>; false if none.</summary>
    public bool AddRate(string name, string log, string linePrefix)
    {
        string? line = log.Split('\n').FirstOrDefault(l => l.StartsWith(linePrefix, StringComparison.Ordinal));
        Match m = line is null ? Match.Empty : Rate.Match(line);
        if (!m.Success)
            return false;
        Figures.Add(new BenchFigure(name, Number(m, "rate"), "MB/s"));
        return true;
    }

    public void Add(string name, double value, string unit, double? goal = null) => Figures.Add(new BenchFigure(name, value, unit, Goal: goal));

    public string ToJson() => JsonSerializer.Serialize(Figures, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    public string ToMarkdown()
    {
        var text = new StringBuilder("| measurement | value | unit | min | max | goal |\n| --- | ---: | --- | ---: | ---: | ---: |\n");
        foreach (BenchFigure f in Figures)
            text.Append(CultureInfo.InvariantCulture, $"| {f.Name} | {Format(f.Value)} | {f.Unit} | {Optional(f.Min)} | {Optional(f.Max)} | {Goal(f)} |\n");
        return text.ToString();
    }

    private static string Optional(double? value) => value is double v ? Format(v) : "";

    // "≤ 400 (met)" or "≤ 400 (not yet)": a goal is an upper bound on the figure.
    private static string Goal(BenchFigure f) => f.Goal is double goal ? $"≤ {Format(goal)} ({(f.Value <= goal ? "met" : "not yet")})" : "";

    private static string Format(double value) =>
        value == Math.Floor(value) ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static double Number(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
}
