using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Fact]
    public void A_run_with_no_sessions_still_reports_its_settings_and_says_nothing_ran()
    {
        var run = Run(["alpha", "beta"], 1);
        run.Status = RunStatus.Failed;
        run.Reason = "deploy failed: no such file";

        var markdown = MarkdownReport.Render(run, []);

        Assert.StartsWith("# DeviceBench: test-board (arm64), 2026-11-26 21:05:40 UTC\n", markdown);
        Assert.Contains("> **Status: failed — deploy failed: no such file (finished 2026-11-26 21:06:50 UTC, after 70 s).**", markdown);
        Assert.Contains("- cgroup v2: memory capped at 256 MB, CPUs 0", markdown);
        Assert.Contains("| alpha | - | - | - | 0 | - | - | no |", markdown);
        Assert.Contains("No open-loop phase was measured.", markdown);
        Assert.Contains("No session was started.", markdown);
        Assert.Contains("Serial line: 120 valid records, 1 corrupt lines dropped, 3 noise lines skipped, 0 unknown records.", markdown);
    }

    [Theory]
    [InlineData("local", "the load generator on the host measured")]
    [InlineData("lava:lab/1234/qemu-01", "the load generator of the LAVA job (its loadgen namespace on the worker) measured")]
    public void The_summary_says_where_the_client_side_was_measured(string board, string expected)
    {
        var run = Run(["alpha"], 1, 1000);
        run.Board = board;

        var markdown = MarkdownReport.Render(run, []);

        Assert.Contains($"- max req/s: the closed-loop maximum {expected}, 16 connections, warm-up excluded.", markdown);
    }

    [Fact]
    public void One_round_prints_plain_figures_per_contender_and_per_rate()
    {
        var run = Run(["alpha"], 1, 1000, 2000);
        run.Sessions.Add(Session("alpha", 0, 9 * MiB, 5000, [], 0));
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 12345.4, run.Rates, 2500));

        var markdown = MarkdownReport.Render(run, []);

        // Baseline 10 MiB at READY, peak = highest HWM of the STATs (10 + 6 × 0.5 MiB), device p99 from the STATs of the max phase.
        Assert.Contains("| alpha | 10.0 MiB | 13.0 MiB | 12,345 | 0 | 200 µs | 45.6 °C | no |", markdown);
        Assert.Contains("### 1000 req/s\n\n| contender | p50 | p99 | p99.9 |\n| --- | ---: | ---: | ---: |\n| alpha | 250 µs | 2.5 ms | 5.0 ms |", markdown);
        Assert.Contains("- Open-loop rates: 1000, 2000 req/s (25, 50, 75 % of the slowest contender's maximum in calibration round 0)", markdown);
        Assert.Contains("One measured round; calibration (round 0) excluded.", markdown);
        Assert.Contains("| alpha | 0 (calibration) | ok | 25 ms | 9.0 MiB | 1 | 6 | signal, exit 0 |", markdown);
        Assert.Contains("Every session ended ok; the board reported no reset, crash or alarm.", markdown);
    }

    [Fact]
    public void Two_rounds_print_the_median_with_the_range()
    {
        var run = Run(["alpha"], 2, 1000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, run.Rates, 2000));
        run.Sessions.Add(Session("alpha", 2, 12 * MiB, 3000, run.Rates, 4000));

        var markdown = MarkdownReport.Render(run, []);

        Assert.Contains("| alpha | 11.0 (10.0–12.0) MiB | 14.0 (13.0–15.0) MiB | 2,000 (1,000–3,000) | 0 |", markdown);
        Assert.Contains("| alpha | 300 (200–400) µs | 3.0 (2.0–4.0) ms | 6.0 (4.0–8.0) ms |", markdown);
        Assert.Contains("Medians over the measured rounds, with the min–max range where rounds differ", markdown);
    }

    [Fact]
    public void A_failed_session_and_a_reset_are_listed_and_the_run_is_marked_partial()
    {
        var run = Run(["alpha", "beta"], 1, 1000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, run.Rates, 2000));
        var failed = Session("beta", 1, 20 * MiB, 0, [], 0);
        failed.Phases.Clear();
        failed.Status = SessionStatus.Failed;
        failed.Reason = "READY not received within 60 s";
        failed.Events.Add("board reset: BOOT (pid 99) received during max");
        failed.ExitCode = 139;
        run.Sessions.Add(failed);
        run.Status = RunStatus.Partial;
        run.Reason = "beta round 1: READY not received within 60 s";

        var markdown = MarkdownReport.Render(run, []);

        Assert.Contains("> **Status: partial — beta round 1: READY not received within 60 s (finished", markdown);
        Assert.Contains("| beta (1 failed) | 20.0 MiB |", markdown);
        Assert.Contains("- beta round 1: failed — READY not received within 60 s\n- beta round 1: board reset: BOOT (pid 99) received during max\n"
            + "- beta round 1: exited with code 139\n", markdown);
        Assert.Contains("| beta | 1 | failed | 25 ms | 20.0 MiB | 0 | 6 | signal, exit 139 |", markdown);
    }

    [Fact]
    public void A_run_left_running_by_a_dead_host_says_its_figures_stop_there()
    {
        var run = Run(["alpha"], 1);
        run.Status = RunStatus.Running;
        run.FinishedUtc = null;

        var markdown = MarkdownReport.Render(run, []);

        Assert.Contains("> **Status: running — the run is still going, or the host stopped before it could finish; these are the figures saved until then.**", markdown);
    }

    [Fact]
    public void Markup_in_names_and_reasons_is_escaped()
    {
        var run = Run(["<b>x</b>|y"], 1);
        run.Status = RunStatus.Partial;
        run.Reason = "<script>alert(1)</script> *bold*";

        var markdown = MarkdownReport.Render(run, []);

        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\*", markdown);
        Assert.Contains("| &lt;b&gt;x&lt;/b&gt;\\|y | - |", markdown);
    }

    [Fact]
    public void Plots_are_linked_as_png_images_under_their_rate()
    {
        var run = Run(["alpha"], 1, 1000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, run.Rates, 2000));
        RenderedPlot[] plots =
        [
            new("latency-1000", "Latency at 1000", 1000, "plots/latency-1000.png", "plots/latency-1000.svg", "<svg/>"),
            new("rss", "RSS over time", null, "plots/rss.png", "plots/rss.svg", "<svg/>"),
        ];

        var markdown = MarkdownReport.Render(run, plots);

        Assert.Contains("| alpha | 200 µs | 2.0 ms | 4.0 ms |\n\n![Latency at 1000](plots/latency-1000.png)\n", markdown);
        Assert.Contains("## Over time (first measured round)\n\n", markdown);
        Assert.Contains("\n\n![RSS over time](plots/rss.png)\n", markdown);
    }

    [Fact]
    public void The_verdict_comes_first_then_the_cards_and_cpu_and_every_column_is_explained()
    {
        var run = WithCards(Run(["alpha", "beta"], 1, 1000));
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000));
        run.Sessions.Add(Session("beta", 1, 4 * MiB, 9000, run.Rates, 900));

        var markdown = MarkdownReport.Render(run, []);

        var headings = markdown.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["## Verdict", "## Board and contenders", "## Board notes", "## Settings", "## Memory profile", "## Summary", "## CPU", "## Latency at fixed open-loop rates", "## Pauses and spikes", "## Build cost and footprint", "## The seed post's claims, on this board",
            "## Sessions"], headings);
        Assert.Contains($"- Smallest at idle (baseline RSS): beta, {FigureText.Mebibytes(Spread.Of([4.0 * MiB]))}; then alpha {FigureText.Ratio(2.5)}", markdown);
        Assert.Contains("| CPU | Cortex-A72 (Raspberry Pi 4 Model B Rev 1.4) |", markdown);
        Assert.Contains("- Worker threads per contender: one per CPU the contenders get", markdown);
        run.Settings = run.Settings with { Threads = 2 };
        Assert.Contains("- Worker threads per contender: 2 (--threads)", MarkdownReport.Render(run, []));
        Assert.Contains("| emulated | no |", markdown);
        Assert.Contains($"| alpha | rustc 1.63.0 hyper 0.14.19 tokio 1.24.2 | release: LTO, codegen-units=1, panic=abort, stripped | alpha/alpha | "
            + $"{FigureText.Mebibytes(Spread.Of([700_000.0]))} | aaaaaaaaaaaaaaaa… |", markdown);
        // Every STAT of the builder is 50 % of a core; 5000 req/s at half a core is 10000 requests per CPU-second.
        Assert.Contains($"| alpha | - | 50 % | {FigureText.Thousands(10000.0)} | - |", markdown);
        Assert.Contains("device p99: the server's own p99 of its handler time", markdown);
        Assert.Contains("csharp-kestrel: from the request delegate's start", markdown);
        Assert.Contains("It is not comparable with the device p99 of the summary", markdown);
    }

    [Fact]
    public void An_emulated_board_says_so_and_a_run_without_cards_says_why()
    {
        var run = WithCards(Run(["alpha"], 1));
        run.BoardCard = run.BoardCard! with { Emulated = true };
        Assert.Contains("> **Emulated board: memory figures hold, but req/s and latency are an emulator's, not a real board's.**",
            MarkdownReport.Render(run, []));

        var bare = Run(["alpha"], 1);
        string markdown = MarkdownReport.Render(bare, []);
        Assert.Contains("No board card: the board could not be asked", markdown);
        Assert.Contains("No contender card:", markdown);
    }
}
