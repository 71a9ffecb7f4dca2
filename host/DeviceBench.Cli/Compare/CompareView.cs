using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli.Compare;

/// <summary>
/// The terminal comparison: per compared run one table of contender × metric with A, B, B/A and the verdict, in 80
/// columns (a contender's name on its own row, its metrics indented under it), the rule under the tables.
/// </summary>
public static class CompareView
{
    public static void Render(IAnsiConsole console, IReadOnlyList<string> folders, IReadOnlyList<CompareReport> reports, double? thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0) return;
        console.MarkupLine($"[bold]A[/]: {Markup.Escape(folders[0])}");
        console.MarkupLine($"   {Markup.Escape(reports[0].LabelA)}");
        for (int i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            string letter = CompareCommand.Letter(i + 1);
            console.WriteLine();
            console.MarkupLine($"[bold]{letter}[/]: {Markup.Escape(folders[i + 1])}");
            console.MarkupLine($"   {Markup.Escape(report.LabelB)}");
            foreach (string note in report.Notes) console.MarkupLine($"   [yellow]{Markup.Escape(note)}[/]");
            if (report.Rows.Count == 0)
            {
                console.MarkupLine("   [yellow]no contender ran in both: nothing to compare[/]");
                continue;
            }
            console.Write(Table(report, letter, thresholdPercent));
        }
        console.WriteLine();
        console.MarkupLine($"[grey]medians (min–max over rounds); verdict: {Markup.Escape(NoiseRule.Description)}[/]");
        if (thresholdPercent is { } t)
        {
            int count = reports.Sum(r => r.Regressions(t).Count());
            console.MarkupLine(count == 0 ? $"[green]gate: no regression beyond {FigureText.Thousands(t)} %[/]"
                : $"[red]gate: {count} regression(s) beyond {FigureText.Thousands(t)} %[/]");
        }
    }

    private static Table Table(CompareReport report, string letter, double? thresholdPercent)
    {
        var table = new Table().Border(TableBorder.None);
        table.AddColumn("contender / metric");
        table.AddColumn(new TableColumn("A").RightAligned());
        table.AddColumn(new TableColumn(letter).RightAligned());
        table.AddColumn(new TableColumn($"{letter}/A").RightAligned());
        table.AddColumn("verdict");
        foreach (var row in report.Rows)
        {
            table.AddRow($"[bold]{Markup.Escape(row.Contender)}[/]", "", "", "", "");
            foreach (var figure in row.Figures)
            {
                string verdict = CompareReport.VerdictText(figure.Verdict);
                verdict = figure.Verdict switch
                {
                    Verdict.Worse => thresholdPercent is { } t && figure.RegressedBeyond(t) ? $"[bold red]{verdict}[/]" : $"[red]{verdict}[/]",
                    Verdict.Better => $"[green]{verdict}[/]",
                    _ => verdict,
                };
                table.AddRow(Markup.Escape("  " + CompareReport.MetricName(figure)), Markup.Escape(CompareReport.Value(figure.Metric, figure.A)),
                    Markup.Escape(CompareReport.Value(figure.Metric, figure.B)), Markup.Escape(FigureText.Ratio(figure.Ratio)), verdict);
            }
        }
        return table;
    }
}
