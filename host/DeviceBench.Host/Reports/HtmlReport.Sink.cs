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

        public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            Line("<div class=\"table\"><table>");
            Line("<tr>" + string.Concat(header.Select(h => $"<th>{Escape(h)}</th>")) + "</tr>");
            foreach (var row in rows) Line("<tr>" + string.Concat(row.Select(c => $"<td>{Escape(c)}</td>")) + "</tr>");
            Line("</table></div>");
        }

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
