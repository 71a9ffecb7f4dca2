using DeviceBench.Host.Load;

namespace DeviceBench.Host.Bench;

/// <summary>
/// Latency spikes seen in a phase's intervals (the same histograms as its .hlog): an interval whose slowest request
/// took more than <see cref="Factor"/>× the phase's median interval maximum, and at least <see cref="FloorMicros"/>, is a
/// pause — a GC, the scheduler, swap — that requests waited through. The median is the phase's own, so a pause is
/// judged against the same rate and connections. "GC spikes up to 15 ms" is then either in these figures or not.
/// </summary>
/// <param name="MedianIntervalMaxMicros">Median over the phase's intervals of each interval's slowest request.</param>
/// <param name="MaxIntervalMaxMicros">The slowest request of the whole phase.</param>
/// <param name="SizesMicros">Each pause's interval maximum, in the order they happened.</param>
public sealed record Pauses(int Intervals, long MedianIntervalMaxMicros, long MaxIntervalMaxMicros, long ThresholdMicros, IReadOnlyList<long> SizesMicros)
{
    public const int Factor = 10;

    public const long FloorMicros = 1000;

    public int Count => SizesMicros.Count;

    public long LargestMicros => SizesMicros.Count == 0 ? 0 : SizesMicros.Max();

    /// <summary>The pauses among <paramref name="intervals"/>; intervals that answered nothing have no maximum and are left out.</summary>
    public static Pauses Of(IReadOnlyList<IntervalRecord> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var maxima = intervals.Where(i => i.Requests > 0).Select(i => i.LatencyMaxMicros).ToList();
        if (maxima.Count == 0) return new(0, 0, 0, FloorMicros, []);
        long median = Median(maxima);
        long threshold = Math.Max(FloorMicros, median * Factor);
        return new(maxima.Count, median, maxima.Max(), threshold, [.. maxima.Where(m => m > threshold)]);
    }

    private static long Median(List<long> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
