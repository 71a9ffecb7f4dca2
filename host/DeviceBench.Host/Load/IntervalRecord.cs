namespace DeviceBench.Host.Load;

/// <summary>One row of the time series (JSON <c>intervals</c>, the CSV file).</summary>
/// <param name="ElapsedSeconds">End of the interval, from the start of the measurement.</param>
/// <param name="LatencyP50Micros">Corrected in an open loop, like every latency figure that does not say otherwise.</param>
/// <param name="UncorrectedP99Micros">Open loop only.</param>
/// <param name="CpuPercent">The engine's own CPU time over wall time; 100 = one core busy.</param>
public sealed record IntervalRecord(
    double ElapsedSeconds,
    double DurationSeconds,
    long Requests,
    double RequestsPerSecond,
    long Errors,
    long LatencyP50Micros,
    long LatencyP90Micros,
    long LatencyP99Micros,
    long LatencyMaxMicros,
    long? UncorrectedP99Micros,
    double CpuPercent);
