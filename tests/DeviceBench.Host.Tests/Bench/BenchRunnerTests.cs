using DeviceBench.Host.Bench;
using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Bench;

/// <summary>The bench procedure on a board in memory, with the load engine replaced where a test needs it to fail.</summary>
public sealed class BenchRunnerTests : IDisposable
{
    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("devicebench-runner-");

    public void Dispose() => _results.Delete(recursive: true);

    private static BenchSettings Settings() => new()
    {
        Contenders = ["go-nethttp"], Rounds = 1, Connections = 1, Settle = TimeSpan.Zero, Warmup = TimeSpan.Zero,
        MaxDuration = TimeSpan.FromSeconds(1), RateDuration = TimeSpan.FromSeconds(1), Cooldown = TimeSpan.Zero, Rates = [100], Seed = 7,
    };

    [Fact]
    public async Task A_load_worker_failure_fails_its_session_and_the_run_ends_partial_with_the_reason_saved()
    {
        await using var board = new FakeBoard();
        using var folder = RunFolder.Create(_results.FullName, board.Name, DateTimeOffset.UtcNow);
        var runner = new BenchRunner(board, Settings(), folder)
        {
            // What LoadEngine throws when worker threads fail: their exceptions gathered into one AggregateException.
            RunLoadAsync = (_, _, _) => Task.FromException<LoadResult>(new AggregateException("a load worker failed",
                new IOException("epoll_wait failed, errno 9"), new IOException("epoll_wait failed, errno 9"))),
        };

        var run = await runner.RunAsync("artifacts", CancellationToken.None);

        var saved = RunFolder.Load(folder.Directory);
        Assert.Equal((RunStatus.Partial, SessionStatus.Failed), (saved.Status, saved.Sessions.Single().Status));
        Assert.Equal("go-nethttp round 1: the load generator failed during max: epoll_wait failed, errno 9", saved.Reason);
        Assert.NotNull(saved.FinishedUtc);
        Assert.Equal(saved.Reason, run.Reason);
    }

