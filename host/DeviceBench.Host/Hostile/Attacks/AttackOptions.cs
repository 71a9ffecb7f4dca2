using System.Net;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>What to attack and how hard.</summary>
public sealed record AttackOptions
{
    /// <summary>Fewer than one reset a second is no attack, and more than a million full handshakes a second no host makes.</summary>
    public const double MinResetsPerSecond = 1;

    public const double MaxResetsPerSecond = 1_000_000;

    /// <summary>An hour per byte is no longer a slow client but an idle one (idle covers that), and every server's header timeout is shorter.</summary>
    public static readonly TimeSpan MaxByteInterval = TimeSpan.FromHours(1);

    public required IPEndPoint Target { get; init; }

    public required AttackKind Kind { get; init; }

    /// <summary>Slow and idle: connections opened and held. Reset: connections cycling in parallel.</summary>
    public int Connections { get; init; }

    /// <summary>Slow clients send one byte of their request per interval.</summary>
    public TimeSpan ByteInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Resets: aborted connections per second over all workers (paced, so the attacker leaves the normal client a core).</summary>
    public double ResetsPerSecond { get; init; } = 1000;

    /// <summary>Resets: requests pipelined on a connection that is then reset before reading its answers; 256 answers
    /// (~40 KB from the benchmark servers) outgrow a loopback socket's send buffer, so the server still holds output.</summary>
    public int ResetPipeline { get; init; } = 256;

    /// <summary>The default connection count of each attack: 300 slow clients, 10,000 idle, 32 reset workers.</summary>
    public static int DefaultConnections(AttackKind kind) => kind switch
    {
        AttackKind.Slow => 300,
        AttackKind.Idle => 10_000,
        _ => 32,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new ArgumentException("the attack kind must be slow, idle or reset");
        if (Connections is < 1 or > LoadOptions.MaxConnections) throw new ArgumentException($"connections must be from 1 to {LoadOptions.MaxConnections:N0}");
        if (ByteInterval <= TimeSpan.Zero || ByteInterval > MaxByteInterval) throw new ArgumentException("byte interval must be positive and at most 1 h");
        if (ResetsPerSecond is not (>= MinResetsPerSecond and <= MaxResetsPerSecond))
        {
            throw new ArgumentException($"resets per second must be from {MinResetsPerSecond} to {MaxResetsPerSecond:N0}");
        }
        if (ResetPipeline is < 1 or > LoadOptions.MaxPipeline) throw new ArgumentException($"reset pipeline must be from 1 to {LoadOptions.MaxPipeline}");
    }
}
