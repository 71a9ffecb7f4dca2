using DeviceBench.Host.Bench;
using System.Xml;
using System.Xml.Linq;
using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class HtmlReportTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-report-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Report_html_is_well_formed_self_contained_and_inlines_one_svg_per_plot()
    {
        var run = Run(["alpha", "beta"], 1, 1000, 2000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000));
        run.Sessions.Add(Session("beta", 1, 4 * MiB, 9000, run.Rates, 900));
        var files = ReportWriter.WriteAll(SaveIn(_folder, run));

        var html = File.ReadAllText(files.HtmlPath);
        var page = Parse(html);

        // Per rate a spectrum and latency over time, RSS per contender, throughput.
        Assert.Equal(7, page.Descendants(Svg + "svg").Count());
        Assert.Equal(7, page.Descendants(Xhtml + "figure").Count());
        Assert.Contains(page.Descendants(Xhtml + "td"), td => td.Value == "alpha");
        // Nothing to fetch: no script, stylesheet link, image or remote URL; only namespace names mention http.
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe");
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        // Skia numbers clip paths from 1 in every SVG; inlined together they must not collide.
        var ids = page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var references = page.Descendants().Select(e => (string?)e.Attribute("clip-path")).OfType<string>().Select(r => r[5..^1]).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, ids));
    }

    [Fact]
    public void Text_from_the_run_is_escaped_everywhere_including_the_plots()
    {
        var run = Run(["<script>alert('name')</script>"], 1, 1000);
        run.Sessions.Add(Session(run.Settings.Contenders[0], 1, 10 * MiB, 5000, run.Rates, 2000));
        run.Status = RunStatus.Partial;
        run.Reason = "stopped <script>alert(\"reason\")</script> & gone";
        var files = ReportWriter.WriteAll(SaveIn(_folder, run));

        var html = File.ReadAllText(files.HtmlPath);
        var page = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains(page.Descendants(Xhtml + "p"), p => (string?)p.Attribute("class") == "warning"
            && p.Value.StartsWith("Status: partial — stopped <script>alert(\"reason\")</script> & gone", StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "td"), td => td.Value == "<script>alert('name')</script>");
        Assert.Contains(page.Descendants(Svg + "text"), t => t.Value.Contains("<script>", StringComparison.Ordinal));
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
