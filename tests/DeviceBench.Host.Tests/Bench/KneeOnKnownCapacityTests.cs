using DeviceBench.Host.Bench;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Bench;

/// <summary>
/// The knee search of a bench session, run for real (load engine, loopback sockets, run folder) against a server of known
/// capacity: one thread at 2 ms a request answers at most 500 requests/s. Why the knee lands within 10 % of 500 on a busy
/// machine: below capacity the queue is stable, and a scheduler hiccup of H ms only delays the requests behind it by up
/// to H ms, so the p99 ≤ 100 ms objective misses only after hiccups of 100 ms or more; above capacity the backlog grows
/// by the excess every second, so 3 % over capacity already queues past 100 ms within the 1 s warm-up and the 4 s step
/// (15 req/s × 5 s = 75 requests = 150 ms). A low capacity keeps the load generator itself far from its own limits.
/// </summary>
public sealed class KneeOnKnownCapacityTests : IDisposable
{
    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("devicebench-knee-");

    public void Dispose() => _results.Delete(recursive: true);

    [Fact]
    public async Task The_knee_of_a_one_thread_server_at_2_ms_a_request_is_within_10_percent_of_500_requests_a_second()
    {
        await using var server = new FixedServiceServer(TimeSpan.FromMilliseconds(2));
        await using var board = new FakeBoard { Server = server.Url };
        using var folder = RunFolder.Create(_results.FullName, board.Name, DateTimeOffset.UtcNow);
        var settings = new BenchSettings
        {
            Contenders = ["go-nethttp"], Rounds = 1, Connections = 16, Settle = TimeSpan.Zero, Warmup = TimeSpan.FromSeconds(1),
            MaxDuration = TimeSpan.FromSeconds(3), RateDuration = TimeSpan.FromSeconds(1), Cooldown = TimeSpan.Zero, Rates = [50], Seed = 1,
            Slo = new Slo(99, 100_000), KneeStep = TimeSpan.FromSeconds(4),
        };

        var run = await new BenchRunner(board, settings, folder).RunAsync("artifacts", CancellationToken.None);

        Assert.Equal(RunStatus.Complete, run.Status);
        var knee = RunFolder.Load(folder.Directory).Sessions.Single().Knee;
        Assert.NotNull(knee);
        Assert.NotNull(knee.Conclusion);
        // The closed-loop maximum cannot be above capacity (a few requests at the edges of the window aside); a hiccup can put it below.
        Assert.InRange(knee.StartRate, 1, 1.1 * server.CapacityPerSecond);
        Assert.NotNull(knee.KneeRate);
        Assert.InRange(knee.KneeRate.Value, 0.9 * server.CapacityPerSecond, 1.1 * server.CapacityPerSecond);
        // Every step is judged by the objective on its own figures, and the knee is the highest step that met it.
        Assert.All(knee.Steps, s => Assert.Equal(settings.Slo.IsMetBy(s.Load), s.Met));
        Assert.Equal(knee.Steps.Where(s => s.Met).Max(s => s.Rate), knee.KneeRate);
        Assert.All(knee.Steps, s => Assert.True(File.Exists(Path.Combine(folder.Directory, s.HlogFile!))));
    }
}
