using DeviceBench.Host.Bench;
using ScottPlot;

namespace DeviceBench.Host.Reports;

public static partial class Plots
{
    /// <summary>A microcontroller's managed heap in use, in its own plot: heap bytes never share an axis labelled RSS.</summary>
    private static Plot? Heap(RunRecord run, string title)
    {
        var plot = new Plot();
        double highest = 0;
        foreach (string contender in run.Settings.Contenders)
        {
            if (FirstMeasured(run, contender, s => s.Stats.Any(t => t.Stat.Heap is not null)) is not { } session) continue;
            var withHeap = session.Stats.Where(t => t.Stat.Heap is not null).ToList();
            double[] seconds = [.. withHeap.Select(t => t.AtSeconds)];
            double[] kilobytes = [.. withHeap.Select(t => t.Stat.Heap!.Value.ManagedUsedBytes / 1024.0)];
            var line = plot.Add.ScatterLine(seconds, kilobytes, ColorOf(run, contender));
            line.LineWidth = 2;
            line.LegendText = contender;
            highest = Math.Max(highest, kilobytes.Max());
        }
        if (highest == 0) return null;
        FromZero(plot, highest);
        plot.Title(title);
        plot.XLabel("time since the session started (s)");
        plot.YLabel("managed heap in use (kB)");
        return plot;
    }


    /// <summary>
    /// One line per phase, so the idle gap between phases is not drawn as a slope; times are placed on the session's
    /// clock (like the STATs') from each phase's start, its warm-up, and each interval's end.
    /// </summary>
    private static Plot? Throughput(RunRecord run, string title)
    {
        var plot = new Plot();
        double highest = 0;
        foreach (string contender in run.Settings.Contenders)
        {
            if (FirstMeasured(run, contender, s => s.Phases.Any(p => p.Load.Intervals.Count > 0)) is not { } session) continue;
            bool first = true;
            foreach (var phase in session.Phases.Where(p => p.Load.Intervals.Count > 0))
            {
                double offset = (phase.Load.StartedUtc - session.StartedUtc).TotalSeconds + phase.Load.Settings.WarmupSeconds;
                var intervals = phase.Load.Intervals;
                double[] seconds = [.. intervals.Select(i => offset + i.ElapsedSeconds)];
                double[] rates = [.. intervals.Select(i => i.RequestsPerSecond)];
                var line = plot.Add.ScatterLine(seconds, rates, ColorOf(run, contender));
                line.LineWidth = 2;
                line.MarkerSize = intervals.Count == 1 ? 5 : 0;
                if (first) line.LegendText = contender;
                first = false;
                highest = Math.Max(highest, rates.Max());
            }
        }
        if (highest == 0) return null;
        FromZero(plot, highest);
        plot.Title(title);
        plot.XLabel("time since the contender started (s)");
        plot.YLabel("requests/s");
        return plot;
    }
}
