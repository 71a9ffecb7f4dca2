namespace DeviceBench.Host.Load;

/// <summary>One step of the percentile spectrum: <paramref name="Percentile"/> % of responses took at most <paramref name="ValueMicros"/>.</summary>
public sealed record PercentilePoint(double Percentile, long ValueMicros, long TotalCount);
