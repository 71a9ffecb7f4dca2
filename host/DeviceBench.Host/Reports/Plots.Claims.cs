using System.Globalization;
using DeviceBench.Host.Bench;
using ScottPlot;

namespace DeviceBench.Host.Reports;

public static partial class Plots
{
    public const string KneePlot = "knee";
    public const string LadderRssPlot = "ladder-rss";
    public const string LadderP99Plot = "ladder-p99";

    private static IEnumerable<(string Name, string Title, double? Rate, Plot Plot, int Height)> ClaimPlots(RunRecord run)
    {
        if (run.Settings.Slo is { } slo)
        {
            string title = $"Corrected p{slo.Percentile:0.###} by offered rate, knee search, first measured round";
            if (Knee(run, slo, title) is { } knee) yield return (KneePlot, title, null, knee, HeightPixels);
        }
        const string rssTitle = "RSS by connections held (connection ladder, first measured round)";
        if (Ladder(run, rssTitle, l => l.Memory is { } m ? m.RssBytes / BytesPerMebibyte : null, "RSS (MiB)", logY: false) is { } rss) yield return (LadderRssPlot, rssTitle, null, rss, HeightPixels);
        const string p99Title = "Corrected p99 by connections held (connection ladder, first measured round)";
        if (Ladder(run, p99Title, l => l.Load is { } load && load.Latency.Count > 0 ? load.Latency.P99Micros / 1000.0 : null, "p99 (ms, log scale)", logY: true) is { } p99)
            yield return (LadderP99Plot, p99Title, null, p99, HeightPixels);
    }

    /// <summary>Each step a marker at its rate and latency (filled where it met the objective), the objective a dashed line, each knee a vertical line.</summary>
    private static Plot? Knee(RunRecord run, Slo slo, string title)
    {
        var plot = new Plot();
        double lowest = slo.BoundMicros / 1000.0, highest = lowest;
        bool any = false;
        foreach (string contender in run.Settings.Contenders)
        {
            if (FirstMeasured(run, contender, s => s.Knee is { Steps.Count: > 0 }) is not { } session) continue;
            var steps = session.Knee!.Steps.OrderBy(s => s.Rate).ToList();
            double[] rates = [.. steps.Select(s => s.Rate)];
            double[] millis = [.. steps.Select(s => Math.Max(FloorMillis, s.ValueMicros / 1000.0))];
            var line = plot.Add.ScatterLine(rates, millis.Select(Math.Log10).ToArray(), ColorOf(run, contender));
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = contender;
            if (session.Knee.KneeRate is { } knee)
            {
                var mark = plot.Add.VerticalLine(knee, 1, ColorOf(run, contender));
                mark.LinePattern = LinePattern.Dotted;
            }
            (lowest, highest) = (Math.Min(lowest, millis.Min()), Math.Max(highest, millis.Max()));
            any = true;
        }
        if (!any) return null;
        var bound = plot.Add.HorizontalLine(Math.Log10(slo.BoundMicros / 1000.0), 2, Colors.Black);
        bound.LinePattern = LinePattern.Dashed;
        bound.LegendText = $"objective {slo}";
        LogMillisAxis(plot, Math.Floor(Math.Log10(lowest)), Math.Ceiling(Math.Log10(highest) + 1e-9));
        plot.Title(title);
        plot.XLabel("offered rate (req/s, open loop); dotted: each contender's knee");
        plot.YLabel($"p{slo.Percentile.ToString("0.###", CultureInfo.InvariantCulture)} (ms, log scale)");
        return plot;
    }

    /// <summary>Connections on a log axis: the ladder's steps are decades apart (1, 100, 1,000, 10,000).</summary>
    private static Plot? Ladder(RunRecord run, string title, Func<LadderStep, double?> figure, string yLabel, bool logY)
    {
        var plot = new Plot();
        double lowest = double.MaxValue, highest = 0, widest = 0;
        foreach (string contender in run.Settings.Contenders)
        {
            if (FirstMeasured(run, contender, s => s.Ladder.Any(l => figure(l) is not null)) is not { } session) continue;
            var points = session.Ladder.Where(l => figure(l) is not null).ToList();
            double[] x = [.. points.Select(l => Math.Log10(l.Connections))];
            double[] y = [.. points.Select(l => figure(l)!.Value)];
            var line = plot.Add.ScatterLine(x, logY ? [.. y.Select(v => Math.Log10(Math.Max(FloorMillis, v)))] : y, ColorOf(run, contender));
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = contender;
            (lowest, highest, widest) = (Math.Min(lowest, y.Min()), Math.Max(highest, y.Max()), Math.Max(widest, x.Max()));
        }
        if (highest == 0) return null;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int decade = 0; decade <= Math.Ceiling(widest); decade++) ticks.AddMajor(decade, Math.Pow(10, decade).ToString("#,0", CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-0.1, Math.Max(1, Math.Ceiling(widest)) + 0.1);
        if (logY) LogMillisAxis(plot, Math.Floor(Math.Log10(Math.Max(FloorMillis, lowest))), Math.Ceiling(Math.Log10(highest) + 1e-9));
        else FromZero(plot, highest);
        plot.Title(title);
        plot.XLabel("keep-alive connections held (log scale)");
        plot.YLabel(yLabel);
        return plot;
    }
}