    [Fact]
    public async Task A_fault_the_bench_does_not_expect_mid_session_ends_the_run_partial_never_running()
    {
        await using var board = new FakeBoard();
        using var folder = RunFolder.Create(_results.FullName, board.Name, DateTimeOffset.UtcNow);
        var runner = new BenchRunner(board, Settings(), folder)
        {
            RunLoadAsync = (_, _, _) => throw new NotSupportedException("the fake engine cannot do that"),
        };

        await runner.RunAsync("artifacts", CancellationToken.None);

        var saved = RunFolder.Load(folder.Directory);
        Assert.Equal((RunStatus.Partial, "the fake engine cannot do that"), (saved.Status, saved.Reason));
        Assert.Equal((SessionStatus.Failed, "the fake engine cannot do that"), (saved.Sessions.Single().Status, saved.Sessions.Single().Reason));
        Assert.Contains(File.ReadLines(Path.Combine(folder.Directory, "events.log")), l => l.Contains("unexpected failure: System.NotSupportedException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ladder_step_the_load_generator_cannot_open_says_why_and_the_ladder_ends_with_the_session_ok()
    {
        await using var server = new TestHttpServer();
        await using var board = new FakeBoard { Server = server.Url };
        using var folder = RunFolder.Create(_results.FullName, board.Name, DateTimeOffset.UtcNow);
        var runner = new BenchRunner(board, Settings() with { ConnectionsLadder = [1, 5000, 2], LadderStep = TimeSpan.FromSeconds(1) }, folder)
        {
            // What OpenFileBudget throws when the open-file limit cannot be raised far enough.
            RunLoadAsync = (options, observer, token) => options.Connections > 100
                ? Task.FromException<LoadResult>(new ArgumentException("5,000 connections need 5,258 open files, but the open-file limit is 1,024"))
                : LoadEngine.RunAsync(options, observer, token),
        };

        var run = await runner.RunAsync("artifacts", CancellationToken.None);

        Assert.True(run.Status == RunStatus.Complete, run.Reason);
        var ladder = RunFolder.Load(folder.Directory).Sessions.Single().Ladder;
        Assert.Equal([1, 5000], ladder.Select(l => l.Connections));
        Assert.Null(ladder[0].Failure);
        Assert.NotNull(ladder[0].Load);
        Assert.Equal((null, "5,000 connections need 5,258 open files, but the open-file limit is 1,024"), (ladder[1].Load, ladder[1].Failure));
    }

    [Fact]
    public async Task A_fault_before_any_session_ends_the_run_failed_with_its_reason()
    {
        await using var board = new FakeBoard { DeployFault = new PlatformNotSupportedException("this board needs a newer kernel") };
        using var folder = RunFolder.Create(_results.FullName, board.Name, DateTimeOffset.UtcNow);

        await new BenchRunner(board, Settings(), folder).RunAsync("artifacts", CancellationToken.None);

        var saved = RunFolder.Load(folder.Directory);
        Assert.Equal((RunStatus.Failed, "this board needs a newer kernel"), (saved.Status, saved.Reason));
        Assert.Empty(saved.Sessions);
    }

    [Fact]
    public async Task Each_phase_says_which_of_all_it_is_and_the_time_left_by_the_settings()
    {
        await using var board = new FakeBoard();
        using var folder = RunFolder.Create(_results.FullName, board.Name, DateTimeOffset.UtcNow);
        var positions = new List<BenchPosition>();
        var settings = Settings() with { Contenders = ["go-nethttp", "rust-hyper"], Rounds = 2, Rates = [100, 200] };
        var runner = new BenchRunner(board, settings, folder, new Recording(positions))
        {
            RunLoadAsync = (options, _, _) => Task.FromResult(Reports.RunBuilder.Load(DateTimeOffset.UtcNow, 1000, 500, options.RatePerSecond)),
        };

        var run = await runner.RunAsync("artifacts", CancellationToken.None);

        Assert.True(run.Status == RunStatus.Complete, run.Reason);
        // 2 rounds × 2 contenders × (max + 2 rates), each phase 1 s with no warm-up, settle or cool-down: 12 phases, 12 s.
        Assert.Equal(Enumerable.Range(1, 12), positions.Select(p => p.Phase));
        Assert.All(positions, p => Assert.Equal(12, p.Phases));
        Assert.Equal(Enumerable.Range(1, 12).Reverse().Select(s => TimeSpan.FromSeconds(s)), positions.Select(p => p.Left));
        Assert.Equal(["max", "rate-100", "rate-200"], positions.Take(3).Select(p => p.PhaseName));
        Assert.Equal([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2], positions.Select(p => p.Round));
    }

    [Theory]
    [InlineData(null, "2")] // the fake board gives its contenders two CPUs
    [InlineData(3, "3")]
    public async Task Every_contender_starts_with_the_threads_asked_for_else_one_per_board_cpu(int? threads, string expected)
    {
        await using var board = new FakeBoard();
        using var folder = RunFolder.Create(_results.FullName, board.Name, DateTimeOffset.UtcNow);
        var runner = new BenchRunner(board, Settings() with { Contenders = ["csharp-minimal", "go-nethttp"], Threads = threads }, folder)
        {
            RunLoadAsync = (options, _, _) => Task.FromResult(Reports.RunBuilder.Load(DateTimeOffset.UtcNow, 1000, 500, options.RatePerSecond)),
        };

        var run = await runner.RunAsync("artifacts", CancellationToken.None);

        Assert.True(run.Status == RunStatus.Complete, run.Reason);
        Assert.Equal(2, board.Launches.Count);
        Assert.All(board.Launches, l => Assert.Equal(expected, l.Command[l.Command.ToList().IndexOf("--threads") + 1]));
        Assert.Equal(threads, RunFolder.Load(folder.Directory).Settings.Threads);
    }

    private sealed class Recording(List<BenchPosition> positions) : IBenchProgress
    {
        public void Report(string message)
        {
        }

        public void PhaseStarting(BenchPosition position) => positions.Add(position);
    }
}
