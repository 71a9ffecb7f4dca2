using DeviceBench.Host.Reports;
using SkiaSharp;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

/// <summary>
/// Opens report.html as a person would — in a browser — and checks the screenshot shows the plots, not just that the
/// file holds SVG. Needs Debian's <c>chromium</c> package (scripts/setup.sh installs it).
/// </summary>
public sealed class BrowserScreenshotTests : IDisposable
{
    private const int WidthPixels = 1400;
    private const int HeightPixels = 9000;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-browser-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Report_html_shows_every_plot_in_headless_Chromium()
    {
        var run = Run(["alpha", "beta", "gamma"], 1, 1000, 2000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000));
        run.Sessions.Add(Session("beta", 1, 4 * MiB, 9000, run.Rates, 900));
        run.Sessions.Add(Session("gamma", 1, 7 * MiB, 7000, run.Rates, 1500));
        var files = ReportWriter.WriteAll(SaveIn(_folder, run));
        string screenshot = Path.Combine(_folder.FullName, "screenshot.png");

        await Screenshot(new Uri(files.HtmlPath).AbsoluteUri, screenshot);

        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.Equal(WidthPixels, bitmap.Width);
        // A plot's data area is framed by long dark lines (tables are ruled in light grey) and holds the contenders'
        // lines, the only saturated colour on the page; each such frame with colour inside is a plot a reader sees.
        var edges = FrameEdges(bitmap);
        var plots = edges.Chunk(2).Where(pair => pair.Length == 2 && pair[1] - pair[0] is > 150 and < 600).ToList();
        // Per rate a spectrum and latency over time (4), RSS per contender (3), throughput.
        Assert.Equal(8, plots.Count);
        Assert.All(plots, pair => Assert.True(ColouredPixels(bitmap, pair[0], pair[1]) > 300,
            $"the plot framed by rows {pair[0]}–{pair[1]} has almost no coloured line in it"));
    }

    /// <summary>Rows (grouped when adjacent) holding a run of over 400 dark pixels: the top and bottom edges of each plot's frame.</summary>
    private static List<int> FrameEdges(SKBitmap bitmap)
    {
        var edges = new List<int>();
        for (int y = 0; y < bitmap.Height; y++)
        {
            int run = 0, longest = 0;
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                run = c.Red < 110 && c.Green < 110 && c.Blue < 110 ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
            if (longest > 400 && (edges.Count == 0 || y - edges[^1] > 3)) edges.Add(y);
        }
        return edges;
    }

    private static int ColouredPixels(SKBitmap bitmap, int top, int bottom)
    {
        int coloured = 0;
        for (int y = top + 2; y < bottom - 1; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80) coloured++;
            }
        return coloured;
    }

    private async Task Screenshot(string url, string path)
    {
        string output = await HeadlessChromium.RunAsync(_folder, $"--screenshot={path}", $"--window-size={WidthPixels},{HeightPixels}", url);
        Assert.True(File.Exists(path), $"chromium wrote no screenshot: {output}");
    }
}
