using DeviceBench.Host.Load;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>What one attack session measured: the attack's counters, the normal client alone and under attack, the server's memory and health.</summary>
public sealed record AttackOutcome
{
    public required AttackResult Attack { get; init; }

    /// <summary>The normal client alone; null when not measured.</summary>
    public LoadResult? Baseline { get; init; }

    public required LoadResult UnderAttack { get; init; }

    /// <summary>Server RSS just before the attack started (null without a pid).</summary>
    public long? RssBeforeBytes { get; init; }

    /// <summary>Server RSS once the attack was in place and settled.</summary>
    public long? RssEstablishedBytes { get; init; }

    /// <summary>Highest server RSS sampled while the attack ran.</summary>
    public long? RssPeakBytes { get; init; }

    /// <summary>Server RSS after the attack stopped and its connections were gone.</summary>
    public long? RssAfterBytes { get; init; }

    /// <summary>Idle attack: RSS growth per held connection.</summary>
    public long? BytesPerIdleConnection =>
        Attack.Kind == AttackKind.Idle && Attack.Opened > 0 && RssEstablishedBytes is { } held && RssBeforeBytes is { } before
            ? (held - before) / Attack.Opened
            : null;

    /// <summary>A fresh connection was answered after the attack.</summary>
    public required bool ServingAfter { get; init; }

    /// <summary>The server process still exists (null without a pid).</summary>
    public bool? ProcessAlive { get; init; }

    public bool ServerSurvived => ServingAfter && ProcessAlive != false;
}
