using HdrHistogram;

namespace DeviceBench.Host.Load;

/// <summary>
/// One reporting interval. The histograms are the engine's reusable buffers: read them during
/// <see cref="ILoadObserver.OnInterval"/>, copy them to keep them.
/// </summary>
public sealed class LoadInterval
{
    public required bool IsWarmup { get; init; }

    /// <summary>Wall-clock start, for logs that carry absolute times.</summary>
    public required DateTimeOffset StartUtc { get; init; }

    /// <summary>Figures of the interval; its elapsed time is negative during the warm-up.</summary>
    public required IntervalRecord Record { get; init; }

    /// <summary>Responses measured so far (0 during the warm-up).</summary>
    public required long TotalRequests { get; init; }

    public required long TotalErrors { get; init; }

    /// <summary>Corrected latency in an open loop, plain latency in a closed loop; microseconds.</summary>
    public required HistogramBase Latency { get; init; }

    /// <summary>Open loop only: latency from the actual send; microseconds.</summary>
    public HistogramBase? UncorrectedLatency { get; init; }
}
