using System.Globalization;
using System.Text;

namespace DeviceBench.Host.Reports;

/// <summary>A comparison as Markdown for a pull-request comment: the rule first, then one table per compared run.</summary>
public static class CompareMarkdown
{
    /// <param name="thresholdPercent">The gate's threshold (<c>--fail-on-regression</c>), or null when there is no gate.</param>
    public static string Of(IReadOnlyList<CompareReport> reports, double? thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var text = new StringBuilder("# DeviceBench comparison\n\n");
        if (reports.Count > 0) text.Append(CultureInfo.InvariantCulture, $"A (reference): {MarkdownReport.Escape(reports[0].LabelA)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Medians over each run's rounds, with the min–max range where rounds differ; B/A of the medians. "
            + $"Verdict: {MarkdownReport.Escape(NoiseRule.Description)}.\n\n");
        for (int i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            // Runs are lettered as compare's arguments are: A the reference, then B, C…
            char letter = (char)('B' + i);
            text.Append(CultureInfo.InvariantCulture, $"## {letter}: {MarkdownReport.Escape(report.LabelB)}\n\n");
            foreach (string note in report.Notes) text.Append(CultureInfo.InvariantCulture, $"- {MarkdownReport.Escape(note)}\n");
            if (report.Notes.Count > 0) text.Append('\n');
            if (report.Rows.Count == 0)
            {
                text.Append("No contender ran in both: nothing to compare.\n\n");
                continue;
            }
            text.Append(CultureInfo.InvariantCulture, $"| contender | metric | A | {letter} | {letter}/A | verdict |\n| --- | --- | ---: | ---: | ---: | --- |\n");
            foreach (var row in report.Rows)
                foreach (var figure in row.Figures)
                {
                    string verdict = CompareReport.VerdictText(figure.Verdict);
                    if (thresholdPercent is { } t && figure.RegressedBeyond(t)) verdict = $"**{verdict}**";
                    string[] cells = [row.Contender, CompareReport.MetricName(figure), CompareReport.Value(figure.Metric, figure.A),
                        CompareReport.Value(figure.Metric, figure.B), FigureText.Ratio(figure.Ratio)];
                    text.Append("| ").AppendJoin(" | ", cells.Select(MarkdownReport.Escape)).Append(" | ").Append(verdict).Append(" |\n");
                }
            text.Append('\n');
            if (thresholdPercent is not { } threshold) continue;
            var regressions = report.Regressions(threshold).ToList();
            text.Append(regressions.Count == 0
                ? $"No regression beyond {FigureText.Thousands(threshold)} %.\n\n"
                : $"**{regressions.Count} regression(s) beyond {FigureText.Thousands(threshold)} %:** "
                  + string.Join("; ", regressions.Select(r => MarkdownReport.Escape(CompareReport.RegressionLine(r.Contender, r.Figure)))) + ".\n\n");
        }
        return text.ToString();
    }
}
