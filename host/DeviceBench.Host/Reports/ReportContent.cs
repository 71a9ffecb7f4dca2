using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>What a run report says, in order; the same for report.md and report.html.</summary>
internal static partial class ReportContent
{
    private const string StillRunning = "the run is still going, or the host stopped before it could finish; these are the figures saved until then";

    public static void Write(RunRecord run, IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        var rows = RunSummary.Of(run);
        sink.Heading(1, $"DeviceBench: {run.Board} ({run.Architecture}), {FigureText.Utc(run.StartedUtc)}");
        string? why = run.Reason ?? (run.Status == RunStatus.Running ? StillRunning : null);
        if (run.Status == RunStatus.Complete) sink.Paragraph($"Status: complete{Finished(run)}.");
        else sink.Warning($"Status: {run.Status.Text()}{(why is null ? "" : " — " + why)}{Finished(run)}.");
        if (run.BoardNotes.Count > 0)
        {
            sink.Heading(2, "Board notes");
            sink.Bullets(run.BoardNotes);
        }
        Settings(run, sink);
        Summary(run, rows, sink);
        Latency(run, rows, plots, sink);
        OverTime(plots, sink);
        ClaimSections(run, plots, sink);
        Sessions(run, sink);
    }

    private static string Finished(RunRecord run) => run.FinishedUtc is { } end
        ? $" (finished {FigureText.Utc(end)}, after {FigureText.Seconds(TimeSpan.FromSeconds(Math.Round((end - run.StartedUtc).TotalSeconds)))})"
        : "";

    private static void Settings(RunRecord run, IReportSink sink)
    {
        var s = run.Settings;
        sink.Heading(2, "Settings");
        string rates = run.Rates.Count == 0 ? "none measured"
            : string.Join(", ", run.Rates.Select(FigureText.Whole)) + " req/s" + (s.Rates.Count > 0 ? " (fixed)"
                : $" ({string.Join(", ", s.RateFractions.Select(f => FigureText.Whole(f * 100)))} % of the slowest contender's maximum in calibration round 0)");
        sink.Bullets([
            $"Contenders: {string.Join(", ", s.Contenders)} (order shuffled every round, seed {FigureText.Whole(s.Seed)})",
            $"Rounds: {FigureText.Whole(s.Rounds)}",
            $"Connections: {FigureText.Whole(s.Connections)}, request path {s.Path}",
            $"Phases: settle {FigureText.Seconds(s.Settle)}; warm-up {FigureText.Seconds(s.Warmup)} (discarded) before each phase; " +
                $"max (closed loop) {FigureText.Seconds(s.MaxDuration)}; each rate (open loop) {FigureText.Seconds(s.RateDuration)}; cooldown {FigureText.Seconds(s.Cooldown)}",
            $"Open-loop rates: {rates}",
        ]);
    }

    private static void Summary(RunRecord run, IReadOnlyList<ContenderSummary> rows, IReportSink sink)
    {
        sink.Heading(2, "Summary");
        sink.Table(["contender", "baseline RSS", "peak RSS", "max req/s", "errors", "device p99", "max temp", "throttled"],
            [.. rows.Select(r => (IReadOnlyList<string>)[
                r.Contender + (r.FailedSessions > 0 ? $" ({r.FailedSessions} failed)" : ""), FigureText.Megabytes(r.BaselineRssBytes),
                FigureText.Megabytes(r.PeakRssBytes), FigureText.Count(r.MaxRequestsPerSecond), FigureText.Whole(r.Errors),
                FigureText.Latency(r.DeviceP99Micros), FigureText.Temperature(r.MaxTemperatureMilliCelsius), r.ThrottlingSeen ? "yes" : "no"])]);
        sink.Paragraph((run.Settings.Rounds > 1 ? "Medians over the measured rounds, with the min–max range where rounds differ; " : "One measured round; ")
            + "calibration (round 0) excluded. Baseline RSS is at READY, before the first request; peak RSS is the highest high-water mark "
            + "the board reported; max req/s is the closed-loop maximum seen by the load generator; device p99 is the server's own p99 during "
            + "that phase, as reported over serial (\"-\" where a contender does not measure it).");
    }

    private static void Latency(RunRecord run, IReadOnlyList<ContenderSummary> rows, IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        sink.Heading(2, "Latency at fixed open-loop rates");
        if (run.Rates.Count == 0)
        {
            sink.Paragraph("No open-loop phase was measured.");
            return;
        }
        sink.Paragraph("Corrected for coordinated omission: every request is timed from its planned start, so a stalled server cannot hide.");
        foreach (double rate in run.Rates)
        {
            sink.Heading(3, $"{FigureText.Whole(rate)} req/s");
            sink.Table(["contender", "p50", "p99", "p99.9"],
                [.. rows.Select(r => r.Rates.FirstOrDefault(x => x.Rate == rate) is { } at
                    ? (IReadOnlyList<string>)[r.Contender, FigureText.Latency(at.P50Micros), FigureText.Latency(at.P99Micros), FigureText.Latency(at.P999Micros)]
                    : [r.Contender, "-", "-", "-"])]);
            foreach (var plot in plots.Where(p => p.Rate == rate)) sink.Plot(plot);
        }
    }

    private static void OverTime(IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        var overTime = plots.Where(p => p.Rate is null && !IsClaimPlot(p)).ToList();
        if (overTime.Count == 0) return;
        sink.Heading(2, "Over time (first measured round)");
        foreach (var plot in overTime) sink.Plot(plot);
    }
}
