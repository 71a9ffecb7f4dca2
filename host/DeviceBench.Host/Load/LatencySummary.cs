using HdrHistogram;

namespace DeviceBench.Host.Load;

/// <summary>A latency histogram reduced to the figures reports print, in microseconds.</summary>
public sealed record LatencySummary(
    long Count,
    long MinMicros,
    double MeanMicros,
    double StdDevMicros,
    long P50Micros,
    long P75Micros,
    long P90Micros,
    long P99Micros,
    long P999Micros,
    long P9999Micros,
    long MaxMicros,
    IReadOnlyList<PercentilePoint>? Distribution)
{
    /// <summary>Summarises <paramref name="histogram"/>; the distribution uses HdrHistogram's spectrum, 5 steps per halving.</summary>
    public static LatencySummary From(HistogramBase histogram, bool withDistribution)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, withDistribution ? [] : null);
        }

        var distribution = withDistribution
            ? histogram.Percentiles(5).Select(v => new PercentilePoint(v.PercentileLevelIteratedTo, v.ValueIteratedTo, v.TotalCountToThisValue)).ToList()
            : null;
        return new(histogram.TotalCount, MinOf(histogram), histogram.GetMean(), histogram.GetStdDeviation(),
            histogram.GetValueAtPercentile(50), histogram.GetValueAtPercentile(75), histogram.GetValueAtPercentile(90),
            histogram.GetValueAtPercentile(99), histogram.GetValueAtPercentile(99.9), histogram.GetValueAtPercentile(99.99),
            histogram.GetMaxValue(), distribution);
    }

    private static long MinOf(HistogramBase histogram) =>
        histogram.RecordedValues().Select(v => histogram.LowestEquivalentValue(v.ValueIteratedTo)).FirstOrDefault();
}
