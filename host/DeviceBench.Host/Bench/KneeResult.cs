namespace DeviceBench.Host.Bench;

/// <summary>
/// A contender's knee: the highest open-loop rate whose corrected latency met <see cref="Slo"/> with no more errors
/// than it allows, found by <see cref="KneeSearch"/> from the session's closed-loop maximum.
/// </summary>
public sealed class KneeResult
{
    public required Slo Slo { get; set; }

    /// <summary>The session's closed-loop maximum (requests/s), where the search started.</summary>
    public required double StartRate { get; set; }

    /// <summary>The highest rate that met the objective; absent while searching or when no rate did.</summary>
    public double? KneeRate { get; set; }

    /// <summary>How the search ended, in a reader's words; absent while it runs.</summary>
    public string? Conclusion { get; set; }

    public List<KneeStep> Steps { get; set; } = [];
}
