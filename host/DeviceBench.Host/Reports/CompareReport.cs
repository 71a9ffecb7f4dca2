using System.Globalization;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>
/// Run B against reference run A (a build against the last, a board against another): per contender both measured,
/// baseline RSS, peak RSS, max req/s and p99 at every rate both measured, each with B/A and a <see cref="Verdict"/> by
/// <see cref="NoiseRule"/>. Only what the runs share is compared; <see cref="Notes"/> says what they do not share.
/// Latency is compared only at rates both runs used: p99 at different loads says nothing.
/// </summary>
public sealed record CompareReport(string LabelA, string LabelB, IReadOnlyList<double> CommonRates, IReadOnlyList<ContenderComparison> Rows,
    IReadOnlyList<string> Notes)
{
    public static CompareReport Of(RunRecord a, RunRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var summaryA = RunSummary.Of(a).ToDictionary(s => s.Contender);
        var summaryB = RunSummary.Of(b).ToDictionary(s => s.Contender);
        List<double> rates = [.. a.Rates.Intersect(b.Rates).Order()];
        var rows = a.Settings.Contenders.Where(summaryB.ContainsKey).Select(name =>
        {
            var inA = summaryA[name];
            var inB = summaryB[name];
            return new ContenderComparison(name,
            [
                new(ComparedMetric.BaselineRss, null, inA.BaselineRssBytes, inB.BaselineRssBytes),
                new(ComparedMetric.PeakRss, null, inA.PeakRssBytes, inB.PeakRssBytes),
                new(ComparedMetric.RequestsPerSecond, null, inA.MaxRequestsPerSecond, inB.MaxRequestsPerSecond),
                .. rates.Select(rate => new ComparedFigure(ComparedMetric.P99, rate, P99At(inA, rate), P99At(inB, rate))),
            ]);
        });
        return new CompareReport(Label(a), Label(b), rates, [.. rows], [.. NotesOn(a, b, rates)]);
    }

    /// <summary>Every figure that regressed beyond <paramref name="thresholdPercent"/>, with its contender.</summary>
    public IEnumerable<(string Contender, ComparedFigure Figure)> Regressions(double thresholdPercent) =>
        Rows.SelectMany(r => r.Figures.Where(f => f.RegressedBeyond(thresholdPercent)).Select(f => (r.Contender, f)));

    /// <summary>A metric as a reader reads it: "baseline RSS", "req/s", "p99 @ 1,000/s".</summary>
    public static string MetricName(ComparedFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Metric switch
        {
            ComparedMetric.BaselineRss => "baseline RSS",
            ComparedMetric.PeakRss => "peak RSS",
            ComparedMetric.RequestsPerSecond => "req/s",
            _ => $"p99 @ {FigureText.Thousands(figure.Rate ?? 0)}/s",
        };
    }

    /// <summary>One side of a figure as text: median, and the range of the rounds when they differ.</summary>
    public static string Value(ComparedMetric metric, Spread? value) => metric switch
    {
        ComparedMetric.BaselineRss or ComparedMetric.PeakRss => FigureText.Mebibytes(value),
        ComparedMetric.RequestsPerSecond => FigureText.Count(value),
        _ => FigureText.Latency(value),
    };

    public static string VerdictText(Verdict verdict) => verdict == Verdict.Missing ? "-" : verdict.ToString().ToLowerInvariant();

    /// <summary>One line per regression, as the gate lists them: what, how much worse, from what to what.</summary>
    public static string RegressionLine(string contender, ComparedFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return $"{contender} {MetricName(figure)} worse by {FigureText.Percent(figure.WorsePercent ?? 0)[1..]} "
            + $"({Value(figure.Metric, figure.A)} → {Value(figure.Metric, figure.B)})";
    }

    private static IEnumerable<string> NotesOn(RunRecord a, RunRecord b, List<double> rates)
    {
        if (a.Board != b.Board || a.Architecture != b.Architecture)
            yield return $"different boards: A ran on {a.Board} ({a.Architecture}), B on {b.Board} ({b.Architecture})";
        if (Except(a.Settings.Contenders, b.Settings.Contenders) is { } onlyA) yield return $"only A ran {onlyA}: not compared";
        if (Except(b.Settings.Contenders, a.Settings.Contenders) is { } onlyB) yield return $"only B ran {onlyB}: not compared";
        if (ProfileText(a) != ProfileText(b))
            yield return $"A ran memory profile {ProfileText(a)}, B {ProfileText(b)}: the memory settings differ (each report lists them)";
        if (a.Settings.Threads != b.Settings.Threads)
            yield return $"worker threads per contender differ: A {ReportContent.ThreadsText(a.Settings)}, B {ReportContent.ThreadsText(b.Settings)}";
        if (a.Settings.Rounds != b.Settings.Rounds)
            yield return string.Create(CultureInfo.InvariantCulture, $"A has {a.Settings.Rounds} round(s), B {b.Settings.Rounds}");
        if (rates.Count == 0 && (a.Rates.Count > 0 || b.Rates.Count > 0))
            yield return "no open-loop rate in common: p99 not compared (fix the rates with bench --rates to compare it)";
        else if (a.Rates.Count != rates.Count || b.Rates.Count != rates.Count)
            yield return $"p99 compared at the rates both measured ({string.Join(", ", rates.Select(FigureText.Thousands))} req/s) only";
    }

    private static string? Except(IEnumerable<string> these, IEnumerable<string> those) =>
        these.Except(those).ToList() is { Count: > 0 } only ? string.Join(", ", only) : null;

    private static Spread? P99At(ContenderSummary summary, double rate) => summary.Rates.FirstOrDefault(r => r.Rate == rate)?.P99Micros;

    private static string Label(RunRecord run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run.Board} ({run.Architecture}), {FigureText.Utc(run.StartedUtc)}, {run.Settings.Rounds} round(s), profile {ProfileText(run)}, {run.Status.Text()}");

    /// <summary><c>default</c>, or <c>constrained (32 MiB)</c>: a run saved before profiles existed ran the default.</summary>
    private static string ProfileText(RunRecord run) => run.MemoryProfile is { BudgetBytes: { } budget } profile
        ? $"{profile.Name} ({FigureText.Mebibytes(budget)})" : run.MemoryProfile?.Name ?? MemoryProfile.DefaultName;
}
