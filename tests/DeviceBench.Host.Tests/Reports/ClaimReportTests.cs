using DeviceBench.Host.Bench;
using DeviceBench.Host.Load;
using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

/// <summary>The seed post's claims beside a run's figures: the claim table, pauses, the ladder, the knee and build cost in report.md.</summary>
public sealed class ClaimReportTests
{
    /// <summary>rust-hyper 12 MB / go-nethttp 48 MB baseline; p99 1,000 vs 4,000 us at 500 req/s; Go pauses 15 ms once; both clean-built.</summary>
    private static RunRecord Seed()
    {
        var run = Run([SeedClaims.Rust, SeedClaims.Go], 1, 500);
        run.Settings = run.Settings with { Slo = new Slo(99, 2000), ConnectionsLadder = [1, 10_000], Connections = 10_000 };
        var rust = Session(SeedClaims.Rust, 1, 12 * MiB, 90_000, run.Rates, 1000);
        var go = Session(SeedClaims.Go, 1, 48 * MiB, 60_000, run.Rates, 4000);
        // Go's open-loop phase: interval maxima of 1 ms, 1.2 ms, then one of 15 ms (over 10x the median 1.2 ms).
        var phase = go.Phases[1];
        go.Phases[1] = phase with { Load = phase.Load with { Intervals = [.. new long[] { 1000, 15_000, 1200 }.Select((m, i) => phase.Load.Intervals[0] with { ElapsedSeconds = i + 1, LatencyMaxMicros = m })] } };
        foreach (var (session, rss10k) in new[] { (rust, 12 * MiB + 10_000L * 2048), (go, 48 * MiB + 10_000L * 4096) })
        {
            var step = RunBuilder.Load(Started, 500, 900, 500);
            session.Ladder.Add(new LadderStep(1, 500, step, null, Memory(12 * MiB), null, null));
            session.Ladder.Add(new LadderStep(10_000, 500, step, null, Memory(rss10k), (rss10k - 12 * MiB) / 9_999.0, null));
            session.Knee = new KneeResult
            {
                Slo = run.Settings.Slo, StartRate = session.Phases[0].Load.RequestsPerSecond, KneeRate = session == rust ? 40_000 : 20_000, Conclusion = "met at …",
                Steps = [new KneeStep(session == rust ? 40_000 : 20_000, 1800, 0, true, step, null)],
            };
        }
        run.Sessions.AddRange([rust, go]);
        run.ContenderCards = [new ContenderCard(SeedClaims.Rust, "rust-hyper", "rustc 1.63.0", null, 700_000, "ab", "rust-hyper", 48, true),
            new ContenderCard(SeedClaims.Go, "go-nethttp", "go1.19.8", null, 4_500_000, "cd", "go-nethttp", 4, true)];
        return run;
    }

    [Fact]
    public void Each_claim_stands_beside_the_measured_figures_with_both_ratios()
    {
        var rows = SeedClaims.Of(Seed()).ToDictionary(r => r.Claim);

        Assert.Equal(("15 MB", "45 MB", "0.33x", "12.0 MiB", "48.0 MiB", "0.25x", true), Cells(rows["Baseline memory"]));
        Assert.Equal(("850k req/s", "650k req/s", "1.31x", "90000 req/s", "60000 req/s", "1.50x", true), Cells(rows["Throughput, 10,000 connections"]));
        Assert.Contains("rust-hyper 10000, go-nethttp 10000", rows["Throughput, 10,000 connections"].Note, StringComparison.Ordinal);
        Assert.Equal(("1.2 ms", "3.5 ms", "0.34x", "1.0 ms", "4.0 ms", "0.25x", true), Cells(rows["P99 latency"]));
        Assert.Equal(("none", "1, up to 15 ms"), (rows["Latency spikes (pauses)"].HereRust[..4], rows["Latency spikes (pauses)"].HereGo));
        Assert.Equal(("30–60 s", "2–5 s", "6–30x (12.9x mid)", "48 s", "4 s", "12.00x", true), Cells(rows["Build time"]));
        Assert.Equal(("40000 req/s", "20000 req/s", "2.00x"), (rows["Highest rate meeting p99=2ms"].HereRust, rows["Highest rate meeting p99=2ms"].HereGo, rows["Highest rate meeting p99=2ms"].HereRatio));
    }

    [Fact]
    public void A_claim_the_run_did_not_measure_as_the_post_means_says_so()
    {
        var run = Seed();
        run.Settings = run.Settings with { Connections = 64, Slo = null };
        run.ContenderCards = [.. run.ContenderCards.Select(b => b with { Clean = false })];
        var rows = SeedClaims.Of(run).ToDictionary(r => r.Claim);

        Assert.False(rows["Throughput, 10,000 connections"].Comparable);
        Assert.Contains("64 connections, not 10,000", rows["Throughput, 10,000 connections"].Note, StringComparison.Ordinal);
        Assert.False(rows["Build time"].Comparable);
        Assert.Contains("Incremental", rows["Build time"].Note, StringComparison.Ordinal);
        Assert.False(rows["Highest rate within a P99 objective"].Comparable);
        run.ContenderCards = [.. run.ContenderCards.Select(b => b with { BuildSeconds = null })];
        Assert.Contains("No build times", SeedClaims.Of(run)[4].Note, StringComparison.Ordinal);
        run.ContenderCards.Clear();
        Assert.Equal(("-", "-", false), (SeedClaims.Of(run)[4].HereRust, SeedClaims.Of(run)[4].HereGo, SeedClaims.Of(run)[4].Comparable));
    }

    [Fact]
    public void The_report_shows_pauses_the_ladder_the_knee_build_cost_and_the_claim_table()
    {
        string markdown = MarkdownReport.Render(Seed(), []);

        Assert.Contains("## Pauses and spikes", markdown, StringComparison.Ordinal);
        Assert.Contains("| go-nethttp | 1 | rate-500 | 4.0 ms | 1.2 ms | 15 ms | 1 | 15 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Connection ladder", markdown, StringComparison.Ordinal);
        Assert.Contains("| rust-hyper | 1 | 10000 | - | 31.5 MiB | 2048 |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Knee: the highest rate that meets p99=2ms", markdown, StringComparison.Ordinal);
        Assert.Contains("| go-nethttp | 1 | 60000 req/s | 20000 req/s | 1 | met at … |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Build cost and footprint", markdown, StringComparison.Ordinal);
        Assert.Contains("| rust-hyper | rustc 1.63.0 | 0.7 MiB | 48 s (clean) |", markdown, StringComparison.Ordinal);
        Assert.Contains("## The seed post's claims, on this board", markdown, StringComparison.Ordinal);
        Assert.Contains("| Baseline memory | 15 MB | 45 MB | 0.33x | 12.0 MiB | 48.0 MiB | 0.25x |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_ladder_knee_or_builds_has_none_of_their_sections()
    {
        var run = Run([SeedClaims.Rust], 1, 500);
        run.Sessions.Add(Session(SeedClaims.Rust, 1, 4 * MiB, 1000, run.Rates, 1000));
        string markdown = MarkdownReport.Render(run, []);

        Assert.DoesNotContain("## Connection ladder", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Knee", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Build cost", markdown, StringComparison.Ordinal);
        Assert.Contains("## The seed post's claims, on this board", markdown, StringComparison.Ordinal);
    }

    private static (string, string, string, string, string, string, bool) Cells(ClaimRow row) =>
        (row.PostRust, row.PostGo, row.PostRatio, row.HereRust, row.HereGo, row.HereRatio, row.Comparable);
}
