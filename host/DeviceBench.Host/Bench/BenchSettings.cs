namespace DeviceBench.Host.Bench;

/// <summary>What a bench run was asked to do; saved in the run record so a report can say how numbers were made.</summary>
public sealed record BenchSettings
{
    public IReadOnlyList<string> Contenders { get; init; } = ContenderCatalog.Names;
    public int Rounds { get; init; } = 3;
    public int Connections { get; init; } = 64;
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RateDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Fixed open-loop rates; when empty they are <see cref="RateFractions"/> of the slowest contender's maximum.</summary>
    public IReadOnlyList<double> Rates { get; init; } = [];
    public IReadOnlyList<double> RateFractions { get; init; } = [0.25, 0.5, 0.75];

    /// <summary>Seed of the contender order shuffle, so an order can be replayed.</summary>
    public int Seed { get; init; } = Environment.TickCount;

    public string Path { get; init; } = "/";
}
