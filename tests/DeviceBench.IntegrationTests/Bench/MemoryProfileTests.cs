using System.Diagnostics;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Local;
using DeviceBench.IntegrationTests.Infrastructure;
using static DeviceBench.IntegrationTests.Cli.DevicebenchRun;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary><c>bench --profile constrained</c> with the real contenders on the local board: what reaches each process, what the run keeps.</summary>
[Collection(nameof(SerialBenchRuns))]
public sealed class MemoryProfileTests
{
    private static readonly string ArtifactsRoot = Path.Combine(Artifacts.RepositoryRoot, "artifacts");

    /// <summary>The GC's own view (<c>devicebench-fw info</c>) of <paramref name="environment"/>: its heap hard limit and conserve level.</summary>
    private static (string Limit, string Conserve) GcView(params string[] environment)
    {
        var info = new ProcessStartInfo(Artifacts.Firmware(), ["info"]) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string pair in environment) info.Environment[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        using var process = Process.Start(info)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n');
        Assert.True(process.WaitForExit(30_000));
        string Value(string key) => lines.Single(l => l.StartsWith(key + ": ", StringComparison.Ordinal))[(key.Length + 2)..];
        return (Value("gc_heap_hard_limit_bytes"), Value("gc_conserve_memory"));
    }

    [Fact]
    public void Native_AOT_takes_the_profiles_GC_settings_from_the_environment_as_bare_hex_only()
    {
        var profile = MemoryProfile.Create(MemoryProfile.ConstrainedName, null, ["csharp-kestrel"]);

        // The constrained settings: 3/4 of 32 MiB is 25,165,824 bytes, and the conserve level 5, as the GC itself reports them.
        Assert.Equal(("25165824", "5"), GcView([.. profile.Environment("csharp-kestrel")]));
        Assert.Equal(("0", "0"), GcView());
        // Why the profile writes bare hex: Native AOT ignores a 0x prefix (CoreCLR accepts it), and reads decimal digits as hex.
        Assert.Equal("0", GcView("DOTNET_GCHeapHardLimit=0x1800000").Limit);
        Assert.Equal("4294967296", GcView("DOTNET_GCHeapHardLimit=100000000").Limit);
    }

    [Fact]
    public async Task Constrained_settings_reach_every_contenders_processes_and_the_run_records_them()
    {
        var settings = new BenchSettings
        {
            Rounds = 1, Connections = 16, Settle = TimeSpan.FromMilliseconds(300), Warmup = TimeSpan.Zero, MaxDuration = TimeSpan.FromSeconds(1),
            RateDuration = TimeSpan.FromSeconds(1), Cooldown = TimeSpan.Zero, Rates = [200], ReportInterval = TimeSpan.FromMilliseconds(250), Seed = 3,
        };
        var profile = MemoryProfile.Create(MemoryProfile.ConstrainedName, 48L << 20, settings.Contenders);
        string results = Directory.CreateTempSubdirectory("devicebench-profile").FullName;
        await using var board = new LocalBoard(BoardProfile.SplitLocal());
        using var folder = RunFolder.Create(results, board.Name, DateTimeOffset.UtcNow);
        // At READY the contender's processes are read from /proc: the one READY names and its children, if any.
        var environments = new Dictionary<string, List<string[]>>();
        var programs = new Dictionary<string, List<string>>();
        BenchRunner? runner = null;
        runner = new BenchRunner(board, settings, folder, new Relay(m =>
        {
            if (runner is null || !m.Contains(": READY,", StringComparison.Ordinal)) return;
            var session = runner.Run.Sessions[^1];
            int pid = (int)session.Ready!.Pid!.Value;
            int[] pids = [pid, .. Children(pid)];
            environments[session.Contender] = [.. pids.Select(Environ)];
            programs[session.Contender] = [.. pids.Select(p => Path.GetFileName(new FileInfo($"/proc/{p}/exe").LinkTarget ?? ""))];
        }), profile);

        var run = await runner.RunAsync(ArtifactsRoot, CancellationToken.None);

        Assert.True(run.Status == RunStatus.Complete, run.Reason);
        Assert.Equal(ContenderCatalog.Names.Order(), environments.Keys.Order());
        foreach (string contender in ContenderCatalog.Names)
        {
            var expected = profile.Environment(contender);
            // Every process of the contender carries its settings (a watched server inherits its watcher's), and none of another runtime's.
            Assert.All(environments[contender], environ => Assert.Subset(environ.ToHashSet(), expected.ToHashSet()));
            Assert.All(environments[contender], environ => Assert.DoesNotContain(environ, v =>
                (v.StartsWith("DOTNET_GC", StringComparison.Ordinal) || v.StartsWith("GOMEMLIMIT=", StringComparison.Ordinal)) && !expected.Contains(v)));
        }
        Assert.Contains("DOTNET_GCHeapHardLimit=2400000", profile.Environment("csharp-kestrel"));
        // The servers themselves were among the processes read, not only a launcher.
        Assert.Contains("go-nethttp", programs["go-nethttp"]);
        Assert.Contains("rust-hyper", programs["rust-hyper"]);
        Assert.Contains("devicebench-fw", programs["csharp-kestrel"]);
        var saved = RunFolder.Load(folder.Directory);
        Assert.Equal((MemoryProfile.ConstrainedName, 48L << 20), (saved.MemoryProfile!.Name, saved.MemoryProfile.BudgetBytes));
        Assert.Equal(["GOGC=100", "GOMEMLIMIT=37748736B"], saved.MemoryProfile.Environment("go-nethttp"));
    }

