using DeviceBench.Host.Bench;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>The <c>devicebench</c> command as a user runs it, as a real process.</summary>
[Collection(nameof(SerialBenchRuns))]
public class BenchCliTests
{
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
}
