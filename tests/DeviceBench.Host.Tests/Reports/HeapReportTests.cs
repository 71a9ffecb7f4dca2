using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using DeviceBench.Protocol;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

/// <summary>A microcontroller reports heap: the report shows it in its own table and never in an RSS column.</summary>
public sealed class HeapReportTests
{
    private static ContenderSession HeapSession(long readyUsed, params long[] statUsed)
    {
        var session = Session("nanoframework", 1, MiB, 40, [], 20_000);
        session.Ready = new ReadyRecord(null, 80, 1_850, null, null, new HeapFigures(readyUsed, 100_000, 150_000));
        session.SettledBaseline = null;
        session.Stats.Clear();
        for (int i = 0; i < statUsed.Length; i++)
            session.Stats.Add(new TimedStat(i + 1, "max", new StatRecord { Seq = i + 1, UptimeMillis = (i + 1) * 1000, Heap = new HeapFigures(statUsed[i], 90_000, 140_000) }));
        return session;
    }

    [Fact]
    public void Heap_is_summarised_apart_and_the_rss_columns_stay_empty()
    {
        var run = Run(["nanoframework"], 1);
        run.Sessions.Add(HeapSession(40_960, 45_056, 51_200, 47_104));

        var row = Assert.Single(RunSummary.Of(run));
        Assert.Null(row.BaselineRssBytes);
        Assert.Null(row.PeakRssBytes);
        Assert.Equal((40_960.0, 51_200.0), (row.BaselineHeapUsedBytes!.Value.Median, row.PeakHeapUsedBytes!.Value.Median));

        var markdown = MarkdownReport.Render(run, []);
        Assert.Contains("| nanoframework | - | - | 40 | 0 |", markdown);
        Assert.Contains("### Microcontroller memory (managed heap, not RSS)", markdown);
        Assert.Contains("| nanoframework | 40.0 kB | 50.0 kB |", markdown);
        Assert.DoesNotContain("0.0 MB", markdown);
    }

    [Fact]
    public void A_linux_run_has_no_heap_table()
    {
        var run = Run(["alpha"], 1);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, [], 500));
        Assert.DoesNotContain("managed heap", MarkdownReport.Render(run, []), StringComparison.Ordinal);
        Assert.False(Assert.Single(RunSummary.Of(run)).HasHeap);
    }

    [Fact]
    public void Heap_gets_its_own_plot_and_no_rss_plot_is_drawn_from_it()
    {
        var run = Run(["nanoframework"], 1);
        run.Sessions.Add(HeapSession(40_960, 45_056, 51_200));
        string folder = Directory.CreateTempSubdirectory("devicebench-heap-plot-").FullName;
        try
        {
            var plots = Plots.Render(run, folder);
            Assert.DoesNotContain(plots, p => p.Name == "rss");
            var heap = Assert.Single(plots, p => p.Name == "heap");
            Assert.Contains("managed heap in use (kB)", heap.Svg, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
