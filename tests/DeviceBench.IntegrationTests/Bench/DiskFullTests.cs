using DeviceBench.Cli;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Tests.Bench;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>The results disk fills up mid-phase: a clean, recorded failure, never a crash or a torn run.json.</summary>
[Collection(nameof(SerialBenchRuns))]
public class DiskFullTests
{
    [TmpfsFact]
    public void A_results_disk_that_fills_mid_phase_stops_the_bench_keeps_a_readable_run_json_and_exits_74()
    {
        using var disk = SmallTmpfs.Mount(4L << 20);
        using var bench = ServerProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "devicebench.dll"), "bench", "--contender", "csharp-minimal",
            "--rounds", "1", "--rates", "100", "--warmup", "0s", "--settle", "0s", "--max-duration", "20s", "--results", disk.Path,
            "--artifacts", Path.Combine(Artifacts.RepositoryRoot, "artifacts")], 0, waitForPort: false);
        bench.WaitForOutput(l => l.Contains(": READY, baseline", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Thread.Sleep(1500);
        disk.Fill();

        Assert.Equal(ExitCodes.ResultsFolderFull, bench.WaitForExit(TimeSpan.FromSeconds(30)));
        string folder = Directory.GetDirectories(disk.Path).Single();
        var run = RunFolder.Load(folder);
        Assert.Equal(RunStatus.Partial, run.Status);
        Assert.Equal($"results folder {folder} is full: No space left on device", run.Reason);
        Assert.NotNull(run.FinishedUtc);
        var session = run.Sessions.Single();
        Assert.Equal((SessionStatus.Failed, run.Reason), (session.Status, session.Reason));
        Assert.Equal("signal", session.End?.Reason); // the contender was stopped, not abandoned
        Assert.False(File.Exists(Path.Combine(folder, "run.json.tmp")));
        Assert.Contains(bench.Errors, e => e.Contains($"devicebench bench: results folder {folder} is full: No space left on device", StringComparison.Ordinal));
        Assert.DoesNotContain(bench.Errors, e => e.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
