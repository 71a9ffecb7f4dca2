namespace DeviceBench.Host.Hostile;

/// <summary>An attack with a normal client beside it: the open-loop client at a modest fixed rate, with and without the attack.</summary>
public sealed record AttackSessionOptions
{
    public required AttackOptions Attack { get; init; }

    /// <summary>How long the normal client is measured, alone and then under attack (the attack lasts as long).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The server's process, to sample its RSS and check it is alive; null when it is elsewhere.</summary>
    public int? Pid { get; init; }

    public double NormalRatePerSecond { get; init; } = 1000;

    public int NormalConnections { get; init; } = 4;

    /// <summary>Measure the normal client alone first (a script running several attacks needs it once).</summary>
    public bool MeasureBaseline { get; init; } = true;

    /// <summary>Pause between the attack being in place and the RSS sample that prices it.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1);
}
