using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Local;
using DeviceBench.Host.Load;
using DeviceBench.Host.Reports;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>One short, real bench of the four contenders on the local board, run once for the tests below.</summary>
public sealed class ShortBenchRun : IAsyncLifetime
{
    public RunRecord Run { get; private set; } = null!;

    public string Folder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new BenchSettings
        {
            Contenders = ContenderCatalog.Names, Rounds = 1, Connections = 16, Settle = TimeSpan.FromMilliseconds(600),
            Warmup = TimeSpan.FromMilliseconds(300), MaxDuration = TimeSpan.FromSeconds(2), RateDuration = TimeSpan.FromSeconds(3),
            Cooldown = TimeSpan.Zero, Rates = [400], ReportInterval = TimeSpan.FromMilliseconds(250), Seed = 11,
        };
        string results = Directory.CreateTempSubdirectory("devicebench-outputs").FullName;
        await using var board = new LocalBoard(BoardProfile.SplitLocal());
        using var folder = RunFolder.Create(results, board.Name, DateTimeOffset.UtcNow);
        Run = await new BenchRunner(board, settings, folder).RunAsync(Path.Combine(Artifacts.RepositoryRoot, "artifacts"), CancellationToken.None);
        Folder = folder.Directory;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// What a real bench leaves for other tools and readers: .hlog files that HdrHistogram's own Java reader takes, and a
/// report rendered from run.json alone that shows the verdict, the cards, CPU and latency over time.
/// </summary>
[Collection(nameof(SerialBenchRuns))]
public sealed class BenchOutputsTests(ShortBenchRun bench) : IClassFixture<ShortBenchRun>
{
    private const string HdrHistogramJar = "/usr/share/java/hdrhistogram.jar";

