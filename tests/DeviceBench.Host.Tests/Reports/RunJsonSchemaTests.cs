using System.Text.Json;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Tests.Load;
using DeviceBench.Protocol;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class RunJsonSchemaTests
{
    [Fact]
    public void Run_json_round_trips_and_follows_the_published_schema_field_for_field()
    {
        var run = WithCards(Run(["alpha", "beta"], 1, 1000));
        run.ContenderCards[1] = run.ContenderCards[1] with { Flavour = null };
        run.MemoryProfile = MemoryProfile.Create(MemoryProfile.ConstrainedName, 64 * MiB, ["csharp-kestrel", "go-nethttp", "rust-hyper"]);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000));
        run.Settings = run.Settings with { Slo = new Slo(99, 2000, 0.5), ConnectionsLadder = [1, 100, 20_000], Threads = 2 };
        var step = RunBuilder.Load(Started, 1000, 1500, 1000);
        run.Sessions[0].Knee = new KneeResult { Slo = run.Settings.Slo, StartRate = 5000, KneeRate = 1000, Conclusion = "met at 1000", Steps = [new KneeStep(1000, 1500, 0, true, step, "hlog/k.hlog")] };
        run.Sessions[0].Ladder.AddRange([
            new LadderStep(1, 500, step, "hlog/l1.hlog", Memory(4 * MiB), null, null, 1),
            new LadderStep(100, 500, step, "hlog/l100.hlog", Memory(5 * MiB), 10_590.2, "no response in the last 3 s of the phase"),
            new LadderStep(20_000, 500, null, null, null, null, "20,000 connections need 20,258 open files"),
        ]);
        var bare = Session("beta", 1, 4 * MiB, 9000, [], 900);
        // The optional figures absent: a contender without its own latency, temperature or PSS, no END, killed.
        bare.Stats[0] = bare.Stats[0] with { Stat = new StatRecord { Seq = 1, UptimeMillis = 1000, Memory = new MemoryFigures(1, null, 1, 1), CpuPct10 = 0, Threads = 1 } };
        bare.End = null;
        bare.ExitCode = null;
        bare.Status = SessionStatus.Failed;
        bare.Reason = "killed";
        bare.Alarms.Add(new AlarmRecord(3, "rss_bytes", true, 300, 200));
        bare.Events.Add("board reset");
        run.Sessions.Add(bare);
        run.Status = RunStatus.Partial;
        run.Reason = "beta round 1: killed";

        string json = RunJsonContext.Serialize(run);
        using var document = JsonDocument.Parse(json);
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));

        Assert.Empty(SchemaCheck.Problems(schema.RootElement, document.RootElement));
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.Equal(json, RunJsonContext.Serialize(RunJsonContext.Deserialize(json)));
        var readBack = RunJsonContext.Deserialize(json);
        Assert.Equal(2000, readBack.Sessions[0].Phases[1].Load.Latency.P99Micros);
        Assert.Equal(TimeSpan.FromSeconds(2), readBack.Settings.MaxDuration);
        Assert.Equal(2, readBack.Settings.Threads);
        Assert.Equal(run.BoardCard, readBack.BoardCard);
        Assert.Equal(run.ContenderCards, readBack.ContenderCards);
        Assert.Equal((1000.0, 99.0), (readBack.Sessions[0].Knee!.KneeRate, readBack.Sessions[0].Knee!.Slo.Percentile));
        Assert.Equal(10_590.2, readBack.Sessions[0].Ladder[1].BytesPerConnection);
    }

    [Fact]
    public void The_schema_requires_what_every_run_json_has_from_its_first_save()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));
        var root = schema.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(["schemaVersion", "board", "architecture", "boardNotes", "startedUtc", "status", "settings", "rates", "sessions", "serial"],
            root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["running", "complete", "partial", "failed"], root.GetProperty("properties").GetProperty("status").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        // A run saved before its first session (what a crash at deploy leaves) is valid too.
        var fresh = new RunRecord { Board = "b", Architecture = "x64", StartedUtc = Started, Settings = new BenchSettings() };
        using var document = JsonDocument.Parse(RunJsonContext.Serialize(fresh));
        Assert.Empty(SchemaCheck.Problems(root, document.RootElement));
    }

    /// <summary>The schema as the repository publishes it, found from the test's output folder upwards.</summary>
    private static string SchemaPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "host", "DeviceBench.Host", "Bench", "run.schema.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("host/DeviceBench.Host/Bench/run.schema.json not found above " + AppContext.BaseDirectory);
    }
}
