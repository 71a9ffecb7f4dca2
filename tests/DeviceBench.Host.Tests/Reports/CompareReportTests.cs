using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class CompareReportTests
{
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
        Assert.Equal(0.5, row.BaselineRssBytes.Ratio);
        Assert.Equal(3.0, row.MaxRequestsPerSecond.Ratio);
        Assert.Equal(0.5, Assert.Single(row.P99Micros).Ratio);
        Assert.Contains("| contender | baseline RSS A | B | B/A | max req/s A | B | B/A | p99 @ 1000 A | B | B/A |", report.ToMarkdown());
        Assert.Contains("| alpha | 10.0 MB | 5.0 MB | 0.50x | 1000 | 3000 | 3.00x | 2.0 ms | 1.0 ms | 0.50x |", report.ToMarkdown());
    }

    [Fact]
    public void A_contender_missing_from_one_run_has_no_ratio_and_no_common_rate_is_said()
    {
        var a = Run(["alpha"], 1, 1000);
        a.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, a.Rates, 2000));
        var b = Run(["alpha", "beta"], 1, 1500);
        b.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, b.Rates, 2000));
        b.Sessions.Add(Session("beta", 1, 4 * MiB, 2000, b.Rates, 2000));

        var report = CompareReport.Of(a, b);
        var markdown = report.ToMarkdown();

        Assert.Empty(report.CommonRates);
        Assert.Equal(["alpha", "beta"], report.Rows.Select(r => r.Contender));
        Assert.Null(report.Rows[1].BaselineRssBytes.Ratio);
        Assert.Contains("| alpha | 10.0 MB | 10.0 MB | 1.00x | 1000 | 1000 | 1.00x |", markdown);
        Assert.Contains("| beta | - | 4.0 MB | - | - | 2000 | - |", markdown);
        Assert.Contains("share no open-loop rate", markdown);
    }

    [Fact]
    public void A_zero_reference_gives_no_ratio_rather_than_infinity()
    {
        Assert.Null(new ComparedFigure(0, 5).Ratio);
        Assert.Null(new ComparedFigure(null, 5).Ratio);
        Assert.Equal(2.5, new ComparedFigure(2, 5).Ratio);
    }
}
