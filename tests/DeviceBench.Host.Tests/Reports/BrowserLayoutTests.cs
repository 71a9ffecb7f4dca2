using System.Net;
using System.Text.RegularExpressions;
using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

/// <summary>
/// report.html read on a laptop and on a phone: laid out in headless Chromium at 1280 and at 390 CSS pixels (an
/// iPhone 12–15's width) and nothing may stick out of the window. Chromium's windows are at least 500 px wide, so each
/// width is an iframe of a probe page; the probe's script measures and writes what it found into the DOM, which
/// <c>--dump-dom</c> prints. No DevTools protocol needed.
/// </summary>
public sealed partial class BrowserLayoutTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-layout-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// Per iframe: its innerWidth, the document's scrollWidth, and up to five elements whose right edge passes the window
    /// without a scrolling box (overflow other than visible) around them to hold them.
    /// </summary>
    private const string Probe = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"/></head><body style="margin:0">
        <iframe id="w1280" src="report.html" style="display:block;border:0;width:1280px;height:900px"></iframe>
        <iframe id="w390" src="report.html" style="display:block;border:0;width:390px;height:900px"></iframe>
        <pre id="result">not measured</pre>
        <script>
        function measure(frame) {
          var w = frame.contentWindow, d = frame.contentDocument, wide = [];
          d.querySelectorAll("body *").forEach(function (e) {
            var r = e.getBoundingClientRect();
            if (r.width === 0 || r.right <= w.innerWidth + 0.5) return;
            for (var p = e.parentElement; p && p !== d.body; p = p.parentElement)
              if (w.getComputedStyle(p).overflowX !== "visible") return;
            wide.push(e.tagName.toLowerCase() + " to " + Math.round(r.right) + "px: " + (e.textContent || "").trim().slice(0, 40));
          });
          return frame.id + " inner=" + w.innerWidth + " scroll=" + d.documentElement.scrollWidth + " wide=" + wide.slice(0, 5).join(" | ");
        }
        window.addEventListener("load", function () {
          document.getElementById("result").textContent = measure(document.getElementById("w1280")) + "\n" + measure(document.getElementById("w390"));
        });
        </script>
        </body></html>
        """;

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Report_html_fits_a_1280_px_window_and_a_390_px_phone_without_sideways_scrolling()
    {
        string[] contenders = ["csharp-minimal", "csharp-kestrel", "rust-hyper", "go-nethttp"];
        var run = WithCards(Run(contenders, 2, 1000, 2000, 4000));
        run.Reason = "a reason long enough to wrap: " + string.Concat(Enumerable.Repeat("/very/long/path/without/spaces", 6));
        run.Status = Host.Bench.RunStatus.Partial;
        foreach (int round in new[] { 1, 2 })
            foreach (var (name, i) in contenders.Select((c, i) => (c, i)))
                run.Sessions.Add(Session(name, round, (2 + 28 * (i % 2)) * MiB, 5000 + 1000 * i, run.Rates, 900 + 400 * i));
        var files = ReportWriter.WriteAll(SaveIn(_folder, run));
        string probe = Path.Combine(Path.GetDirectoryName(files.HtmlPath)!, "probe.html");
        await File.WriteAllTextAsync(probe, Probe);

        string dom = await HeadlessChromium.RunAsync(_folder, "--allow-file-access-from-files", "--window-size=1400,2000",
            "--virtual-time-budget=10000", "--dump-dom", new Uri(probe).AbsoluteUri);

        var result = Result().Match(dom);
        Assert.True(result.Success, $"the probe page did not run: {dom[..Math.Min(dom.Length, 500)]}");
        var lines = WebUtility.HtmlDecode(result.Groups[1].Value).Split('\n');
        Assert.Equal(2, lines.Length);
        foreach (var (line, width) in lines.Zip(new[] { 1280, 390 }))
        {
            var figures = Figures().Match(line);
            Assert.True(figures.Success, line);
            Assert.Equal(width, int.Parse(figures.Groups["inner"].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(int.Parse(figures.Groups["scroll"].Value, System.Globalization.CultureInfo.InvariantCulture) <= width, $"the page scrolls sideways: {line}");
            Assert.True(figures.Groups["wide"].Value.Length == 0, $"sticks out of the window: {line}");
        }
    }

    [GeneratedRegex("""<pre id="result">(.*?)</pre>""", RegexOptions.Singleline)]
    private static partial Regex Result();

    [GeneratedRegex("""inner=(?<inner>\d+) scroll=(?<scroll>\d+) wide=(?<wide>.*)$""")]
    private static partial Regex Figures();
}
