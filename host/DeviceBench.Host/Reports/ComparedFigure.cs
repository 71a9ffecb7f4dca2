namespace DeviceBench.Host.Reports;

/// <summary>
/// One metric of one contender in run A and run B, each a median with its range over the run's rounds, and what
/// <see cref="NoiseRule"/> makes of the difference. <see cref="Rate"/> is the open-loop rate of a p99.
/// </summary>
public sealed record ComparedFigure(ComparedMetric Metric, double? Rate, Spread? A, Spread? B)
{
    /// <summary>B/A of the medians: below 1 means B needed less (memory, latency) or did less (req/s); null without both or when A is 0.</summary>
    public double? Ratio => A is { } a && B is { } b && a.Median != 0 ? b.Median / a.Median : null;

    /// <summary>How much worse B is than A, in percent of A (negative: better), whichever direction is worse for the metric.</summary>
    public double? WorsePercent => Ratio is { } r ? (NoiseRule.HigherIsBetter(Metric) ? 1 - r : r - 1) * 100 : null;

    public Verdict Verdict => NoiseRule.Decide(Metric, A, B);

    /// <summary>A regression a CI gate fails on: worse by the rule, and by more than <paramref name="thresholdPercent"/>.</summary>
    public bool RegressedBeyond(double thresholdPercent) => Verdict == Verdict.Worse && WorsePercent > thresholdPercent;
}
