using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards.Qemu;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Qemu;

/// <summary>
/// The whole comparison on the emulated board, shrunk to seconds: every contender's arm64 build started under the
/// bench runner, its READY baseline taken from the UART, a closed-loop and a 50 req/s phase driven through the
/// forwarded port. Proves the path a real board takes, not any figure.
/// </summary>
[Collection(QemuTestGroup.Name)]
public class QemuBenchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Short_bench_on_the_emulated_board_records_a_ready_baseline_for_every_contender()
    {
        var settings = new BenchSettings
        {
            Rounds = 1, Connections = 8, Settle = TimeSpan.FromMilliseconds(500), Warmup = TimeSpan.FromSeconds(1),
            MaxDuration = TimeSpan.FromSeconds(2), RateDuration = TimeSpan.FromSeconds(2), Rates = [50], Cooldown = TimeSpan.FromMilliseconds(500),
            Seed = 7,
        };
        string results = Directory.CreateTempSubdirectory("devicebench-qemu-bench").FullName;
        await using var board = new QemuBoard(QemuProfile.Parse("pi-zero-2w"));
        using var folder = RunFolder.Create(results, board.Name, DateTimeOffset.UtcNow);
        var run = await new BenchRunner(board, settings, folder).RunAsync(QemuBoardFixture.ArtifactsRoot, default);

        output.WriteLine($"run {run.Status}: {run.Reason}");
        foreach (var s in run.Sessions)
            output.WriteLine($"{s.Contender}: {s.Status} {s.Reason} baseline RSS {s.Ready?.Memory?.RssBytes / 1024} kB; " +
                string.Join("; ", s.Phases.Select(p => $"{p.Name} {p.Load.RequestsPerSecond:0} req/s p99 {p.Load.Latency.P99Micros} us")));
        Assert.Equal(RunStatus.Complete, run.Status);
        Assert.Equal("qemu:pi-zero-2w", run.Board);
        Assert.Equal("arm64", run.Architecture);
        Assert.Contains(run.BoardNotes, n => n.Contains("NOT a real board", StringComparison.Ordinal));
        Assert.Equal(ContenderCatalog.Names.Order(), run.Sessions.Select(s => s.Contender).Order());
        Assert.All(run.Sessions, s =>
        {
            Assert.True(s.Ready?.Memory?.RssBytes > 0, $"{s.Contender} has no READY baseline");
            Assert.Contains(s.Phases, p => p.Name == "rate-50" && p.Load.Requests > 0);
        });
        Directory.Delete(results, recursive: true);
    }

    /// <summary>The constrained profile on the emulated board: every contender starts with its runtime's settings and serves under them.</summary>
    [Fact]
    public async Task Short_bench_with_the_constrained_profile_completes_on_the_emulated_board_and_records_the_settings()
    {
        var settings = new BenchSettings
        {
            Rounds = 1, Connections = 8, Settle = TimeSpan.FromMilliseconds(500), Warmup = TimeSpan.FromSeconds(1),
            MaxDuration = TimeSpan.FromSeconds(2), RateDuration = TimeSpan.FromSeconds(2), Rates = [50], Cooldown = TimeSpan.FromMilliseconds(500),
            Seed = 11,
        };
        var profile = MemoryProfile.Create(MemoryProfile.ConstrainedName, null, settings.Contenders);
        string results = Directory.CreateTempSubdirectory("devicebench-qemu-profile").FullName;
        await using var board = new QemuBoard(QemuProfile.Parse("pi4"));
        using var folder = RunFolder.Create(results, board.Name, DateTimeOffset.UtcNow);
        var run = await new BenchRunner(board, settings, folder, memoryProfile: profile).RunAsync(QemuBoardFixture.ArtifactsRoot, default);

        output.WriteLine($"run {run.Status}: {run.Reason}");
        foreach (var s in run.Sessions)
            output.WriteLine($"{s.Contender} ({string.Join(" ", profile.Environment(s.Contender))}): {s.Status} {s.Reason} baseline RSS {s.Ready?.Memory?.RssBytes / 1024} kB, "
                + $"peak {s.Stats.Select(t => t.Stat.Memory?.HwmBytes ?? 0).DefaultIfEmpty().Max() / 1024} kB");
        Assert.Equal(RunStatus.Complete, run.Status);
        Assert.Equal(ContenderCatalog.Names.Order(), run.Sessions.Select(s => s.Contender).Order());
        Assert.All(run.Sessions, s => Assert.Contains(s.Phases, p => p.Name == "rate-50" && p.Load.Requests > 0 && p.Load.Errors.Total == 0));
        Assert.Equal(profile.Settings, RunFolder.Load(folder.Directory).MemoryProfile!.Settings);
        Directory.Delete(results, recursive: true);
    }
}
