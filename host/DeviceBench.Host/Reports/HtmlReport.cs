using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG; no script, font or network request) that opens
/// from a copied results folder years later. Written as well-formed XHTML so tests can parse it as XML. Nothing is wider than the
/// window, down to a phone's: a wide table scrolls inside its own box, long words (a sha256, a path) wrap.
/// </summary>
public static partial class HtmlReport
{
    private const string Style = """
        body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#222;max-width:1300px;margin:2em auto;padding:0 1em;line-height:1.4;overflow-wrap:anywhere}
        .table{overflow-x:auto;max-width:100%}
        h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{margin-bottom:.3em}
        table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right;white-space:nowrap}
        th:first-child,td:first-child,.text{text-align:left}.text{white-space:normal;min-width:9em}th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}
        .warning{background:#fff4d6;border-left:4px solid #e0a000;padding:.5em 1em;font-weight:bold}
        figure{margin:1em 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}figcaption{color:#555;font-size:.9em}
        """;

    public static string Render(RunRecord run, IReadOnlyList<RenderedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        var sink = new Sink();
        ReportContent.Write(run, plots, sink);
        return $"""
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>{Escape($"DeviceBench {run.Board} {FigureText.Utc(run.StartedUtc)}")}</title>
            <style>
            {Style}
            </style>
            </head>
            <body>
            {sink.Body}</body>
            </html>

            """;
    }

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// The SVG as an element of this page: no XML declaration, a viewBox so CSS can scale it, and ids prefixed with the
    /// plot's name — Skia numbers its clip paths from 1 in every file, and on one page the first <c>#cl_1</c> would win.
    /// </summary>
    internal static string InlineSvg(RenderedPlot plot)
    {
        string svg = XmlDeclaration().Replace(plot.Svg, "").Trim();
        var size = Size().Match(svg);
        if (size.Success) svg = svg.Insert(size.Index, $"viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\" ");
        string prefix = IdSafe().Replace(plot.Name, "-") + "-";
        svg = IdAttribute().Replace(svg, $"id=\"{prefix}$1\"");
        svg = HrefAttribute().Replace(svg, $"href=\"#{prefix}$1\"");
        return UrlReference().Replace(svg, $"url(#{prefix}$1)");
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"width=""(\d+)"" height=""(\d+)""")]
    private static partial Regex Size();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"\bhref=""#([^""]+)""")]
    private static partial Regex HrefAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex IdSafe();
}