    [Fact]
    public async Task Every_hlog_is_read_by_HdrHistograms_Java_HistogramLogProcessor_and_agrees_with_run_json()
    {
        Assert.True(bench.Run.Status == RunStatus.Complete, bench.Run.Reason);
        Assert.True(File.Exists(HdrHistogramJar), $"{HdrHistogramJar} not found: apt-get install libhdrhistogram-java (scripts/setup.sh)");
        var phases = bench.Run.Sessions.SelectMany(s => s.Phases).ToList();
        Assert.Equal(8, phases.Count);
        foreach (var phase in phases)
        {
            string hlog = Path.Combine(bench.Folder, phase.HlogFile!);
            await AssertAgrees(hlog, null, phase.Load.Latency);
            // The report's latency-over-time plot draws run.json's intervals: they are the .hlog's intervals, max for max.
            var maxima = File.ReadLines(hlog).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0])).Select(l => l.Split(',')[2]).ToList();
            Assert.Equal(phase.Load.Intervals.Select(i => (i.LatencyMaxMicros / 1000.0).ToString("F3", CultureInfo.InvariantCulture)), maxima);
            if (phase.Load.UncorrectedLatency is { } uncorrected) await AssertAgrees(hlog, HlogIntervalWriter.UncorrectedTag, uncorrected);
        }
    }

    [Fact]
    public void The_report_rendered_from_the_real_run_json_shows_verdict_cards_cpu_and_latency_over_time()
    {
        var saved = RunFolder.Load(bench.Folder);
        Assert.NotNull(saved.BoardCard);
        Assert.Equal(Environment.ProcessorCount, saved.BoardCard!.Cores);
        Assert.False(saved.BoardCard.Emulated);
        Assert.Equal(ContenderCatalog.Names.Order(), saved.ContenderCards.Select(c => c.Contender).Order());
        Assert.All(saved.ContenderCards, c => Assert.Equal(new FileInfo(Path.Combine(Artifacts.RepositoryRoot, "artifacts", saved.Architecture, c.File)).Length, c.SizeBytes));

        var files = ReportWriter.WriteAll(bench.Folder);

        string markdown = File.ReadAllText(files.MarkdownPath);
        Assert.Contains("## Verdict\n\n- Smallest at idle (baseline RSS): ", markdown);
        Assert.Contains("- Lowest p99 at 400 req/s: ", markdown);
        Assert.Contains($"| CPU | {MarkdownReport.Escape(saved.BoardCard.CpuModel)} |", markdown);
        Assert.Contains("| csharp-minimal | dotnet ", markdown);
        Assert.Contains("## CPU\n\n| contender | idle | at max | requests per CPU-second | at 400 req/s |", markdown);
        // Under load every contender's process used some CPU: its "at max" cell is a figure, not "-".
        foreach (string contender in ContenderCatalog.Names)
            Assert.Matches($@"\n\| {contender} \| [^|]+ \| [0-9][^|]* % \| [0-9]", markdown);
        var page = XDocument.Load(files.HtmlPath);
        var figures = page.Descendants().Where(e => e.Name.LocalName == "figure").Select(e => (string?)e.Attribute("id")).ToList();
        Assert.Contains("latency-over-time-400", figures);
        Assert.All(ContenderCatalog.Names, c => Assert.Contains($"rss-{c}", figures));
    }

    /// <summary>
    /// The Java reader's total and max must equal run.json's; its percentile rows bracket run.json's p50, p99 and p99.9
    /// (its rows fall between those percentiles, at HdrHistogram's own ticks), within the histogram's 3 significant digits.
    /// </summary>
    private static async Task AssertAgrees(string hlog, string? tag, LatencySummary expected)
    {
        string output = await HistogramLogProcessor(hlog, tag);
        // Distribution rows: "Value Percentile TotalCount [1/(1-Percentile)]", values in ms (the ratio 1000 turns our microseconds into ms).
        var rows = new List<(double Micros, double Percentile)>();
        foreach (string line in output.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 3 && double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double millis)
                && double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction) && long.TryParse(f[2], CultureInfo.InvariantCulture, out _))
                rows.Add((millis * 1000, fraction * 100));
        }
        string what = $"{Path.GetFileName(hlog)}{(tag is null ? "" : " tag " + tag)}";
        Assert.True(rows.Count > 5, $"{what}: HistogramLogProcessor printed no distribution: {output}");
        var footer = output.Split('\n').Single(l => l.StartsWith("#[Max", StringComparison.Ordinal));
        var numbers = footer.Split(['=', ',', ']'], StringSplitOptions.TrimEntries);
        Assert.Equal(expected.Count, long.Parse(numbers[3], CultureInfo.InvariantCulture));
        Assert.Equal(expected.MaxMicros / 1000.0, double.Parse(numbers[1], CultureInfo.InvariantCulture), 3);
        foreach (var (percentile, micros) in new[] { (50.0, expected.P50Micros), (99.0, expected.P99Micros), (99.9, expected.P999Micros) })
        {
            double below = rows.Where(r => r.Percentile <= percentile).Select(r => r.Micros).DefaultIfEmpty(0).Max();
            double above = rows.Where(r => r.Percentile >= percentile).Select(r => r.Micros).DefaultIfEmpty(double.MaxValue).Min();
            double slack = Math.Max(1, micros * 0.001);
            Assert.True(micros >= below - slack && micros <= above + slack,
                $"{what}: run.json p{percentile} is {micros} us, the Java reader puts it between {below} and {above} us");
        }
    }

    private static async Task<string> HistogramLogProcessor(string hlog, string? tag)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "-cp", HdrHistogramJar, "org.HdrHistogram.HistogramLogProcessor", "-i", hlog, "-outputValueUnitRatio", "1000" })
            start.ArgumentList.Add(argument);
        if (tag is not null)
        {
            start.ArgumentList.Add("-tag");
            start.ArgumentList.Add(tag);
        }
        using var java = Process.Start(start)!;
        var output = java.StandardOutput.ReadToEndAsync();
        var errors = java.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await java.WaitForExitAsync(timeout.Token);
        Assert.True(java.ExitCode == 0, $"HistogramLogProcessor exited {java.ExitCode} on {hlog}: {await errors}");
        return await output;
    }
}
