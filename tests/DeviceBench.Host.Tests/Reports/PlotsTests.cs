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
}
