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
        Verdict(run, sink);
        Cards(run, sink);
        if (run.BoardNotes.Count > 0)
        {
            sink.Heading(2, "Board notes");
            sink.Bullets(run.BoardNotes);
        }
        Settings(run, sink);
        MemorySettings(run, sink);
        Summary(run, rows, sink);
        Cpu(run, sink);
        Latency(run, rows, plots, sink);
        OverTime(plots, sink);
        ClaimSections(run, plots, sink);
        Sessions(run, sink);
    }

    private static string Finished(RunRecord run) => run.FinishedUtc is { } end
        ? $" (finished {FigureText.Utc(end)}, after {FigureText.Seconds(TimeSpan.FromSeconds(Math.Round((end - run.StartedUtc).TotalSeconds)))})"
        : "";

    private static void Verdict(RunRecord run, IReportSink sink)
    {
        var lines = Reports.RunVerdict.Lines(run);
        if (lines.Count == 0) return;
        sink.Heading(2, "Verdict");
        sink.Bullets(lines);
        sink.Paragraph("The best first, then each other contender's figure as a multiple of the best's (1.65x: 1.65 times it). Medians over the "
            + "measured rounds" + (run.BoardCard is { Emulated: true } ? "; on an emulated board only the memory lines say anything about a real one." : "."));
    }

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
            $"Worker threads per contender: {ThreadsText(s)}",
            $"Phases: settle {FigureText.Seconds(s.Settle)}; warm-up {FigureText.Seconds(s.Warmup)} (discarded) before each phase; " +
                $"max (closed loop) {FigureText.Seconds(s.MaxDuration)}; each rate (open loop) {FigureText.Seconds(s.RateDuration)}; cooldown {FigureText.Seconds(s.Cooldown)}",
            $"Open-loop rates: {rates}",
        ]);
    }

    /// <summary><c>2 (--threads)</c>, or what a run without the option gave every contender.</summary>
    internal static string ThreadsText(BenchSettings settings) =>
        settings.Threads is { } threads ? $"{FigureText.Whole(threads)} (--threads)" : "one per CPU the contenders get";

    /// <summary>The bench profile and each contender's runtime knobs, as they were set: the fairness of a constrained run is read here.</summary>
    private static void MemorySettings(RunRecord run, IReportSink sink)
    {
        sink.Heading(2, "Memory profile");
        var profile = run.MemoryProfile;
        if (profile is null || profile.Name == MemoryProfile.DefaultName)
        {
            sink.Paragraph("Profile default: no memory setting; every runtime runs as it ships.");
            return;
        }
        sink.Paragraph($"Profile {profile.Name}: a budget of {FigureText.Mebibytes(profile.BudgetBytes ?? 0)} for every contender; each runtime's own documented "
            + $"limit is set to {FigureText.Whole(MemoryProfile.RuntimeShare * 100)} % of it, as environment variables the contender starts with.");
        sink.Table(["contender", "settings"], [.. run.Settings.Contenders.Select(c => (IReadOnlyList<string>)[
            c, profile.Environment(c) is { Count: > 0 } set ? string.Join(" ", set) : "none (no runtime heap to limit)"])]);
    }

    private static void Summary(RunRecord run, IReadOnlyList<ContenderSummary> rows, IReportSink sink)
    {
        sink.Heading(2, "Summary");
        sink.Table(["contender", "baseline RSS", "peak RSS", "max req/s", "errors", "device p99", "max temp", "throttled"],
            [.. rows.Select(r => (IReadOnlyList<string>)[
                r.Contender + (r.FailedSessions > 0 ? $" ({r.FailedSessions} failed)" : ""), FigureText.Mebibytes(r.BaselineRssBytes),
                FigureText.Mebibytes(r.PeakRssBytes), FigureText.Count(r.MaxRequestsPerSecond), FigureText.Whole(r.Errors),
                FigureText.Latency(r.DeviceP99Micros), FigureText.Temperature(r.MaxTemperatureMilliCelsius), r.ThrottlingSeen ? "yes" : "no"])]);
        sink.Paragraph((run.Settings.Rounds > 1 ? "Medians over the measured rounds, with the min–max range where rounds differ; " : "One measured round; ")
            + "calibration (round 0) excluded. What each column measures:");
        sink.Bullets([
            "baseline RSS: resident memory the board reported at READY, after start-up and before the first request.",
            "peak RSS: the highest high-water mark (VmHWM) the board reported during the session, load included.",
            $"max req/s: the closed-loop maximum the load generator {LoadGeneratorPlace(run)} measured, {FigureText.Whole(run.Settings.Connections)} connections, warm-up excluded.",
            "errors: failed requests over all phases, as the load generator counted them (connect, read, write, timeout, parse, status).",
            DeviceLatency,
            "max temp, throttled: the board's CPU temperature and Raspberry Pi throttling flags; \"-\" and \"no\" where the board has no sensor.",
        ]);
        Heap(rows, sink);
    }

    /// <summary>Where the client side was measured: the bench's host, or for a run fetched from LAVA (board <c>lava:…</c>) the job's loadgen namespace on the worker.</summary>
    private static string LoadGeneratorPlace(RunRecord run) =>
        run.Board.StartsWith("lava:", StringComparison.Ordinal) ? "of the LAVA job (its loadgen namespace on the worker)" : "on the host";

    /// <summary>A microcontroller's memory in its own table: heap bytes never sit in an RSS column.</summary>
    private static void Heap(IReadOnlyList<ContenderSummary> rows, IReportSink sink)
    {
        var heap = rows.Where(r => r.HasHeap).ToList();
        if (heap.Count == 0) return;
        sink.Heading(3, "Microcontroller memory (managed heap, not RSS)");
        sink.Table(["contender", "baseline heap used", "peak heap used"],
            [.. heap.Select(r => (IReadOnlyList<string>)[r.Contender, FigureText.Kilobytes(r.BaselineHeapUsedBytes), FigureText.Kilobytes(r.PeakHeapUsedBytes)])]);
        sink.Paragraph("A microcontroller has no processes and no RSS: its RSS columns above stay empty. These are the nanoFramework managed "
            + "heap in use as the device reports it (heap_used_bytes, after a collection): at READY, and the highest over the measured STATs.");
    }

    private static void Latency(RunRecord run, IReadOnlyList<ContenderSummary> rows, IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        sink.Heading(2, "Latency at fixed open-loop rates");
        if (run.Rates.Count == 0)
        {
            sink.Paragraph("No open-loop phase was measured.");
            return;
        }
        sink.Paragraph($"Measured by the load generator {LoadGeneratorPlace(run)}, from each request's planned start (open loop, corrected for coordinated "
            + "omission: a stalled server cannot hide) until the last byte of its response arrived: the network, the kernels, queueing in the "
            + "server and the handler all count. It is not comparable with the device p99 of the summary, which is the handler alone.");
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

    /// <summary>What "device p99" is for each engine: a reader seeing Kestrel's 1 us next to the generator's 1.1 ms needs this.</summary>
    private const string DeviceLatency = "device p99: the server's own p99 of its handler time during the max phase, measured inside the server and "
        + "reported over serial, not what a client waits. csharp-kestrel: from the request delegate's start to its body write returning (Kestrel's "
        + "parsing, queueing and socket I/O excluded, hence a few microseconds). csharp-minimal: from the request parsed to its response batch "
        + "handed to the socket. rust-hyper and go-nethttp run under watch, which sees only /proc: \"-\".";

    private static void OverTime(IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        var overTime = plots.Where(p => p.Rate is null && !IsClaimPlot(p)).ToList();
        if (overTime.Count == 0) return;
        sink.Heading(2, "Over time (first measured round)");
        sink.Paragraph("Memory: one plot per contender, each on its own scale from zero (the title gives its peak), phases shaded: "
            + "grey the discarded warm-up, blue and teal the measured phases (max, then each rate). Unshaded stretches are settle and idle.");
        foreach (var plot in overTime) sink.Plot(plot);
    }
}
