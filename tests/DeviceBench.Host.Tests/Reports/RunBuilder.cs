using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Load;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Tests.Reports;

/// <summary>Small run records with exact figures, so a report's cells can be asserted as strings.</summary>
public static class RunBuilder
{
    public const long MiB = 1024 * 1024;
    public static readonly DateTimeOffset Started = new(2026, 11, 26, 21, 5, 40, TimeSpan.Zero);

    public static RunRecord Run(string[] contenders, int rounds, params double[] rates) => new()
    {
        Board = "test-board",
        Architecture = "arm64",
        BoardNotes = ["cgroup v2: memory capped at 256 MB, CPUs 0"],
        StartedUtc = Started,
        FinishedUtc = Started.AddSeconds(70),
        Status = RunStatus.Complete,
        Settings = new BenchSettings
        {
            Contenders = contenders, Rounds = rounds, Connections = 16, Settle = TimeSpan.FromSeconds(1), Warmup = TimeSpan.FromSeconds(1),
            MaxDuration = TimeSpan.FromSeconds(2), RateDuration = TimeSpan.FromSeconds(2), Cooldown = TimeSpan.Zero, Seed = 7,
        },
        Rates = [.. rates],
        Serial = new SerialCounts(120, 1, 3, 0),
    };

    /// <summary>A measured session: READY at <paramref name="rssBytes"/>, a max phase at <paramref name="maxRps"/>, and each rate with p99 = <paramref name="p99Micros"/>.</summary>
    public static ContenderSession Session(string contender, int round, long rssBytes, double maxRps, IEnumerable<double> rates, long p99Micros)
    {
        var started = Started.AddSeconds(10 * round);
        var session = new ContenderSession
        {
            Contender = contender, Round = round, Status = SessionStatus.Ok, StartedUtc = started,
            Ready = new ReadyRecord(1234, 18000, 25, Memory(rssBytes), 4),
            SettledBaseline = Memory(rssBytes + MiB),
            End = new EndRecord("signal", 0, 9000, 5000, rssBytes + 3 * MiB),
            ExitCode = 0,
        };
        session.Phases.Add(new PhaseResult("max", null, Load(started.AddSeconds(1), maxRps, 500, null), $"hlog/{contender}-r{round}-max.hlog"));
        double at = 4;
        foreach (double rate in rates)
        {
            session.Phases.Add(new PhaseResult($"rate-{rate}", rate, Load(started.AddSeconds(at), rate, p99Micros, rate), $"hlog/{contender}-r{round}-rate-{rate}.hlog"));
            at += 3;
        }
        for (int i = 1; i <= 6; i++)
        {
            session.Stats.Add(new TimedStat(i, i == 1 ? "settle" : "max", new StatRecord
            {
                Seq = i, UptimeMillis = i * 1000, Memory = Memory(rssBytes + i * MiB / 2), CpuPct10 = 500, Threads = 4,
                RequestsPerSecond = (long)maxRps, Latency = new LatencyFigures(40, 200, 400, 900), TemperatureMilliCelsius = 45_000 + i * 100, Throttled = "0x0",
            }));
        }
        return session;
    }

    public static MemoryFigures Memory(long rssBytes) => new(rssBytes, rssBytes / 2, rssBytes / 4, rssBytes);

    /// <summary>A two-interval load result whose latency spectrum rises to <paramref name="p99Micros"/> at 99 % and 4x that at the tail.</summary>
    public static LoadResult Load(DateTimeOffset startedUtc, double requestsPerSecond, long p99Micros, double? rate)
    {
        long p50 = p99Micros / 10;
        double[] percentiles = [0, 50, 75, 90, 96.875, 99, 99.609375, 99.90234375, 99.9755859375, 100];
        long[] values = [p50 / 2, p50, p50 * 2, p99Micros / 2, p99Micros * 3 / 4, p99Micros, p99Micros * 3 / 2, p99Micros * 2, p99Micros * 3, p99Micros * 4];
        var distribution = percentiles.Select((p, i) => new PercentilePoint(p, values[i], (long)(p * requestsPerSecond / 50))).ToList();
        var latency = new LatencySummary((long)requestsPerSecond * 2, p50 / 2, p50 * 1.5, p50, p50, p50 * 2, p99Micros / 2, p99Micros, p99Micros * 2, p99Micros * 3,
            p99Micros * 4, distribution);
        return new LoadResult
        {
            Settings = new LoadSettings("http://127.0.0.1:18000/", rate is null ? "closed" : "open", 16, 1, 2, 1, rate, 1, 2, "GET", 200, null),
            StartedUtc = startedUtc,
            MeasuredSeconds = 2,
            StoppedBy = "duration",
            Requests = (long)requestsPerSecond * 2,
            RequestsPerSecond = requestsPerSecond,
            BytesRead = 1000,
            BytesWritten = 500,
            Latency = latency,
            UncorrectedLatency = rate is null ? null : latency with { Distribution = null },
            SendLag = rate is null ? null : latency with { Distribution = null },
            Errors = new ErrorCounts(0, 0, 0, 0, 0, 0, 0),
            Reconnects = 0,
            Unfinished = 0,
            Engine = new EngineHealth(50, 1, false, 16, 1024, 65536, []),
            Intervals =
            [
                new IntervalRecord(1, 1, (long)requestsPerSecond, requestsPerSecond * 0.98, 0, p50, p99Micros / 2, p99Micros, p99Micros * 4, rate is null ? null : p99Micros / 2, 40),
                new IntervalRecord(2, 1, (long)requestsPerSecond, requestsPerSecond * 1.02, 0, p50, p99Micros / 2, p99Micros, p99Micros * 3, rate is null ? null : p99Micros / 2, 41),
            ],
        };
    }

    /// <summary>Gives <paramref name="run"/> the board card a Raspberry Pi 4 gives, and a contender card per contender as long as real ones.</summary>
    public static RunRecord WithCards(RunRecord run)
    {
        run.BoardCard = new BoardCard("Cortex-A72 (Raspberry Pi 4 Model B Rev 1.4)", 4, 3_978_444_800, "6.6.51+rpt-rpi-v8",
            "ssh://pi@raspberrypi: contender CPUs 0,1,2,3, memory cap 512 MiB", Emulated: false);
        run.ContenderCards = [.. run.Settings.Contenders.Select((c, i) => new ContenderCard(c, $"{c}-binary", "rustc 1.63.0 hyper 0.14.19 tokio 1.24.2",
            "release: LTO, codegen-units=1, panic=abort, stripped", 700_000 + i * 1_000_000, new string((char)('a' + i), 64), $"{c}/{c}"))];
        return run;
    }

    /// <summary>Writes <paramref name="run"/> as run.json into a fresh folder under <paramref name="parent"/>, as bench would.</summary>
    public static string SaveIn(DirectoryInfo parent, RunRecord run, string name = "run")
    {
        string directory = Path.Combine(parent.FullName, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "run.json"), RunJsonContext.Serialize(run));
        return directory;
    }
}
