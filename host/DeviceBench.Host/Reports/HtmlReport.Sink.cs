using System.Text;

namespace DeviceBench.Host.Reports;

public static partial class HtmlReport
{
    private sealed class Sink : IReportSink
    {
        public StringBuilder Body { get; } = new();

        public void Heading(int level, string text) => Line($"<h{level}>{Escape(text)}</h{level}>");

        public void Paragraph(string text) => Line($"<p>{Escape(text)}</p>");

        public void Warning(string text) => Line($"<p class=\"warning\">{Escape(text)}</p>");

        public void Bullets(IReadOnlyList<string> items) =>
            Line("<ul>" + string.Concat(items.Select(i => $"<li>{Escape(i)}</li>")) + "</ul>");

        /// <summary>
        /// Figures stay on one line, right-aligned; a column of prose (a cell past <see cref="ProseCharacters"/>: a
        /// toolchain, a build flavour, a profile) is left-aligned and wraps, so a card fits a laptop without scrolling.
        /// </summary>
        public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            var prose = header.Select((_, i) => rows.Any(r => i < r.Count && r[i].Length > ProseCharacters)).ToList();
            string Cell(string tag, string text, int i) => i > 0 && i < prose.Count && prose[i] ? $"<{tag} class=\"text\">{Escape(text)}</{tag}>" : $"<{tag}>{Escape(text)}</{tag}>";
            Line("<div class=\"table\"><table>");
            Line("<tr>" + string.Concat(header.Select((h, i) => Cell("th", h, i))) + "</tr>");
            foreach (var row in rows) Line("<tr>" + string.Concat(row.Select((c, i) => Cell("td", c, i))) + "</tr>");
            Line("</table></div>");
        }

        private const int ProseCharacters = 24;

        public void Plot(RenderedPlot plot)
        {
            Line($"<figure id=\"{Escape(plot.Name)}\">");
            Line(InlineSvg(plot));
            Line($"<figcaption>{Escape(plot.Title)} (also <a href=\"{Escape(plot.SvgFile)}\">SVG</a>, <a href=\"{Escape(plot.PngFile)}\">PNG</a>)</figcaption>");
            Line("</figure>");
        }

        private void Line(string text) => Body.Append(text).Append('\n');
    }
}
