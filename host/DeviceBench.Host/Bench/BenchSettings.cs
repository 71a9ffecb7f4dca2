using System.Globalization;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Bench;

/// <summary>
/// What a bench run was asked to do; saved in the run record so a report can say how numbers were made. Durations are
/// written as seconds with the unit in the name (<c>maxDurationSeconds: 15</c>, <see cref="SecondsConverter"/>).
/// </summary>
public sealed record BenchSettings
{
    public IReadOnlyList<string> Contenders { get; init; } = ContenderCatalog.Names;
    public int Rounds { get; init; } = 3;
    public int Connections { get; init; } = 64;

    /// <summary>
    /// Worker threads of every contender (its <c>--threads</c>), the same for all; null: one per CPU the board gives the
    /// contenders (<see cref="Boards.BoardProfile.Workers"/>), which is what a run without it did. Set it to measure scaling.
    /// </summary>
    public int? Threads { get; init; }
    [JsonPropertyName("settleSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);
    [JsonPropertyName("warmupSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    [JsonPropertyName("maxDurationSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(15);
    [JsonPropertyName("rateDurationSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan RateDuration { get; init; } = TimeSpan.FromSeconds(15);
    [JsonPropertyName("cooldownSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(3);
    [JsonPropertyName("readyTimeoutSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    [JsonPropertyName("reportIntervalSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A request without a complete response after this long is a timeout error.</summary>
    [JsonPropertyName("requestTimeoutSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The microcontroller profile (an <c>esp32:</c> board): nanoFramework's HttpListener answers one request at a
    /// time from one queue, with a thread per keep-alive connection, under a socket cap of 16 (8 on ESP32-C3). So: 4
    /// connections, fixed low rates (5, 10, 20 req/s) rather than fractions of a calibrated maximum, and a 10 s request
    /// timeout for Wi-Fi retries and garbage collections of a 100 KB heap. Every one of them has a bench option.
    /// </summary>
    public static BenchSettings Microcontroller { get; } = new()
    {
        Contenders = [ContenderCatalog.Nanoframework], Connections = 4, Rates = [5, 10, 20], RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Connections the load may hold on a board with <paramref name="socketCap"/> sockets: one is the listener, one kept spare.</summary>
    public static int ConnectionsWithin(int socketCap) => socketCap - 2;

    /// <summary>Fixed open-loop rates; when empty they are <see cref="RateFractions"/> of the slowest contender's maximum.</summary>
    public IReadOnlyList<double> Rates { get; init; } = [];
    public IReadOnlyList<double> RateFractions { get; init; } = [0.25, 0.5, 0.75];

    /// <summary>Seed of the contender order shuffle, so an order can be replayed.</summary>
    public int Seed { get; init; } = Environment.TickCount;

    public string Path { get; init; } = "/";

    /// <summary>The knee search's objective; null: no knee search.</summary>
    public Slo? Slo { get; init; }

    /// <summary>Shortest knee step; a step lasts longer when its percentile needs more requests (<see cref="Bench.Slo.StepDuration"/>).</summary>
    [JsonPropertyName("kneeStepSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan KneeStep { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most steps of one knee search.</summary>
    public int KneeSteps { get; init; } = 8;

    /// <summary>Connections held open at each step of the connection ladder; empty: no ladder.</summary>
    public IReadOnlyList<int> ConnectionsLadder { get; init; } = [];

    /// <summary>The open-loop rate spread over a ladder step's connections: modest, so memory and latency, not throughput, are measured.</summary>
    public double LadderRate { get; init; } = 500;

    [JsonPropertyName("ladderStepSeconds"), JsonConverter(typeof(SecondsConverter))]
    public TimeSpan LadderStep { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Refuses settings that cannot make a comparison, before anything is started or created.</summary>
    /// <exception cref="ArgumentException">What is wrong, named as the bench command's options name it.</exception>
    public void Validate()
    {
        Check(Contenders.Count > 0, "no contender to run");
        foreach (string name in Contenders)
            Check(ContenderCatalog.Known.Contains(name), $"unknown contender '{name}' (known: {string.Join(", ", ContenderCatalog.Known)})");
        string? twice = Contenders.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        Check(twice is null, $"contender '{twice}' is named twice");
        Check(Rounds >= 1, $"rounds must be at least 1 (got {Rounds})");
        Check(Connections >= 1, $"connections must be at least 1 (got {Connections})");
        Check(Threads is null or >= 1, $"threads must be at least 1 (got {Threads})");
        Check(RequestTimeout > TimeSpan.Zero, "timeout must be above 0");
        Check(MaxDuration > TimeSpan.Zero, "max-duration must be above 0");
        Check(RateDuration > TimeSpan.Zero, "rate-duration must be above 0");
        Check(Warmup >= TimeSpan.Zero && Settle >= TimeSpan.Zero && Cooldown >= TimeSpan.Zero, "warmup, settle and cooldown cannot be negative");
        // A rate names its phase (rate-100) and .hlog file in whole requests/s, so two rates must not round alike.
        foreach (double rate in Rates)
            Check(double.IsFinite(rate) && rate >= 1 && rate == Math.Round(rate), $"rates are whole requests/s of at least 1 (got {rate.ToString(CultureInfo.InvariantCulture)})");
        Slo?.Validate();
        Check(KneeStep > TimeSpan.Zero && LadderStep > TimeSpan.Zero, "knee-step and ladder-step must be above 0");
        Check(KneeSteps is >= 1 and <= 50, $"knee-steps must be from 1 to 50 (got {KneeSteps})");
        foreach (int n in ConnectionsLadder)
            Check(n is >= 1 and <= Load.LoadOptions.MaxConnections, $"connections-ladder steps must be from 1 to {Load.LoadOptions.MaxConnections:N0} (got {n})");
        Check(ConnectionsLadder.Distinct().Count() == ConnectionsLadder.Count, "connections-ladder names a step twice");
        Check(double.IsFinite(LadderRate) && LadderRate >= 1 && LadderRate == Math.Round(LadderRate), "ladder-rate is whole requests/s of at least 1");
        double? again = Rates.GroupBy(r => r).FirstOrDefault(g => g.Count() > 1)?.Key;
        Check(again is null, $"rate {again?.ToString(CultureInfo.InvariantCulture)} is given twice");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
