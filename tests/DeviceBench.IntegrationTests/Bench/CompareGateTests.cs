using DeviceBench.Host.Bench;
using DeviceBench.IntegrationTests.Cli;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>
/// <c>compare --fail-on-regression</c> as a CI job uses it, on two real bench runs of the minimal engine on the local
/// board: one as built, one grown on purpose by the firmware's test fault (DEVICEBENCH_TEST_BALLAST_MIB, 16 MiB held
/// from before READY, against a baseline of about 4 MiB). The gate must fail and name the grown figure; a run against
/// itself must pass. Only memory is asserted: throughput and latency on a busy machine move however they like.
/// </summary>
[Collection(nameof(SerialBenchRuns))]
public sealed class CompareGateTests : IDisposable
{
    private const string Contender = "csharp-minimal";

    private readonly string _root = Directory.CreateTempSubdirectory("devicebench-compare-gate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_gate_fails_on_a_grown_contender_and_names_it_and_passes_a_run_against_itself()
    {
        string before = Bench("before");
        string grown = Bench("grown", $"DEVICEBENCH_TEST_BALLAST_MIB=16");

        using var gate = DevicebenchRun.Start(["compare", before, grown, "--fail-on-regression", "5%", "--json", Path.Combine(_root, "gate.json")]);
        Assert.Equal(1, gate.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Contains(gate.Errors, e => e.StartsWith($"devicebench compare: {Contender} baseline RSS worse by ", StringComparison.Ordinal) && e.Contains(" MiB → ", StringComparison.Ordinal));
        Assert.Matches(@"^devicebench compare: \d+ regression\(s\) beyond 5 % in B against A$", gate.Errors[^1]);
        Assert.Contains(gate.Output, l => l.Contains("baseline RSS", StringComparison.Ordinal) && l.Contains("worse", StringComparison.Ordinal));
        // Redirected output is not wrapped: the rule, longer than 80 columns, is one line.
        Assert.Contains(gate.Output, l => l.Length > 80 && l.Contains("otherwise noise", StringComparison.Ordinal));
        string json = File.ReadAllText(Path.Combine(_root, "gate.json"));
        Assert.Contains("\"metric\": \"baselineRss\"", json, StringComparison.Ordinal);

        using var same = DevicebenchRun.Start(["compare", before, before, "--fail-on-regression", "5%"]);
        Assert.Equal(0, same.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Empty(same.Errors);
        Assert.Contains(same.Output, l => l.Contains("gate: no regression beyond 5 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_says_which_run_it_cannot_read_and_exits_2()
    {
        string missing = Path.Combine(_root, "missing");
        var result = DevicebenchRun.Run(_root, "compare", _root, missing);

        DevicebenchRun.AssertOneLineError(2, $"devicebench compare: run A: {_root} has no run.json (not a run folder? bench writes them under results/)", result);
        DevicebenchRun.AssertOneLineError(2, "devicebench compare: --fail-on-regression must be a percentage above 0, up to 1000, such as 5% (got '0%')",
            DevicebenchRun.Run(_root, "compare", _root, _root, "--fail-on-regression", "0%"));
    }

    /// <summary>One round of the minimal engine with phases of a second; the run folder.</summary>
    private string Bench(string name, params string[] environment)
    {
        string results = Path.Combine(_root, name);
        using var bench = DevicebenchRun.Start(["bench", "--contender", Contender, "--rounds", "1", "--rates", "200", "--connections", "8", "--settle", "300ms",
            "--warmup", "300ms", "--max-duration", "1s", "--rate-duration", "1s", "--cooldown", "0s", "--results", results,
            "--artifacts", Path.Combine(Artifacts.RepositoryRoot, "artifacts")], environment: environment);
        Assert.Equal(0, bench.WaitForExit(TimeSpan.FromMinutes(3)));
        // One line per finished phase, as a log keeps it.
        Assert.Contains(bench.Output, l => l.Contains($"{Contender} round 1 max: ", StringComparison.Ordinal) && l.Contains(" req/s, p99 ", StringComparison.Ordinal));
        string folder = Directory.GetDirectories(results).Single();
        Assert.Equal(RunStatus.Complete, RunFolder.Load(folder).Status);
        return folder;
    }
}
