using DeviceBench.Host.Load;

namespace DeviceBench.Host.Bench;

/// <summary>One load phase: <c>max</c> (closed loop) or <c>rate-N</c> (open loop at N requests/s), with its .hlog file.</summary>
public sealed record PhaseResult(string Name, double? TargetRate, LoadResult Load, string? HlogFile)
{
    /// <summary>The closed-loop phase that finds the maximum throughput.</summary>
    public const string Max = "max";

    /// <summary>Latency spikes in this phase's intervals; computed from <see cref="Load"/>, written to run.json for readers of the file alone.</summary>
    public Pauses Pauses => Pauses.Of(Load.Intervals);
}
