namespace DeviceBench.Host.Reports;

/// <summary>One contender in two runs; <see cref="P99Micros"/> follows <see cref="CompareReport.CommonRates"/>.</summary>
public sealed record ContenderComparison(
    string Contender,
    ComparedFigure BaselineRssBytes,
    ComparedFigure MaxRequestsPerSecond,
    IReadOnlyList<ComparedFigure> P99Micros);
