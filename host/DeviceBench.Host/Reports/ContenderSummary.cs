namespace DeviceBench.Host.Reports;

/// <summary>One contender's row of the comparison: medians and ranges over its measured rounds (calibration excluded).</summary>
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
    bool ThrottlingSeen);

/// <summary>Corrected (coordinated-omission-free) latency at one open-loop rate, in microseconds.</summary>
public sealed record RateSummary(double Rate, Spread? P50Micros, Spread? P99Micros, Spread? P999Micros);
