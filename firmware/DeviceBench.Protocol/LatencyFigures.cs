namespace DeviceBench.Protocol;

/// <summary>Server-side latency over one report interval, request parsed to response written, in microseconds.</summary>
public readonly record struct LatencyFigures(long P50Micros, long P99Micros, long P999Micros, long MaxMicros)
{
    internal void WriteTo(ReportLine line) =>
        line.Add("p50_us", P50Micros).Add("p99_us", P99Micros).Add("p999_us", P999Micros).Add("max_us", MaxMicros);

    internal static LatencyFigures? ReadFrom(ReportLine line) =>
        line.GetInt64("p50_us") is { } p50 && line.GetInt64("p99_us") is { } p99
            ? new LatencyFigures(p50, p99, line.GetInt64("p999_us") ?? p99, line.GetInt64("max_us") ?? p99)
            : null;
}
