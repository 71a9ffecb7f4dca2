using DeviceBench.Protocol;

namespace DeviceBench.Host.Bench;

/// <summary>A STAT record with when the host received it, in seconds since its session started, and which phase was running.</summary>
public sealed record TimedStat(double AtSeconds, string Phase, StatRecord Stat);
