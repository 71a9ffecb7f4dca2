using System.Globalization;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>
/// The seed post's claims about HTTP servers in Rust and Go, each set beside what a run measured on its board. The post
/// says: baseline memory 15 MB vs 45 MB; "handling 10,000 concurrent connections" 850k vs 650k req/s; P99 1.2 ms
/// "consistent" vs 3.5 ms "with GC spikes up to 15 ms"; builds of 30–60 s vs 2–5 s. Ratios are Rust / Go throughout.
/// Medians over measured rounds (calibration excluded); a claim the run has no comparable figure for says so.
/// </summary>
public static class SeedClaims
{
    public const string Rust = "rust-hyper";
    public const string Go = "go-nethttp";
    private static readonly string[] Csharp = ["csharp-minimal", "csharp-kestrel"];

    public static IReadOnlyList<ClaimRow> Of(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = RunSummary.Of(run).ToDictionary(r => r.Contender, StringComparer.Ordinal);
        return [Memory(rows), Connections(run, rows), P99(run, rows), Spikes(run), Builds(run), Knee(run)];
    }

    private static ClaimRow Memory(Dictionary<string, ContenderSummary> rows)
    {
        double? Of(string c) => rows.GetValueOrDefault(c)?.BaselineRssBytes?.Median;
        return Row("Baseline memory", "15 MB", "45 MB", 15.0 / 45, Of, b => FigureText.Mebibytes(b), true,
            "RSS at READY, before the first request; the post does not say how it measured.");
    }

    private static ClaimRow Connections(RunRecord run, Dictionary<string, ContenderSummary> rows)
    {
        double? Of(string c) => rows.GetValueOrDefault(c)?.MaxRequestsPerSecond?.Median;
        int connections = run.Settings.Connections;
        int? held(string c) => Measured(run, c).SelectMany(s => s.Ladder).Where(l => l.Load is not null && l.Failure is null).Select(l => (int?)l.Connections).Max();
        string ladder = string.Join(", ", new[] { Rust, Go }.Concat(Csharp).Where(c => run.Settings.Contenders.Contains(c))
            .Select(c => $"{c} {(held(c) is { } n ? FigureText.Whole(n) : "none")}"));
        string note = $"Closed-loop maximum at {FigureText.Whole(connections)} connections"
            + (connections >= 10_000 ? "." : ", not 10,000: not the post's setting. ")
            + (run.Settings.ConnectionsLadder.Count > 0
                ? $"Most connections held at {FigureText.Whole(run.Settings.LadderRate)} req/s (ladder): {ladder}."
                : "No connection ladder ran (--connections-ladder).");
        return Row("Throughput, 10,000 connections", "850k req/s", "650k req/s", 850.0 / 650, Of, r => FigureText.Whole(r) + " req/s", connections >= 10_000, note);
    }

    private static ClaimRow P99(RunRecord run, Dictionary<string, ContenderSummary> rows)
    {
        if (run.Rates.Count == 0)
            return new ClaimRow("P99 latency", "1.2 ms", "3.5 ms", Ratio(1.2 / 3.5), "-", "-", "-", "-", false, "No open-loop rate was measured.");
        double rate = run.Rates.Max();
        double? Of(string c) => rows.GetValueOrDefault(c)?.Rates.FirstOrDefault(r => r.Rate == rate)?.P99Micros?.Median;
        return Row("P99 latency", "1.2 ms", "3.5 ms", 1.2 / 3.5, Of, FigureText.Micros, true,
            $"Corrected p99 at {FigureText.Whole(rate)} req/s open loop, the same rate for every contender; the post gives no rate or connection count.");
    }

    private static ClaimRow Spikes(RunRecord run)
    {
        string Of(string c)
        {
            var pauses = Measured(run, c).SelectMany(s => s.Phases).Where(p => p.TargetRate is not null).Select(p => p.Pauses).ToList();
            if (pauses.Count == 0) return "-";
            int count = pauses.Sum(p => p.Count);
            return count == 0 ? $"none (max {FigureText.Micros(pauses.Max(p => p.MaxIntervalMaxMicros))})"
                : $"{count}, up to {FigureText.Micros(pauses.Max(p => p.LargestMicros))}";
        }
        return new ClaimRow("Latency spikes (pauses)", "none (\"consistent\")", "GC spikes up to 15 ms", "-", Of(Rust), Of(Go), "-",
            Csharp.Any(run.Settings.Contenders.Contains) ? string.Join("; ", Csharp.Where(run.Settings.Contenders.Contains).Select(c => $"{c} {Of(c)}")) : "-", run.Rates.Count > 0,
            $"Pauses in the open-loop phases: intervals whose slowest request took over {Pauses.Factor}x the phase's median interval maximum and at least 1 ms.");
    }

    private static ClaimRow Builds(RunRecord run)
    {
        ContenderCard? Of(string c) => run.ContenderCards.FirstOrDefault(b => b.Contender == c);
        bool clean = Of(Rust)?.Clean == true && Of(Go)?.Clean == true;
        string note = run.ContenderCards.All(b => b.BuildSeconds is null) ? "No build times in this run (artifacts built before scripts/build.sh timed them)."
            : clean ? "Clean builds on the host that built the artifacts (scripts/build.sh --clean), dependencies already on disk."
            : "Incremental builds (scripts/build.sh without --clean): not the post's clean builds.";
        return Row("Build time", "30–60 s", "2–5 s", 45 / 3.5, c => Of(c)?.BuildSeconds, s => s.ToString("0.#", CultureInfo.InvariantCulture) + " s", clean, note,
            postRatioText: "6–30x (12.9x mid)");
    }

    private static ClaimRow Knee(RunRecord run)
    {
        if (run.Settings.Slo is not { } slo)
            return new ClaimRow("Highest rate within a P99 objective", "-", "-", "-", "-", "-", "-", "-", false, "Not claimed by the post; no --slo was given.");
        double? Of(string c) => Spread.Of(Measured(run, c).Where(s => s.Knee?.KneeRate is not null).Select(s => s.Knee!.KneeRate!.Value))?.Median;
        return Row($"Highest rate meeting {slo}", "-", "-", double.NaN, Of, r => FigureText.Whole(r) + " req/s", true,
            "Not claimed by the post; what its P99 figures imply for capacity: the knee search, open loop, corrected.", postRatioText: "-");
    }

    private static ClaimRow Row(string claim, string postRust, string postGo, double postRatio, Func<string, double?> measure, Func<double, string> format,
        bool comparable, string note, string? postRatioText = null)
    {
        double? rust = measure(Rust), go = measure(Go);
        string csharp = string.Join("; ", Csharp.Select(c => (c, measure(c))).Where(x => x.Item2 is not null).Select(x => $"{x.c} {format(x.Item2!.Value)}"));
        return new ClaimRow(claim, postRust, postGo, postRatioText ?? Ratio(postRatio), rust is { } r ? format(r) : "-", go is { } g ? format(g) : "-",
            rust is { } a && go is { } b && b > 0 ? Ratio(a / b) : "-", csharp.Length == 0 ? "-" : csharp, comparable && rust is not null && go is not null, note);
    }

    private static string Ratio(double ratio) => double.IsFinite(ratio) ? FigureText.Ratio(ratio) : "-";

    private static IEnumerable<ContenderSession> Measured(RunRecord run, string contender) =>
        run.Sessions.Where(s => s.Contender == contender && s.Round > 0);
}
