using System.Text;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary><c>report.md</c>: the run report as GitHub-flavoured Markdown, plots linked as PNG images beside it.</summary>
public static class MarkdownReport
{
    public static string Render(RunRecord run, IReadOnlyList<RenderedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        var sink = new Sink();
        ReportContent.Write(run, plots, sink);
        return sink.Text.ToString();
    }

    /// <summary>
    /// Escapes what Markdown would otherwise read as markup: '&lt;' above all, since renderers pass raw HTML through,
    /// and '|' which would split a table cell.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '#' => escaped.Append('\\').Append(c),
                '\r' or '\n' => escaped.Append(' '),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }

    private sealed class Sink : IReportSink
    {
        public StringBuilder Text { get; } = new();

        public void Heading(int level, string text) => Line($"{new string('#', level)} {Escape(text)}").Line();

        public void Paragraph(string text) => Line(Escape(text)).Line();

        public void Warning(string text) => Line($"> **{Escape(text)}**").Line();

        public void Bullets(IReadOnlyList<string> items)
        {
            foreach (string item in items) Line($"- {Escape(item)}");
            Line();
        }

        public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            Row(header);
            // Every column but the first holds figures: right-aligned so digits line up.
            Line("|" + string.Join("|", header.Select((_, i) => i == 0 ? " --- " : " ---: ")) + "|");
            foreach (var row in rows) Row(row);
            Line();
        }

        public void Plot(RenderedPlot plot) => Line($"![{Escape(plot.Title)}]({plot.PngFile})").Line();

        private void Row(IReadOnlyList<string> cells) => Line("| " + string.Join(" | ", cells.Select(Escape)) + " |");

        private Sink Line(string text = "")
        {
            Text.Append(text).Append('\n');
            return this;
        }
    }
}
