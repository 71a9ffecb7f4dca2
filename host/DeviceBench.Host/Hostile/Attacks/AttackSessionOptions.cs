using DeviceBench.Host.Load;

namespace DeviceBench.Host.Hostile.Attacks;

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

    /// <summary>The attack's sockets share this process's descriptors with the normal client's (one event loop).</summary>
    public long DescriptorsNeeded => Attack.Connections + NormalConnections + 2;

    /// <summary>Pause between the attack being in place and the RSS sample that prices it.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The normal client: a modest open loop on one event loop, the same alone and under attack.</summary>
    public LoadOptions NormalClient() => new()
    {
        Url = new Uri($"http://{Attack.Target}/"),
        Connections = NormalConnections,
        Threads = 1,
        RatePerSecond = NormalRatePerSecond,
        Duration = Duration,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Attack.Validate();
        NormalClient().Validate();
    }
}
