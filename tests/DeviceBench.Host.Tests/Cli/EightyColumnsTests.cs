using DeviceBench.Cli.Bench;
using DeviceBench.Cli.Compare;
using DeviceBench.Cli.Load;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Load;
using DeviceBench.Host.Reports;
using DeviceBench.Protocol;
using Spectre.Console;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Cli;

/// <summary>
/// Every terminal table of <c>bench</c>, <c>report</c>, <c>compare</c> and <c>load</c> rendered at 80 columns with the
/// widest figures a run gives (four contenders, ranges over three rounds, three rates): no line past 80, and every
/// cell whole on one line (Spectre wraps or cuts a cell that does not fit, so a cell found whole was neither).
/// </summary>
public sealed class EightyColumnsTests
{
    [Fact]
    public void The_bench_and_report_tables_fit_80_columns_with_every_cell_whole()
    {
        var run = WidestRun(withTemperature: true);

        var lines = Render(console => RunTable.Render(console, run));

        AssertFits(lines);
        AssertWhole(lines, "csharp-minimal", "csharp-kestrel", "rust-hyper", "go-nethttp", "12.0 (11.0–13.0) MiB", "118,050 (108k–128k)",
            "1.1 (0.9–10.0) ms", "29,512 req/s", "max temp", "45.6 °C");
        Assert.DoesNotContain(lines, l => l.Contains("throttled", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_empty_for_the_whole_run_are_left_out()
    {
        var lines = Render(console => RunTable.Render(console, WidestRun(withTemperature: false)));

        AssertFits(lines);
        Assert.DoesNotContain(lines, l => l.Contains("temp", StringComparison.Ordinal) || l.Contains("throttled", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("device p99", StringComparison.Ordinal));
        var withoutDeviceLatency = WidestRun(withTemperature: false);
        foreach (var session in withoutDeviceLatency.Sessions)
            session.Stats = [.. session.Stats.Select(t => t with { Stat = t.Stat with { Latency = null } })];
        Assert.DoesNotContain(Render(console => RunTable.Render(console, withoutDeviceLatency)), l => l.Contains("device p99", StringComparison.Ordinal));
    }

    [Fact]
    public void The_compare_table_fits_80_columns_with_every_cell_whole()
    {
        var a = WidestRun(withTemperature: false);
        var b = WidestRun(withTemperature: false, grow: 2);
        var reports = new[] { CompareReport.Of(a, b), CompareReport.Of(a, a) };

        var lines = Render(console => CompareView.Render(console, ["results/a", "results/b", "results/c"], reports, 5));

        AssertFits(lines);
        AssertWhole(lines, "csharp-minimal", "  baseline RSS", "  p99 @ 29,512/s", "12.0 (11.0–13.0) MiB", "24.0 (22.0–26.0) MiB", "118,050 (108k–128k)",
            "1.1 (0.9–10.0) ms", "2.00x", "worse", "noise", "gate: 8 regression(s) beyond 5 %");
    }

    [Fact]
    public void The_load_summary_fits_80_columns_with_every_cell_whole()
    {
        var result = Reports.RunBuilder.Load(Started, 123_456.7, 12_345, 100_000) with
        {
            Requests = 123_456_789, Reconnects = 1_234, Unfinished = 12_345,
            Errors = new ErrorCounts(1_234, 5, 6, 7_890, 8, 9, 10),
        };

        var lines = Render(console => SummaryView.Render(console, result, withDistribution: false));

        AssertFits(lines);
        AssertWhole(lines, "123,456,789", "123,456.7", "corrected", "uncorrected", "send lag", "12.35 ms");
    }

    /// <summary>Four contenders, three rounds whose figures spread as far as real rounds do, three open-loop rates.</summary>
    private static RunRecord WidestRun(bool withTemperature, int grow = 1)
    {
        string[] names = [.. ContenderCatalog.Names];
        var run = Run(names, 3, 7_378, 14_756, 29_512);
        foreach (string name in names)
        {
            (long Rss, double Rps, long P99)[] rounds = [(11 * MiB, 108_000, 900), (12 * MiB, 118_050, 1_100), (13 * MiB, 128_000, 10_000)];
            for (int round = 1; round <= 3; round++)
            {
                var (rss, rps, p99) = rounds[round - 1];
                var session = Session(name, round, rss * grow, rps, run.Rates, p99);
                if (!withTemperature)
                    session.Stats = [.. session.Stats.Select(t => t with { Stat = t.Stat with { TemperatureMilliCelsius = null, Throttled = null } })];
                run.Sessions.Add(session);
            }
        }
        return run;
    }

    private static List<string> Render(Action<IAnsiConsole> render)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 80;
        render(console);
        return [.. output.ToString().Split('\n').Select(l => l.TrimEnd('\r'))];
    }

    private static void AssertFits(List<string> lines)
    {
        var wide = lines.Where(l => l.Length > 80).ToList();
        Assert.True(wide.Count == 0, $"wider than 80 columns:\n{string.Join('\n', wide)}\n\nall:\n{string.Join('\n', lines)}");
        Assert.DoesNotContain(lines, l => l.Contains('…', StringComparison.Ordinal));
    }

    private static void AssertWhole(List<string> lines, params string[] cells)
    {
        foreach (string cell in cells)
            Assert.True(lines.Any(l => l.Contains(cell, StringComparison.Ordinal)), $"'{cell}' is not whole on any line:\n{string.Join('\n', lines)}");
    }
}
