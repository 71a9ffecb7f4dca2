using System.Xml.Linq;
using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class PlotsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-plots-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(50, 0.30103)]
    [InlineData(90, 1)]
    [InlineData(99, 2)]
    [InlineData(99.9, 3)]
    [InlineData(99.99, 4)]
    public void The_nines_axis_gives_each_extra_nine_one_step(double percentile, double nines)
    {
        Assert.Equal(nines, Plots.NinesOf(percentile), precision: 5);
    }

    [Fact]
    public void Every_plot_is_written_as_a_valid_png_and_svg_and_stale_plots_are_removed()
    {
        var run = Run(["alpha", "beta"], 2, 1000, 2000, 3000);
        foreach (int round in new[] { 1, 2 })
        {
            run.Sessions.Add(Session("alpha", round, 10 * MiB, 5000, run.Rates, 2000));
            run.Sessions.Add(Session("beta", round, 4 * MiB, 9000, run.Rates, 900));
        }
        string directory = SaveIn(_folder, run);
        Directory.CreateDirectory(Path.Combine(directory, Plots.Folder));
        File.WriteAllText(Path.Combine(directory, Plots.Folder, "latency-777.png"), "from an older render");

        var files = ReportWriter.WriteAll(directory);

        string[] names = ["latency-1000", "latency-2000", "latency-3000", "latency-over-time-1000", "latency-over-time-2000", "latency-over-time-3000",
            "rss-alpha", "rss-beta", "throughput"];
        Assert.Equal(names.SelectMany(n => new[] { $"{n}.png", $"{n}.svg" }).Order(),
            Directory.GetFiles(Path.Combine(directory, Plots.Folder)).Select(Path.GetFileName).Order());
        Assert.Equal(18, files.PlotPaths.Count);
        foreach (string name in names)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(directory, Plots.Folder, name + ".png"));
            Assert.Equal(PngSignature, png[..8]);
            Assert.True(png.Length > 10_000, $"{name}.png is only {png.Length} bytes");
            var svg = XDocument.Load(Path.Combine(directory, Plots.Folder, name + ".svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            string contender = name == "rss-beta" ? "beta" : "alpha";
            Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains(contender, StringComparison.Ordinal));
        }
        Assert.True(File.Exists(files.MarkdownPath));
    }

    [Fact]
    public void The_spectrum_labels_its_percentile_ticks_in_nines()
    {
        var run = Run(["alpha"], 1, 1000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000));

        var spectrum = Plots.Render(run, SaveIn(_folder, run)).Single(p => p.Name == "latency-1000");

        var labels = XDocument.Parse(spectrum.Svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("50%", labels);
        Assert.Contains("99%", labels);
        Assert.Contains("99.9%", labels);
        Assert.Contains("99.99%", labels);
        Assert.Contains("latency (ms, log scale)", labels);
        Assert.Contains("1", labels);
        Assert.Contains("10", labels);
    }

    [Fact]
    public void A_run_without_measurements_has_no_plots()
    {
        var run = Run(["alpha"], 1);

        Assert.Empty(Plots.Render(run, SaveIn(_folder, run)));
    }

    [Fact]
    public void Memory_is_one_plot_per_contender_with_its_phases_named_and_latency_over_time_one_per_rate()
    {
        var run = Run(["alpha", "beta"], 1, 1000);
        run.Sessions.Add(Session("alpha", 1, 2 * MiB, 5000, run.Rates, 2000));
        run.Sessions.Add(Session("beta", 1, 60 * MiB, 9000, run.Rates, 900));

        var plots = Plots.Render(run, SaveIn(_folder, run));

        foreach (string contender in new[] { "alpha", "beta" })
        {
            var texts = Texts(plots.Single(p => p.Name == $"rss-{contender}"));
            // Each on its own axis: the 2 MiB contender is not a flat line under the 60 MiB one.
            Assert.Contains(texts, t => t.StartsWith($"RSS of {contender} over time", StringComparison.Ordinal));
            Assert.Contains("max", texts);
            Assert.Contains("1000/s", texts);
        }
        var overTime = plots.Single(p => p.Name == "latency-over-time-1000");
        Assert.Equal(1000, overTime.Rate);
        Assert.Contains("alpha p99", Texts(overTime));
        Assert.Contains("beta max", Texts(overTime));
    }

    [Fact]
    public void Phase_spans_put_each_warmup_and_measured_part_on_the_sessions_clock()
    {
        var session = Session("alpha", 1, MiB, 5000, [1000], 2000);

        var spans = Plots.PhaseSpans(session);

        // The builder's max phase starts 1 s into the session with 1 s of warm-up and 2 s measured; the rate 3 s later.
        Assert.Equal(
        [
            new Plots.PhaseSpan("warm-up", 1, 2, true), new Plots.PhaseSpan("max", 2, 4, false),
            new Plots.PhaseSpan("warm-up", 4, 5, true), new Plots.PhaseSpan("1000/s", 5, 7, false),
        ], spans);
    }

    private static List<string> Texts(RenderedPlot plot) =>
        [.. XDocument.Parse(plot.Svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];
}