    [Fact]
    public void Bench_profile_constrained_runs_end_to_end_and_its_report_lists_each_contenders_settings()
    {
        string cwd = Directory.CreateTempSubdirectory("devicebench-profile-cli-").FullName;
        using var bench = Start(["bench", "--profile", "constrained", "--rounds", "1", "--rates", "200", "--warmup", "0s", "--settle", "300ms",
            "--max-duration", "1s", "--rate-duration", "1s", "--cooldown", "0s", "--connections", "16", "--results", Path.Combine(cwd, "results"),
            "--artifacts", ArtifactsRoot]);

        Assert.Equal(0, bench.WaitForExit(TimeSpan.FromMinutes(4)));
        string folder = Directory.GetDirectories(Path.Combine(cwd, "results")).Single();
        var run = RunFolder.Load(folder);
        Assert.Equal(RunStatus.Complete, run.Status);
        Assert.Equal(MemoryProfile.Create(MemoryProfile.ConstrainedName, null, ContenderCatalog.Names).Settings, run.MemoryProfile!.Settings);
        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("Profile constrained: a budget of 32.0 MiB for every contender", report, StringComparison.Ordinal);
        Assert.Contains(@"| csharp-minimal | DOTNET\_GCConserveMemory=5 DOTNET\_GCHeapHardLimit=1800000 |", report, StringComparison.Ordinal);
        Assert.Contains("| go-nethttp | GOGC=100 GOMEMLIMIT=25165824B |", report, StringComparison.Ordinal);
        Assert.Contains("| rust-hyper | none (no runtime heap to limit) |", report, StringComparison.Ordinal);
        Directory.Delete(cwd, recursive: true);
    }

    [Fact]
    public void An_unknown_profile_is_a_usage_error_before_anything_is_created()
    {
        string cwd = Directory.CreateTempSubdirectory("devicebench-profile-bad-").FullName;

        AssertOneLineError(2, "devicebench bench: --profile: unknown profile 'tiny' (known: default, constrained)",
            Run(cwd, "bench", "--profile", "tiny", "--artifacts", ArtifactsRoot));
        Assert.Empty(Listing(cwd));
    }

    private static string[] Environ(int pid) => File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<int> Children(int pid) =>
        File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    private sealed class Relay(Action<string> report) : IBenchProgress
    {
        public void Report(string message) => report(message);
    }
}
