using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>The sections that answer the seed post's claims (issue 14): pauses, the connection ladder, the knee, build cost, the claim table.</summary>
internal static partial class ReportContent
{
    /// <summary>Plots drawn for these sections, which the "over time" section leaves to them.</summary>
    internal static bool IsClaimPlot(RenderedPlot plot) => plot.Name is Plots.KneePlot or Plots.LadderRssPlot or Plots.LadderP99Plot;

    private static void ClaimSections(RunRecord run, IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        PausesSection(run, sink);
        LadderSection(run, plots, sink);
        KneeSection(run, plots, sink);
        BuildSection(run, sink);
        ClaimTable(run, sink);
    }

    private static IEnumerable<ContenderSession> MeasuredSessions(RunRecord run) => run.Sessions.Where(s => s.Round > 0);

    private static void PausesSection(RunRecord run, IReportSink sink)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in MeasuredSessions(run))
            foreach (var p in s.Phases.Where(p => p.TargetRate is not null))
            {
                var pauses = p.Pauses;
                rows.Add([s.Contender, FigureText.Whole(s.Round), p.Name, FigureText.Micros(p.Load.Latency.P99Micros), FigureText.Micros(pauses.MedianIntervalMaxMicros),
                    FigureText.Micros(pauses.MaxIntervalMaxMicros), FigureText.Whole(pauses.Count), pauses.Count == 0 ? "-" : FigureText.Micros(pauses.LargestMicros)]);
            }
        if (rows.Count == 0) return;
        sink.Heading(2, "Pauses and spikes");
        sink.Paragraph($"Per open-loop phase: the corrected p99 beside the slowest request of each {FigureText.Seconds(run.Settings.ReportInterval)} interval. "
            + $"A pause is an interval whose slowest request took over {Pauses.Factor}x the phase's median interval maximum and at least 1 ms — a GC, the "
            + "scheduler, swap — that requests waited through (the same histograms as the .hlog files).");
        sink.Table(["contender", "round", "phase", "p99", "median interval max", "max", "pauses", "largest pause"], rows);
    }

    private static void LadderSection(RunRecord run, IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        var steps = MeasuredSessions(run).SelectMany(s => s.Ladder.Select(l => (s, l))).ToList();
        if (steps.Count == 0) return;
        sink.Heading(2, "Connection ladder");
        sink.Paragraph($"Each step holds its keep-alive connections open with {FigureText.Whole(run.Settings.LadderRate)} req/s spread over them "
            + $"({FigureText.Seconds(run.Settings.LadderStep)} measured after a warm-up in which they connect). RSS is the board's highest STAT in the step; "
            + "bytes per connection are RSS above the 1-connection step's over the connections added; \"board saw\" is the most open connections the board reported. Refused counts failed connects, reset failed reads.");
        sink.Table(["contender", "round", "connections", "board saw", "RSS", "bytes/conn", "p50", "p99", "p99.9", "errors", "refused", "reset", "held"],
            [.. steps.Select(x => (IReadOnlyList<string>)[
                x.s.Contender, FigureText.Whole(x.s.Round), FigureText.Whole(x.l.Connections), x.l.BoardConnections is { } seen ? FigureText.Whole(seen) : "-",
                x.l.Memory is { } m ? FigureText.Mebibytes(m.RssBytes) : "-",
                x.l.BytesPerConnection is { } b ? FigureText.Whole(b) : "-",
                x.l.Load is { } l1 ? FigureText.Micros(l1.Latency.P50Micros) : "-", x.l.Load is { } l2 ? FigureText.Micros(l2.Latency.P99Micros) : "-",
                x.l.Load is { } l3 ? FigureText.Micros(l3.Latency.P999Micros) : "-", x.l.Load is { } l4 ? FigureText.Whole(l4.Errors.Total) : "-",
                x.l.Load is { } l5 ? FigureText.Whole(l5.Errors.Connect) : "-", x.l.Load is { } l6 ? FigureText.Whole(l6.Errors.Read) : "-",
                x.l.Failure is null ? "yes" : "no: " + x.l.Failure])]);
        foreach (var plot in plots.Where(p => p.Name is Plots.LadderRssPlot or Plots.LadderP99Plot)) sink.Plot(plot);
    }

    private static void KneeSection(RunRecord run, IReadOnlyList<RenderedPlot> plots, IReportSink sink)
    {
        var knees = MeasuredSessions(run).Where(s => s.Knee is not null).ToList();
        if (run.Settings.Slo is not { } slo || knees.Count == 0) return;
        sink.Heading(2, $"Knee: the highest rate that meets {slo}");
        sink.Paragraph("Per contender, from its closed-loop maximum: halve while a step misses, climb by a quarter (up to 2x) while every step meets, "
            + $"then bisect until met and missed are within 5 % or {FigureText.Whole(run.Settings.KneeSteps)} steps are spent. A step meets the objective when its "
            + $"corrected p{slo.Percentile:0.###} is at most the bound and {(slo.MaxErrorPercent > 0 ? $"at most {slo.MaxErrorPercent:0.###} % of requests failed" : "no request failed")}. "
            + $"Each step lasts {FigureText.Seconds(run.Settings.KneeStep)}, or longer where the percentile needs it ({Slo.RequestsBeyondPercentile} requests past it, at most 60 s), after a warm-up of at most 1 s.");
        sink.Table(["contender", "round", "closed-loop max", "knee", "steps", "how it ended"],
            [.. knees.Select(s => (IReadOnlyList<string>)[s.Contender, FigureText.Whole(s.Round), FigureText.Whole(s.Knee!.StartRate) + " req/s",
                s.Knee.KneeRate is { } k ? FigureText.Whole(k) + " req/s" : "none", FigureText.Whole(s.Knee.Steps.Count), s.Knee.Conclusion ?? "still searching"])]);
        foreach (var plot in plots.Where(p => p.Name == Plots.KneePlot)) sink.Plot(plot);
    }

    private static void BuildSection(RunRecord run, IReportSink sink)
    {
        if (run.ContenderCards.Count == 0) return;
        sink.Heading(2, "Build cost and footprint");
        sink.Paragraph("From the artifacts' manifest (scripts/build.sh, on the host that built them). File-backed RSS is what the board's page cache "
            + "holds of the binary and its libraries at READY (RSS − anonymous): what the flash or SD card is read for.");
        sink.Table(["contender", "toolchain", "binary", "build", "file-backed RSS at READY"],
            [.. run.ContenderCards.Select(b => (IReadOnlyList<string>)[b.Contender, b.Toolchain, FigureText.Mebibytes(b.SizeBytes),
                b.BuildSeconds is { } t ? $"{t:0.#} s ({(b.Clean ? "clean" : "incremental")})" : "-",
                MeasuredSessions(run).FirstOrDefault(s => s.Contender == b.Contender && s.Ready?.Memory is not null)?.Ready?.Memory is { } m
                    ? FigureText.Mebibytes(m.RssBytes - m.AnonBytes) : "-"])]);
    }

    private static void ClaimTable(RunRecord run, IReportSink sink)
    {
        sink.Heading(2, "The seed post's claims, on this board");
        sink.Paragraph("The post claims, for Rust vs Go HTTP servers: baseline memory 15 MB vs 45 MB; 850k vs 650k req/s \"handling 10,000 concurrent "
            + "connections\"; P99 1.2 ms \"consistent\" vs 3.5 ms \"with GC spikes up to 15 ms\"; builds of 30–60 s vs 2–5 s. Ratios are Rust / Go. "
            + "\"comparable: no\" marks a figure this run did not measure the way the claim means.");
        sink.Table(["claim", "post: Rust", "post: Go", "post ratio", "rust-hyper", "go-nethttp", "ratio here", "C#", "comparable", "note"],
            [.. SeedClaims.Of(run).Select(c => (IReadOnlyList<string>)[c.Claim, c.PostRust, c.PostGo, c.PostRatio, c.HereRust, c.HereGo, c.HereRatio, c.HereCsharp,
                c.Comparable ? "yes" : "no", c.Note])]);
    }
}
