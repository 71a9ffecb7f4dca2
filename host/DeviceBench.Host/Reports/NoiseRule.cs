using System.Globalization;

namespace DeviceBench.Host.Reports;

/// <summary>
/// How <c>compare</c> decides that B differs from A, a rule simple enough to print under every comparison: B's median
/// must differ from A's by more than the metric's noise floor, and, when both runs have two rounds or more, the
/// min–max ranges of their rounds must not overlap. Anything else is noise. The floors are chosen, not fitted: READY
/// RSS moves by a few pages between identical runs (measured here: the minimal engine at 4,096,000 bytes in every round
/// of two runs, Go 4.1–4.2 MiB), peak RSS with connection timing, throughput and the tail with the scheduler. They only
/// keep a single round from calling a jitter a change; on a busy machine throughput moves far more (two rounds of one
/// run here: 20.5k and 34.9k req/s), which is what the ranges of 2+ rounds are for.
/// </summary>
public static class NoiseRule
{
    public static double FloorPercent(ComparedMetric metric) => metric switch
    {
        ComparedMetric.BaselineRss => 2,
        ComparedMetric.PeakRss => 5,
        ComparedMetric.RequestsPerSecond => 5,
        _ => 10,
    };

    public static bool HigherIsBetter(ComparedMetric metric) => metric == ComparedMetric.RequestsPerSecond;

    /// <summary>The rule in one sentence, as the terminal, Markdown and JSON outputs state it.</summary>
    public static string Description { get; } = string.Format(CultureInfo.InvariantCulture,
        "better/worse only when B's median differs from A's by more than the noise floor (baseline RSS {0} %, peak RSS {1} %, "
        + "req/s {2} %, p99 {3} %) and, when both runs have 2+ rounds, the min–max ranges of their rounds do not overlap; otherwise noise",
        FloorPercent(ComparedMetric.BaselineRss), FloorPercent(ComparedMetric.PeakRss), FloorPercent(ComparedMetric.RequestsPerSecond), FloorPercent(ComparedMetric.P99));

    public static Verdict Decide(ComparedMetric metric, Spread? a, Spread? b)
    {
        if (a is not { } x || b is not { } y) return Verdict.Missing;
        if (x.Median == y.Median) return Verdict.Noise;
        double change = x.Median == 0 ? double.PositiveInfinity : Math.Abs(y.Median - x.Median) / x.Median * 100;
        if (change <= FloorPercent(metric)) return Verdict.Noise;
        bool overlap = x.Count > 1 && y.Count > 1 && x.Min <= y.Max && y.Min <= x.Max;
        if (overlap) return Verdict.Noise;
        return (y.Median > x.Median) == HigherIsBetter(metric) ? Verdict.Better : Verdict.Worse;
    }
}
