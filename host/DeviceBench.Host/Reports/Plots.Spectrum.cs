using System.Globalization;
using DeviceBench.Host.Bench;
using ScottPlot;

namespace DeviceBench.Host.Reports;

public static partial class Plots
{
    /// <summary>The floor of the log latency axis: HdrHistogram records whole microseconds, and log10(0) has no place.</summary>
    private const double FloorMillis = 0.001;

    /// <summary>
    /// Where percentile p sits on the "nines" axis: -log10(1 - p/100), so 90 % is 1, 99 % is 2, 99.9 % is 3 — each
    /// step of the tail gets the same width, as in HdrHistogram's plots. 100 % is infinitely far and is left out.
    /// </summary>
    public static double NinesOf(double percentile) => -Math.Log10(1 - percentile / 100);

    /// <summary>
    /// Latency on a log axis too: on a small board one contender's tail can be 1000x another's median (measured: 45 us
    /// against 1.3 s at the same rate), and a linear axis then draws every other contender as a flat line at zero.
    /// </summary>
    private static Plot? Spectrum(RunRecord run, double rate, string title)
    {
        var plot = new Plot();
        double widestNines = 0, lowest = double.MaxValue, highest = 0;
        foreach (string contender in run.Settings.Contenders)
        {
            var points = FirstMeasured(run, contender, s => s.Phases.Any(p => p.TargetRate == rate && p.Load.Latency.Distribution is { Count: > 0 }))?
                .Phases.First(p => p.TargetRate == rate).Load.Latency.Distribution!.Where(p => p.Percentile < 100).ToList();
            if (points is null || points.Count == 0) continue;
            double[] nines = [.. points.Select(p => NinesOf(p.Percentile))];
            double[] millis = [.. points.Select(p => Math.Max(FloorMillis, p.ValueMicros / 1000.0))];
            var line = plot.Add.ScatterLine(nines, millis.Select(Math.Log10).ToArray(), ColorOf(run, contender));
            line.LineWidth = 2;
            line.LegendText = contender;
            widestNines = Math.Max(widestNines, nines[^1]);
            (lowest, highest) = (Math.Min(lowest, millis.Min()), Math.Max(highest, millis.Max()));
        }
        if (widestNines == 0) return null;
        NinesAxis(plot, Math.Max(2, Math.Ceiling(widestNines * 2) / 2));
        LogMillisAxis(plot, Math.Floor(Math.Log10(lowest)), Math.Ceiling(Math.Log10(highest) + 1e-9));
        plot.Title(title);
        plot.XLabel("percentile (log scale of 1 - p: each tick one more nine)");
        plot.YLabel("latency (ms, log scale)");
        return plot;
    }

    private static void NinesAxis(Plot plot, double right)
    {
        double[] ticks = [.. new[] { 0, 50, 90, 99, 99.9, 99.99, 99.999, 99.9999 }.Select(NinesOf).Where(x => x <= right + 1e-9)];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks,
            [.. ticks.Select(x => (100 - 100 * Math.Pow(10, -x)).ToString("0.####", CultureInfo.InvariantCulture) + "%")]);
        // A little room past the last tick, or ScottPlot drops a tick that lands on the edge.
        plot.Axes.SetLimitsX(0, right + 0.05);
    }

    /// <summary>Decades labelled in ms, with 2x and 5x minor ticks, over log10 values from <paramref name="bottom"/> to <paramref name="top"/>.</summary>
    private static void LogMillisAxis(Plot plot, double bottom, double top)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (double decade = bottom; decade <= top; decade++)
        {
            ticks.AddMajor(decade, Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture));
            if (decade < top) foreach (double minor in new[] { 2.0, 5.0 }) ticks.AddMinor(decade + Math.Log10(minor));
        }
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(bottom, top);
    }
}
