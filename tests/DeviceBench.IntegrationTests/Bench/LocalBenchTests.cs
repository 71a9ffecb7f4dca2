using System.Diagnostics;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Local;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>The whole comparison on the local board with the real published contenders, phases shortened to seconds.</summary>
[Collection(nameof(SerialBenchRuns))]
public class LocalBenchTests
{
    private static BenchSettings Short(params string[] contenders) => new()
    {
        Contenders = contenders.Length > 0 ? contenders : ContenderCatalog.Names,
        Rounds = 1, Connections = 16, Settle = TimeSpan.FromMilliseconds(300), Warmup = TimeSpan.FromMilliseconds(300),
        MaxDuration = TimeSpan.FromSeconds(1), RateDuration = TimeSpan.FromSeconds(2), Cooldown = TimeSpan.Zero,
        Rates = [500], ReportInterval = TimeSpan.FromMilliseconds(250), Seed = 7,
    };

    private static async Task<(RunRecord Run, string Folder)> RunAsync(BenchSettings settings, Func<BenchRunner, LocalBoard, IBenchProgress>? progress = null)
    {
        string results = Directory.CreateTempSubdirectory("devicebench-results").FullName;
        await using var board = new LocalBoard(BoardProfile.SplitLocal());
        using var folder = RunFolder.Create(results, board.Name, DateTimeOffset.UtcNow);
        BenchRunner? runner = null;
        var relay = new RelayProgress(m => { if (runner is not null && progress is not null) progress(runner, board).Report(m); });
        runner = new BenchRunner(board, settings, folder, relay);
        var run = await runner.RunAsync(Path.Combine(Artifacts.RepositoryRoot, "artifacts"), CancellationToken.None);
        return (run, folder.Directory);
    }

