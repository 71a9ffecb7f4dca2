using System.Diagnostics;
using DeviceBench.Host.Load;
using DeviceBench.Host.Load.Linux;
using DeviceBench.Host.Load.Running;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Load;

public class OpenLoopTests
{
    [Fact]
    public async Task Open_loop_sends_the_whole_schedule_and_says_when_it_could_not_keep_it()
    {
        await using var server = new TestHttpServer();
        var result = await LoadRun.Against(server, o => o with { Connections = 8, RatePerSecond = 400, Duration = TimeSpan.FromSeconds(5) });

        // The schedule is fixed in advance, so the count is exact: 400/s for 5 s.
        Assert.Equal(2_000, result.Requests);
        Assert.Equal(2_000, server.Requests);
        Assert.Equal(0, result.Errors.Total);
        AssertLagIsReportedHonestly(result, 2_000);
    }

    [Fact]
    public async Task Low_rates_send_every_planned_request_and_report_how_late()
    {
        // 40 requests/s on one connection, as a microcontroller would be loaded: one every 25 ms. How close to the
        // microsecond the sends leave is the machine's to allow (a CPU-bound neighbour delays every wake-up by a time
        // slice): scripts/bench-load.sh measures it; here the engine must send them all and report the lag it had.
        using var server = new ArrivalStampingServer();
        var result = await LoadEngine.RunAsync(LoadRun.Options(server.Url) with { Connections = 1, RatePerSecond = 40, Duration = TimeSpan.FromSeconds(3) });

        Assert.Equal(120, result.Requests);
        Assert.Equal(120, server.ArrivalTicks.Count);
        AssertLagIsReportedHonestly(result, 120);
    }

    [Fact]
    public async Task Low_rate_sends_are_scheduled_on_realtime_threads_where_the_process_may()
    {
        // SCHED_FIFO needs root, CAP_SYS_NICE or an RLIMIT_RTPRIO; the engine must use it exactly when it is allowed,
        // only for the open loop, and only where a worker's share of the rate keeps its polling small.
        var permitted = await Task.Factory.StartNew(RealtimeScheduling.TryForCurrentThread, TaskCreationOptions.LongRunning);
        await using var server = new TestHttpServer();

        var slow = await LoadRun.Against(server, o => o with { Connections = 2, RatePerSecond = 200 });
        var fast = await LoadRun.Against(server, o => o with { Connections = 2, RatePerSecond = 5_000 });
        var closed = await LoadRun.Against(server);

        Assert.Equal(permitted, slow.Engine.RealtimeSends);
        Assert.Equal(200, slow.Requests);
        Assert.False(fast.Engine.RealtimeSends);
        Assert.Equal(5_000, fast.Requests);
        Assert.False(closed.Engine.RealtimeSends);
    }

    [Fact]
    public void Planned_starts_are_evenly_spaced_across_connections()
    {
        // wrk2's schedule: connections take turns, so the run's requests are 1/rate apart whichever connection sends.
        var plan = new RunPlan
        {
            Address = [], Request = [], Batch = [], Pipeline = 1, TotalConnections = 8, RatePerSecond = 400,
            TimeoutTicks = 0, ConnectTimeoutTicks = 0, ResponsesHaveNoBody = false, ExpectedStatus = null, ExpectedBodyBytes = null,
        };
        plan.Start(1_000, 1_000 + (5 * Stopwatch.Frequency));
        var starts = Enumerable.Range(0, 8).SelectMany(c => Enumerable.Range(0, 250).Select(i => plan.PlannedTicks(c, i))).Order().ToList();
        var gapMicros = starts.Zip(starts.Skip(1), (a, b) => (b - a) * 1e6 / Stopwatch.Frequency).ToList();

        Assert.All(gapMicros, gap => Assert.InRange(gap, 2_499, 2_501));
        Assert.Equal(2_000, Enumerable.Range(0, 8).Sum(c => plan.RequestsPlannedBeforeEnd(c)));
    }

    /// <summary>Every send's lag is in the figure, and the summary warns exactly when 1 % of sends were over 1 ms late.</summary>
    private static void AssertLagIsReportedHonestly(LoadResult result, long sends)
    {
        var lag = Assert.IsType<LatencySummary>(result.SendLag);
        Assert.InRange(lag.Count, 1, sends); // sends it was free to make on time: a connection still awaiting its answer is not lag
        var warned = result.Engine.Warnings.Any(w => w.Contains("late", StringComparison.Ordinal));
        Assert.Equal(lag.P99Micros > 1_000, warned);
    }

    [Fact]
    public Task Server_pause_shows_in_corrected_percentiles_but_not_in_uncorrected_ones() => TimingAttempts.UpTo(3, async () =>
    {
        // 1,000 requests/s over 4 connections for 4 s; the server holds every answer back for 1 s in the middle,
        // as a process under SIGSTOP would. Requests planned during the pause wait 1 s down to 0 s, a quarter of
        // the run, so the corrected P99 is about 0.96 s. Each connection has only one request in flight during the
        // pause, so the uncorrected histogram sees 4 slow requests out of 4,000 (0.1 %) and its P99 stays small:
        // that is the coordinated omission the corrected histogram undoes.
        await using var server = new TestHttpServer();
        var run = LoadRun.Against(server, o => o with { RatePerSecond = 1_000, Duration = TimeSpan.FromSeconds(4), Timeout = TimeSpan.FromSeconds(3) });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var paused = Stopwatch.StartNew();
        server.Pause();
        await Task.Delay(TimeSpan.FromSeconds(1));
        server.Resume();
        var pauseMicros = paused.Elapsed.TotalMicroseconds;
        var result = await run;

        Assert.Equal(4_000, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        // Tolerances: 20 % below the theoretical 0.96 s for scheduling noise; the uncorrected P99 must stay under a
        // tenth of the pause, where it would sit if the stalled requests had been charged. The counts hold in every
        // attempt; the ratios to the pause, which a busy machine stretches, in one of three.
        double p99 = result.Latency.P99Micros, max = result.Latency.MaxMicros;
        double rawP99 = result.UncorrectedLatency!.P99Micros, rawMax = result.UncorrectedLatency.MaxMicros;
        bool within = p99 >= 0.8 * pauseMicros && p99 <= 1.2 * pauseMicros
            && max >= 0.95 * pauseMicros && max <= 1.2 * pauseMicros
            && rawP99 <= 0.1 * pauseMicros
            && rawMax >= 0.9 * pauseMicros && rawMax <= 1.2 * pauseMicros;
        return within ? null : $"pause {pauseMicros:F0} µs: P99 {p99}, max {max}, uncorrected P99 {rawP99}, max {rawMax}";
    });

    [Fact]
    public async Task Requests_held_back_at_the_end_are_still_sent_and_charged()
    {
        // The server stalls through the last half second: the requests planned then are sent late, while draining,
        // and their wait appears in the corrected histogram instead of vanishing with the end of the run.
        await using var server = new TestHttpServer();
        var run = LoadRun.Against(server, o => o with { RatePerSecond = 200, Duration = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(3) });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        server.Pause();
        await Task.Delay(TimeSpan.FromSeconds(0.8));
        server.Resume();
        var result = await run;

        Assert.Equal(400, result.Requests);
        Assert.Equal(0, result.Unfinished);
        Assert.InRange(result.Latency.MaxMicros, 500_000, 2_000_000);
    }
}
