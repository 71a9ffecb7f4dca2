using System.Diagnostics;
using DeviceBench.Host.Bench;
using DeviceBench.IntegrationTests.Infrastructure;
using static DeviceBench.IntegrationTests.Cli.DevicebenchCli;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>The <c>devicebench</c> command as a user runs it, as a real process.</summary>
[Collection(nameof(SerialBenchRuns))]
public sealed class BenchCliTests : IDisposable
{
    private static readonly string ArtifactsRoot = Path.Combine(Artifacts.RepositoryRoot, "artifacts");

    /// <summary>An empty folder to run in.</summary>
    private readonly string cwd = Directory.CreateTempSubdirectory("devicebench-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(cwd, recursive: true);

    private static ServerProcess Devicebench(params string[] args) =>
        ServerProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "devicebench.dll"), .. args], 0, waitForPort: false);

    [Fact]
    public void Ctrl_c_mid_phase_saves_a_partial_run_and_exits_130()
    {
        string results = Directory.CreateTempSubdirectory("devicebench-ctrlc").FullName;
        using var bench = Devicebench("bench", "--contender", "go-nethttp", "--rounds", "1", "--rates", "100", "--warmup", "0s", "--settle", "0s",
            "--max-duration", "20s", "--results", results, "--artifacts", Path.Combine(Artifacts.RepositoryRoot, "artifacts"));
        bench.WaitForOutput(l => l.Contains(": READY, baseline", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Thread.Sleep(1000);
        bench.Signal(2);
        Assert.Equal(130, bench.WaitForExit(TimeSpan.FromSeconds(30)));

        var run = RunFolder.Load(Directory.GetDirectories(results).Single());
        Assert.Equal("partial", run.Status);
        Assert.Contains("Ctrl-C", run.Reason, StringComparison.Ordinal);
        var session = run.Sessions.Single();
        Assert.NotNull(session.Ready);
        Assert.Equal("signal", session.End?.Reason); // the contender was stopped, not abandoned
    }

    [Fact]
    public void An_unknown_contender_is_a_usage_error()
    {
        using var bench = Devicebench("bench", "--contender", "php-fpm");
        Assert.Equal(2, bench.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Contains(bench.Errors, e => e.Contains("unknown contender 'php-fpm'", StringComparison.Ordinal));
    }

    private static ServerProcess ShortRun(string results, string maxDuration) => Devicebench("bench", "--contender", "go-nethttp", "--rounds", "1", "--rates", "100",
        "--warmup", "0s", "--settle", "0s", "--max-duration", maxDuration, "--rate-duration", "1s", "--cooldown", "0s", "--results", results, "--artifacts", ArtifactsRoot);

    [Fact]
    public void A_contender_killed_mid_phase_ends_the_run_partial_with_its_reason_on_one_line_and_exit_1()
    {
        using var bench = ShortRun(cwd, "3s");
        bench.WaitForOutput(l => l.Contains(": READY, baseline", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        string folder = Directory.GetDirectories(cwd).Single();
        // READY's pid is go-nethttp's watcher; run.json has it once the settled baseline is saved, right after READY.
        long? pid = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); pid is null && DateTime.UtcNow < deadline; Thread.Sleep(50))
            pid = RunFolder.Load(folder).Sessions.SingleOrDefault()?.Ready?.Pid;
        Process.GetProcessById((int)pid!.Value).Kill();

        Assert.Equal(1, bench.WaitForExit(TimeSpan.FromSeconds(60)));
        var run = RunFolder.Load(folder);
        Assert.Equal("partial", run.Status);
        Assert.StartsWith("go-nethttp round 1: contender exited during max", run.Reason, StringComparison.Ordinal);
        Assert.Equal($"devicebench bench: run partial: {run.Reason}", bench.Errors.First());
        AssertNoStackTrace(bench.Errors);
    }

    [Fact]
    public void A_results_folder_removed_mid_run_ends_the_run_with_one_line_not_a_stack_trace()
    {
        using var bench = ShortRun(cwd, "3s");
        bench.WaitForOutput(l => l.Contains(": READY, baseline", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Thread.Sleep(500); // past the save that follows READY: the max phase is running and writes only its logs
        string folder = Directory.GetDirectories(cwd).Single();
        Directory.Delete(folder, recursive: true);

        Assert.Equal(1, bench.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal($"devicebench bench: run partial: results folder {folder} is gone: removed while the run was writing to it", bench.Errors.First());
        AssertNoStackTrace(bench.Errors);
    }
}
