namespace DeviceBench.Host.Reports;

/// <summary>
/// One contender's row of the comparison: medians and ranges over its measured rounds (calibration excluded). Memory is
/// RSS on a Linux board and managed heap in use on a microcontroller, never one in the other's column.
/// </summary>
public sealed record ContenderSummary(
    string Contender,
    int Rounds,
    int FailedSessions,
    Spread? BaselineRssBytes,
    Spread? PeakRssBytes,
    Spread? MaxRequestsPerSecond,
    IReadOnlyList<RateSummary> Rates,
    long Errors,
    Spread? DeviceP99Micros,
    long? MaxTemperatureMilliCelsius,
    bool ThrottlingSeen,
    Spread? BaselineHeapUsedBytes = null,
    Spread? PeakHeapUsedBytes = null)
{
    /// <summary>A microcontroller's figures are managed heap in use, reported apart from RSS (which it has none of).</summary>
    public bool HasHeap => BaselineHeapUsedBytes is not null || PeakHeapUsedBytes is not null;
}

/// <summary>Corrected (coordinated-omission-free) latency at one open-loop rate, in microseconds.</summary>
public sealed record RateSummary(double Rate, Spread? P50Micros, Spread? P99Micros, Spread? P999Micros);
