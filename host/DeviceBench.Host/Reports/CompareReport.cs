using System.Text;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>
/// Two runs side by side (a board against another, a build against the last): per contender the baseline RSS, the
/// maximum req/s and p99 at every rate both runs measured, each with the ratio B/A. Latency is compared only at rates
/// both runs used: p99 at different loads says nothing.
/// </summary>
public sealed record CompareReport(string LabelA, string LabelB, IReadOnlyList<double> CommonRates, IReadOnlyList<ContenderComparison> Rows)
{
    public static CompareReport Of(RunRecord a, RunRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var summaryA = RunSummary.Of(a).ToDictionary(s => s.Contender);
        var summaryB = RunSummary.Of(b).ToDictionary(s => s.Contender);
        List<double> rates = [.. a.Rates.Intersect(b.Rates).Order()];
        var rows = a.Settings.Contenders.Concat(b.Settings.Contenders).Distinct().Select(name =>
        {
            var inA = summaryA.GetValueOrDefault(name);
            var inB = summaryB.GetValueOrDefault(name);
            return new ContenderComparison(name,
                new(inA?.BaselineRssBytes?.Median, inB?.BaselineRssBytes?.Median),
                new(inA?.MaxRequestsPerSecond?.Median, inB?.MaxRequestsPerSecond?.Median),
                [.. rates.Select(rate => new ComparedFigure(P99At(inA, rate), P99At(inB, rate)))]);
        });
        return new CompareReport(Label(a), Label(b), rates, [.. rows]);
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("# DeviceBench comparison\n\n")
            .Append($"- A: {MarkdownReport.Escape(LabelA)}\n- B: {MarkdownReport.Escape(LabelB)}\n\n")
            .Append("Medians over each run's measured rounds; ratio = B/A.\n\n");
        var header = new List<string> { "contender", "baseline RSS A", "B", "B/A", "max req/s A", "B", "B/A" };
        foreach (double rate in CommonRates) header.AddRange([$"p99 @ {FigureText.Whole(rate)} A", "B", "B/A"]);
        text.Append("| ").Append(string.Join(" | ", header)).Append(" |\n|").Append(string.Join("|", header.Select((_, i) => i == 0 ? " --- " : " ---: "))).Append("|\n");
        foreach (var row in Rows)
            text.Append("| ").Append(string.Join(" | ", Cells(row).Select(MarkdownReport.Escape))).Append(" |\n");
        if (CommonRates.Count == 0) text.Append("\nThe runs share no open-loop rate, so latency is not compared: fix the rates (`bench --rates`) to compare it.\n");
        return text.ToString();
    }

    /// <summary>A row as text: contender, then A, B and B/A for each figure, in <see cref="ToMarkdown"/>'s column order.</summary>
    public static IReadOnlyList<string> Cells(ContenderComparison row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var cells = new List<string> { row.Contender };
        cells.AddRange(Triple(row.BaselineRssBytes, v => FigureText.MegabytesOf(v) + " MB"));
        cells.AddRange(Triple(row.MaxRequestsPerSecond, FigureText.Whole));
        foreach (var p99 in row.P99Micros) cells.AddRange(Triple(p99, FigureText.Micros));
        return cells;
    }

    private static string[] Triple(ComparedFigure figure, Func<double, string> format) =>
        [figure.A is { } a ? format(a) : "-", figure.B is { } b ? format(b) : "-", FigureText.Ratio(figure.Ratio)];

    private static double? P99At(ContenderSummary? summary, double rate) =>
        summary?.Rates.FirstOrDefault(r => r.Rate == rate)?.P99Micros?.Median;

    private static string Label(RunRecord run) => $"{run.Board} ({run.Architecture}), {FigureText.Utc(run.StartedUtc)}, {run.Status.Text()}";
}
