using DeviceBench.Host.Load;

namespace DeviceBench.Host.Bench;

/// <summary>One step of a knee search: an open-loop run at <paramref name="Rate"/> and whether it met the objective.</summary>
/// <param name="ValueMicros">The corrected latency at the objective's percentile.</param>
/// <param name="ErrorPercent">Failed and unanswered requests over all sent.</param>
public sealed record KneeStep(double Rate, long ValueMicros, double ErrorPercent, bool Met, LoadResult Load, string? HlogFile);
