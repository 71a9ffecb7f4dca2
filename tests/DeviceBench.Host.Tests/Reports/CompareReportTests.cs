using System.Text.Json;
using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class CompareReportTests
{
    private static Spread One(double value) => new(value, value, value, 1);

    private static Spread Rounds(params double[] values) => Spread.Of(values)!.Value;

    [Fact]
    public void Ratios_are_B_over_A_for_memory_throughput_and_p99_at_each_common_rate()
    {
        var a = Run(["alpha"], 1, 1000, 2000);
        a.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, a.Rates, 2000));
        var b = Run(["alpha"], 1, 1000, 3000);
        b.Sessions.Add(Session("alpha", 1, 5 * MiB, 3000, b.Rates, 1000));

        var report = CompareReport.Of(a, b);

        Assert.Equal([1000.0], report.CommonRates);
        var row = Assert.Single(report.Rows);
        Assert.Equal([ComparedMetric.BaselineRss, ComparedMetric.PeakRss, ComparedMetric.RequestsPerSecond, ComparedMetric.P99], row.Figures.Select(f => f.Metric));
        Assert.Equal([0.5, 3.0, 0.5], new[] { row.Figures[0], row.Figures[2], row.Figures[3] }.Select(f => f.Ratio));
        Assert.All(row.Figures, f => Assert.Equal(Verdict.Better, f.Verdict));
        string markdown = CompareMarkdown.Of([report], 5);
        Assert.Contains("| contender | metric | A | B | B/A | verdict |", markdown);
        Assert.Contains("| alpha | baseline RSS | 10.0 MiB | 5.0 MiB | 0.50x | better |", markdown);
        Assert.Contains("| alpha | req/s | 1,000 | 3,000 | 3.00x | better |", markdown);
        Assert.Contains("| alpha | p99 @ 1,000/s | 2.0 ms | 1.0 ms | 0.50x | better |", markdown);
        Assert.Contains("No regression beyond 5 %.", markdown);
        Assert.Contains("p99 compared at the rates both measured (1,000 req/s) only", report.Notes);
    }

    [Fact]
    public void Only_contenders_both_runs_measured_are_compared_and_the_rest_is_said()
    {
        var a = Run(["alpha"], 1, 1000);
        a.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, a.Rates, 2000));
        var b = Run(["alpha", "beta"], 1, 1500);
        b.Board = "qemu:pi4";
        b.Settings = b.Settings with { Threads = 2 };
        b.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, b.Rates, 2000));
        b.Sessions.Add(Session("beta", 1, 4 * MiB, 2000, b.Rates, 2000));

        var report = CompareReport.Of(a, b);

        Assert.Empty(report.CommonRates);
        Assert.Equal(["alpha"], report.Rows.Select(r => r.Contender));
        Assert.Equal(3, report.Rows[0].Figures.Count);
        Assert.Equal(
        [
            "different boards: A ran on test-board (arm64), B on qemu:pi4 (arm64)",
            "only B ran beta: not compared",
            "worker threads per contender differ: A one per CPU the contenders get, B 2 (--threads)",
            "no open-loop rate in common: p99 not compared (fix the rates with bench --rates to compare it)",
        ], report.Notes);
        Assert.All(report.Rows[0].Figures, f => Assert.Equal(Verdict.Noise, f.Verdict));
    }

    [Fact]
    public void A_zero_or_missing_reference_gives_no_ratio_rather_than_infinity()
    {
        Assert.Null(new ComparedFigure(ComparedMetric.RequestsPerSecond, null, One(0), One(5)).Ratio);
        Assert.Null(new ComparedFigure(ComparedMetric.RequestsPerSecond, null, null, One(5)).Ratio);
        Assert.Equal(2.5, new ComparedFigure(ComparedMetric.RequestsPerSecond, null, One(2), One(5)).Ratio);
        Assert.Equal(Verdict.Missing, new ComparedFigure(ComparedMetric.P99, 100, One(2), null).Verdict);
    }

    [Theory]
    [InlineData(ComparedMetric.BaselineRss, 100, 102, Verdict.Noise)] // 2 % is the floor itself: not beyond it
    [InlineData(ComparedMetric.BaselineRss, 100, 102.5, Verdict.Worse)]
    [InlineData(ComparedMetric.BaselineRss, 100, 97, Verdict.Better)]
    [InlineData(ComparedMetric.PeakRss, 100, 104, Verdict.Noise)]
    [InlineData(ComparedMetric.PeakRss, 100, 106, Verdict.Worse)]
    [InlineData(ComparedMetric.RequestsPerSecond, 1000, 960, Verdict.Noise)]
    [InlineData(ComparedMetric.RequestsPerSecond, 1000, 900, Verdict.Worse)]
    [InlineData(ComparedMetric.RequestsPerSecond, 1000, 1100, Verdict.Better)]
    [InlineData(ComparedMetric.P99, 1000, 1090, Verdict.Noise)]
    [InlineData(ComparedMetric.P99, 1000, 1200, Verdict.Worse)]
    [InlineData(ComparedMetric.P99, 1000, 1000, Verdict.Noise)]
    public void One_round_each_calls_a_difference_only_beyond_the_metrics_noise_floor(ComparedMetric metric, double a, double b, Verdict expected) =>
        Assert.Equal(expected, NoiseRule.Decide(metric, One(a), One(b)));

    [Fact]
    public void With_two_rounds_each_overlapping_ranges_are_noise_however_far_apart_the_medians()
    {
        // Medians 1000 and 1250 (25 % apart, beyond req/s's 5 % floor), but round 2 of A reached round 1 of B.
        Assert.Equal(Verdict.Noise, NoiseRule.Decide(ComparedMetric.RequestsPerSecond, Rounds(800, 1200), Rounds(1200, 1300)));
        Assert.Equal(Verdict.Better, NoiseRule.Decide(ComparedMetric.RequestsPerSecond, Rounds(800, 1199), Rounds(1200, 1300)));
        // Ranges apart but the medians within the floor: still noise.
        Assert.Equal(Verdict.Noise, NoiseRule.Decide(ComparedMetric.RequestsPerSecond, Rounds(999, 1001), Rounds(1002, 1004)));
    }

    [Fact]
    public void A_single_round_on_one_side_is_judged_by_the_floor_alone()
    {
        // B's one round falls inside A's range, yet 20 % off A's median: ranges only count when both runs have rounds to give one.
        Assert.Equal(Verdict.Worse, NoiseRule.Decide(ComparedMetric.BaselineRss, Rounds(90, 100, 130), One(120)));
    }

    [Fact]
    public void The_gate_fails_only_on_a_worse_verdict_beyond_the_threshold()
    {
        var worse10 = new ComparedFigure(ComparedMetric.RequestsPerSecond, null, One(1000), One(900));
        Assert.Equal(10, worse10.WorsePercent!.Value, 6);
        Assert.True(worse10.RegressedBeyond(5));
        Assert.False(worse10.RegressedBeyond(10));
        var better = new ComparedFigure(ComparedMetric.BaselineRss, null, One(1000), One(500));
        Assert.False(better.RegressedBeyond(5));
        // Worse by 8 %, past the gate's 5 %, but within p99's 10 % noise floor: not called, so not failed on.
        Assert.False(new ComparedFigure(ComparedMetric.P99, 500, One(1000), One(1080)).RegressedBeyond(5));
    }

    [Fact]
    public void Json_names_every_figure_its_verdict_and_whether_it_fails_the_gate()
    {
        var a = Run(["alpha"], 1, 1000);
        a.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, a.Rates, 2000));
        var b = Run(["alpha"], 1, 1000);
        b.Sessions.Add(Session("alpha", 1, 20 * MiB, 1000, b.Rates, 2000));

        using var json = JsonDocument.Parse(CompareJson.Of([CompareReport.Of(a, b)], 5));

        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("thresholdPercent").GetDouble());
        Assert.Equal(2, root.GetProperty("regressions").GetInt32());
        var figures = root.GetProperty("comparisons")[0].GetProperty("figures").EnumerateArray().ToList();
        var baseline = figures.Single(f => f.GetProperty("metric").GetString() == "baselineRss");
        Assert.Equal(("alpha", "worse", true), (baseline.GetProperty("contender").GetString(), baseline.GetProperty("verdict").GetString(), baseline.GetProperty("regression").GetBoolean()));
        Assert.Equal(10 * MiB, baseline.GetProperty("a").GetProperty("median").GetDouble());
        Assert.Equal(100, baseline.GetProperty("worsePercent").GetDouble(), 6);
        var p99 = figures.Single(f => f.GetProperty("metric").GetString() == "p99");
        Assert.Equal((1000, "noise", false), (p99.GetProperty("rate").GetDouble(), p99.GetProperty("verdict").GetString(), p99.GetProperty("regression").GetBoolean()));
        Assert.StartsWith("better/worse only when", root.GetProperty("rule").GetString(), StringComparison.Ordinal);
    }
}
