using System.Diagnostics;
using System.Runtime.InteropServices;
using DeviceBench.Host.Bench;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.IntegrationTests.Cli;
using static DeviceBench.IntegrationTests.Cli.DevicebenchRun;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>The <c>devicebench</c> command as a user runs it, as a real process.</summary>
[Collection(nameof(SerialBenchRuns))]
public sealed class BenchCliTests : IDisposable
{
    private static readonly string ArtifactsRoot = Path.Combine(Artifacts.RepositoryRoot, "artifacts");
    private static readonly string Arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";

    /// <summary>An empty folder to run in: bench's default --results and --artifacts are relative to it.</summary>
    private readonly string _cwd = Directory.CreateTempSubdirectory("devicebench-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(_cwd, recursive: true);

    private static DevicebenchRun Devicebench(params string[] args) => DevicebenchRun.Start(args);

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
        Assert.Equal(RunStatus.Partial, run.Status);
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

    [Theory]
    [InlineData("--rounds", "0", "rounds must be at least 1 (got 0)")]
    [InlineData("--rounds", "-1", "rounds must be at least 1 (got -1)")]
    [InlineData("--rates", "0", "rates are whole requests/s of at least 1 (got 0)")]
    [InlineData("--connections", "0", "connections must be at least 1 (got 0)")]
    [InlineData("--threads", "0", "threads must be at least 1 (got 0)")]
    [InlineData("--threads", "-2", "threads must be at least 1 (got -2)")]
    [InlineData("--max-duration", "0s", "--max-duration must be a duration above 0s, up to 24h, such as 30s, 500ms or 2m (got '0s')")]
    [InlineData("--warmup", "1e12s", "--warmup must be a duration from 0s to 24h, such as 30s, 500ms or 2m (got '1e12s')")]
    [InlineData("--cpus", "3-1", "--cpus: '3-1' is not a CPU list (e.g. 0, 0-1 or 0,2)")]
    [InlineData("--memory", "lots", "--memory: 'lots' is not a size (e.g. 256M)")]
    [InlineData("--board", "qemu:pi9", "unknown qemu profile 'pi9' (known: pi-zero-2w, pi3, pi4, pi5)")]
    public void Bad_options_are_refused_with_exit_2_before_anything_is_created(string option, string value, string why)
    {
        AssertOneLineError(2, $"devicebench bench: {why}", Run(_cwd, "bench", option, value, "--artifacts", ArtifactsRoot));

        Assert.Empty(Listing(_cwd));
    }

    [Fact]
    public void Run_outside_the_repository_says_the_build_is_missing_and_creates_no_results_folder()
    {
        AssertOneLineError(2, $"devicebench bench: {_cwd}/artifacts/{Arch}/manifest.tsv is missing: run scripts/build.sh {Arch} first, or point --artifacts at the folder it built",
            Run(_cwd, "bench", "--contender", "go-nethttp"));

        Assert.Empty(Listing(_cwd));
    }

    [Fact]
    public void A_build_without_a_contenders_binary_is_refused_before_the_run_starts()
    {
        Directory.CreateDirectory(Path.Combine(_cwd, "artifacts", Arch));
        File.WriteAllText(Path.Combine(_cwd, "artifacts", Arch, "manifest.tsv"), "name\tarch\ttoolchain\tsize_bytes\tsha256\tfile\n");

        AssertOneLineError(2, $"devicebench bench: {_cwd}/artifacts/{Arch}/fw/devicebench-fw is missing (rust-hyper): run scripts/build.sh {Arch} first, "
            + "or point --artifacts at the folder it built", Run(_cwd, "bench", "--contender", "rust-hyper"));

        Assert.Equal(["artifacts", $"artifacts/{Arch}", $"artifacts/{Arch}/manifest.tsv"], Listing(_cwd));
    }

    private static DevicebenchRun ShortRun(string results, string maxDuration) => Devicebench("bench", "--contender", "go-nethttp", "--rounds", "1", "--rates", "100",
        "--warmup", "0s", "--settle", "0s", "--max-duration", maxDuration, "--rate-duration", "1s", "--cooldown", "0s", "--results", results, "--artifacts", ArtifactsRoot);

    [Fact]
    public void A_contender_killed_mid_phase_ends_the_run_partial_with_its_reason_on_one_line_and_exit_1()
    {
        using var bench = ShortRun(_cwd, "3s");
        bench.WaitForOutput(l => l.Contains(": READY, baseline", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        string folder = Directory.GetDirectories(_cwd).Single();
        // READY's pid is go-nethttp's watcher; run.json has it once the settled baseline is saved, right after READY.
        long? pid = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); pid is null && DateTime.UtcNow < deadline; Thread.Sleep(50))
            pid = RunFolder.Load(folder).Sessions.SingleOrDefault()?.Ready?.Pid;
        Process.GetProcessById((int)pid!.Value).Kill();

        Assert.Equal(1, bench.WaitForExit(TimeSpan.FromSeconds(60)));
        var run = RunFolder.Load(folder);
        Assert.Equal(RunStatus.Partial, run.Status);
        Assert.StartsWith("go-nethttp round 1: contender exited during max", run.Reason, StringComparison.Ordinal);
        Assert.Equal($"devicebench bench: run partial: {run.Reason}", bench.FirstError);
    }

    [Fact]
    public void A_results_folder_removed_mid_run_ends_the_run_with_one_line_not_a_stack_trace()
    {
        using var bench = ShortRun(_cwd, "3s");
        bench.WaitForOutput(l => l.Contains(": READY, baseline", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Thread.Sleep(500); // past the save that follows READY: the max phase is running and writes only its logs
        string folder = Directory.GetDirectories(_cwd).Single();
        Directory.Delete(folder, recursive: true);

        Assert.Equal(1, bench.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal($"devicebench bench: run partial: results folder {folder} is gone: removed while the run was writing to it", bench.FirstError);
    }
}
