using System.Net;

namespace DeviceBench.Host.Hostile;

/// <summary>What to attack and how hard.</summary>
public sealed record AttackOptions
{
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
        if (Connections < 1) throw new ArgumentException("connections must be at least 1");
        if (ByteInterval <= TimeSpan.Zero) throw new ArgumentException("byte interval must be positive");
        if (ResetsPerSecond <= 0) throw new ArgumentException("resets per second must be positive");
        if (ResetPipeline is < 1 or > 1024) throw new ArgumentException("reset pipeline must be between 1 and 1024");
    }
}