    [Fact]
    public async Task Bench_measures_all_four_contenders_and_records_everything()
    {
        var (run, folder) = await RunAsync(Short());

        Assert.True(run.Status == RunStatus.Complete, run.Reason);
        Assert.Equal(ContenderCatalog.Names.Order(), run.Sessions.Select(s => s.Contender).Order());
        foreach (var session in run.Sessions)
        {
            Assert.Equal(SessionStatus.Ok, session.Status);
            Assert.InRange(session.Ready!.Memory!.Value.RssBytes, 512 << 10, 200 << 20);
            Assert.NotNull(session.SettledBaseline);
            Assert.Equal(["max", "rate-500"], session.Phases.Select(p => p.Name));
            var max = session.Phases[0].Load;
            // How fast is the benchmark's to say (scripts/bench-firmware.sh); here only that each phase measured.
            Assert.True(max.Requests > 0, $"{session.Contender}: the max phase measured nothing");
            Assert.Equal(0, max.Errors.Total);
            var open = session.Phases[1].Load;
            // The open loop's schedule is fixed: 500/s for 2 s is 1,000 requests, answered or still owed at the end.
            // Where the warm-up ends is the load engine's clock thread's reading, late by milliseconds (by a hundred on a
            // busy machine), so a few requests fall on either side of it: within 10 %. A phase cut short misses it.
            Assert.InRange(open.Requests + open.Unfinished, 900, 1_100);
            Assert.Equal(0, open.Errors.Total);
            Assert.NotNull(open.UncorrectedLatency);
            Assert.True(File.Exists(Path.Combine(folder, session.Phases[1].HlogFile!)));
            var seqs = session.Stats.Select(s => s.Stat.Seq).ToList();
            Assert.True(seqs.Count >= 3, $"{session.Contender}: {seqs.Count} STATs");
            Assert.Equal(seqs.Order(), seqs);
            Assert.Equal("signal", session.End?.Reason);
            bool selfReported = session.Contender.StartsWith("csharp-", StringComparison.Ordinal);
            Assert.Equal(selfReported, session.Stats.Any(s => s.Stat.Requests is not null));
            if (selfReported) Assert.Contains(session.Stats, s => s.Phase == "max" && s.Stat.Latency is not null);
        }
        Assert.Equal(0, run.Serial.CorruptLines);
        var saved = RunFolder.Load(folder);
        Assert.Equal((RunStatus.Complete, 4), (saved.Status, saved.Sessions.Count));
        Assert.Contains(File.ReadLines(Path.Combine(folder, "serial.log")), l => l.StartsWith("#DB1 READY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_connection_ladder_holds_each_step_on_every_contender_and_records_its_memory_and_latency()
    {
        var (run, folder) = await RunAsync(Short() with { ConnectionsLadder = [1, 50], LadderRate = 200, LadderStep = TimeSpan.FromSeconds(2) });

        Assert.True(run.Status == RunStatus.Complete, run.Reason);
        foreach (var session in RunFolder.Load(folder).Sessions)
        {
            Assert.Equal([1, 50], session.Ladder.Select(l => l.Connections));
            foreach (var step in session.Ladder)
            {
                Assert.True(step.Failure is null, $"{session.Contender} {step.Connections}: {step.Failure}");
                Assert.Equal(step.Connections, step.Load!.Settings.Connections);
                Assert.True(step.Load.Requests > 0, $"{session.Contender} {step.Connections}: nothing measured");
                Assert.Equal(0, step.Load.Errors.Total);
                Assert.True(step.Memory is { RssBytes: > 0 }, $"{session.Contender} {step.Connections}: no STAT during the step");
                Assert.True(step.BoardConnections is null || step.BoardConnections >= step.Connections, $"{session.Contender}: the board saw {step.BoardConnections}");
                Assert.True(File.Exists(Path.Combine(folder, step.HlogFile!)));
            }
            // Bytes per connection are the 50-connection step's RSS above the 1-connection step's, over the 49 added.
            var (one, fifty) = (session.Ladder[0], session.Ladder[1]);
            Assert.Null(one.BytesPerConnection);
            Assert.Equal((fifty.Memory!.Value.RssBytes - one.Memory!.Value.RssBytes) / 49.0, fifty.BytesPerConnection);
        }
    }

    [Fact]
    public async Task A_contender_killed_mid_phase_leaves_a_readable_partial_run()
    {
        bool killed = false;
        var (run, folder) = await RunAsync(Short("go-nethttp") with { MaxDuration = TimeSpan.FromSeconds(3) }, (runner, _) => new RelayProgress(m =>
        {
            if (killed || !m.Contains(": READY,", StringComparison.Ordinal)) return;
            killed = true;
            int watcher = (int)runner.Run.Sessions[^1].Ready!.Pid!.Value;
            Task.Delay(1200).ContinueWith(_ => Process.GetProcessById(watcher).Kill(), TaskScheduler.Default);
        }));
        var session = Assert.Single(run.Sessions, s => s.Round == 1);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("exited during max", session.Reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Partial, run.Status);
        var saved = RunFolder.Load(folder);
        Assert.Equal(RunStatus.Partial, saved.Status);
        Assert.Contains("go-nethttp round 1", saved.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contender_that_hangs_mid_phase_is_stopped_and_recorded_as_not_answering()
    {
        bool stopped = false;
        var (run, folder) = await RunAsync(Short("go-nethttp") with { MaxDuration = TimeSpan.FromSeconds(4) }, (runner, _) => new RelayProgress(m =>
        {
            if (stopped || !m.Contains(": READY,", StringComparison.Ordinal)) return;
            stopped = true;
            // SIGSTOP: the server neither exits nor answers — its watcher keeps reporting, the load sees silence.
            long server = runner.Run.Sessions[^1].Ready!.Pid!.Value;
            Task.Delay(1200).ContinueWith(_ => Process.Start("kill", ["-STOP", $"{server}"])!.WaitForExit(), TaskScheduler.Default);
        }));
        var session = Assert.Single(run.Sessions);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("stopped answering during max", session.Reason, StringComparison.Ordinal);
        Assert.NotNull(session.ExitCode);
        Assert.Equal((RunStatus.Partial, SessionStatus.Failed), (RunFolder.Load(folder).Status, RunFolder.Load(folder).Sessions.Single().Status));
    }

    [Fact]
    public async Task A_boot_record_mid_run_is_recorded_as_a_board_reset()
    {
        bool sent = false;
        // A 30 s phase that must not run its course: the reset ends it at once.
        var (run, _) = await RunAsync(Short("csharp-minimal") with { MaxDuration = TimeSpan.FromSeconds(30) }, (_, board) => new RelayProgress(m =>
        {
            if (sent || !m.Contains(": READY,", StringComparison.Ordinal)) return;
            sent = true;
            // What a reset looks like on the wire: the board starts over and says BOOT while the bench is mid-phase.
            using var device = new FileStream(board.SerialDevice, FileMode.Open, FileAccess.Write);
            device.Write(System.Text.Encoding.ASCII.GetBytes(new BootRecord("0.1.0", "serve", "minimal", 1, "x64", 2, 1 << 30).ToLine() + "\n"));
        }));
        var session = run.Sessions.Single();
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("board reset", session.Reason, StringComparison.Ordinal);
        Assert.Contains(session.Events, e => e.Contains("BOOT", StringComparison.Ordinal));
        Assert.Equal("cancelled", Assert.Single(session.Phases).Load.StoppedBy);
        Assert.Equal(RunStatus.Partial, run.Status);
    }

    private sealed class RelayProgress(Action<string> report) : IBenchProgress
    {
        public void Report(string message) => report(message);
    }
}

/// <summary>Bench runs pin CPUs and load the machine: they run one at a time.</summary>
[CollectionDefinition(nameof(SerialBenchRuns), DisableParallelization = true)]
public sealed class SerialBenchRuns;
