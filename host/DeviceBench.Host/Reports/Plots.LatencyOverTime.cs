using DeviceBench.Host.Bench;
using ScottPlot;

namespace DeviceBench.Host.Reports;

public static partial class Plots
{
    /// <summary>
    /// p99 (line) and max (circles) of each interval of the open-loop phase at <paramref name="rate"/>, every contender on
    /// one log axis: a GC pause or a stall is a spike in one interval that the phase's p99 averages away. The figures
    /// are the interval histograms' (run.json's intervals), the same histograms the phase's .hlog holds.
    /// </summary>
    private static Plot? LatencyOverTime(RunRecord run, double rate, string title)
    {
        var plot = new Plot();
        double lowest = double.MaxValue, highest = 0, longest = 0;
        foreach (string contender in run.Settings.Contenders)
        {
            var intervals = FirstMeasured(run, contender, s => s.Phases.Any(p => p.TargetRate == rate && p.Load.Intervals.Count > 0))?
                .Phases.First(p => p.TargetRate == rate).Load.Intervals.Where(i => i.Requests > 0).ToList();
            if (intervals is null || intervals.Count == 0) continue;
            double[] seconds = [.. intervals.Select(i => i.ElapsedSeconds)];
            double[] p99 = [.. intervals.Select(i => Math.Max(FloorMillis, i.LatencyP99Micros / 1000.0))];
            double[] max = [.. intervals.Select(i => Math.Max(FloorMillis, i.LatencyMaxMicros / 1000.0))];
            var p99Line = plot.Add.ScatterLine(seconds, p99.Select(Math.Log10).ToArray(), ColorOf(run, contender));
            p99Line.LineWidth = 2;
            p99Line.MarkerSize = 5;
            p99Line.LegendText = $"{contender} p99";
            // Circles, not a dotted line: Skia's SVG backend cannot draw dash patterns (it prints "Unsupported path effect").
            var maxPoints = plot.Add.ScatterPoints(seconds, max.Select(Math.Log10).ToArray(), ColorOf(run, contender));
            maxPoints.MarkerShape = MarkerShape.OpenCircle;
            maxPoints.MarkerSize = 7;
            maxPoints.LegendText = $"{contender} max";
            (lowest, highest, longest) = (Math.Min(lowest, p99.Min()), Math.Max(highest, max.Max()), Math.Max(longest, seconds[^1]));
        }
        if (highest == 0) return null;
        LogMillisAxis(plot, Math.Floor(Math.Log10(lowest)), Math.Ceiling(Math.Log10(highest) + 1e-9));
        plot.Axes.SetLimitsX(0, longest * 1.02);
        plot.Title(title);
        plot.XLabel("time into the measured phase (s; each point one interval's end)");
        plot.YLabel("latency (ms, log scale)");
        return plot;
    }
}
