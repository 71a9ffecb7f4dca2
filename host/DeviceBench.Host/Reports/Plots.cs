using System.Text;
using DeviceBench.Host.Bench;
using ScottPlot;
using SkiaSharp;

namespace DeviceBench.Host.Reports;

/// <summary>
/// The report's plots, drawn with ScottPlot (Skia, headless) into <c>plots/</c> of the run folder: a latency spectrum
/// per open-loop rate with its latency over time (p99 and max per interval), RSS over time per contender
/// (small multiples, phases shaded) and requests/s over time. A plot with nothing to draw is left out.
/// </summary>
public static partial class Plots
{
    public const string Folder = "plots";
    private const int WidthPixels = 1000;
    private const int HeightPixels = 460;

    /// <summary>Fonts tried in order; DejaVu ships with Debian, and ScottPlot's own choice here was a serif face.</summary>
    private static readonly string[] SansFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"];

    public static IReadOnlyList<RenderedPlot> Render(RunRecord run, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        string folder = Path.Combine(runDirectory, Folder);
        Directory.CreateDirectory(folder);
        // A re-render must not leave a plot of a rate the run no longer has.
        foreach (string stale in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)))
            File.Delete(stale);
        var rendered = new List<RenderedPlot>();
        foreach (var (name, title, rate, plot, height) in Build(run))
        {
            Style(plot);
            string svg = plot.GetSvgXml(WidthPixels, height);
            File.WriteAllText(Path.Combine(folder, name + ".svg"), svg, new UTF8Encoding(false));
            File.WriteAllBytes(Path.Combine(folder, name + ".png"), plot.GetImageBytes(WidthPixels, height, ImageFormat.Png));
            rendered.Add(new RenderedPlot(name, title, rate, $"{Folder}/{name}.png", $"{Folder}/{name}.svg", svg));
        }
        return rendered;
    }

    private static IEnumerable<(string Name, string Title, double? Rate, Plot Plot, int Height)> Build(RunRecord run)
    {
        foreach (double rate in run.Rates)
        {
            string title = $"Latency by percentile at {FigureText.Whole(rate)} req/s (corrected, first measured round)";
            if (Spectrum(run, rate, title) is { } spectrum) yield return ($"latency-{FigureText.Whole(rate)}", title, rate, spectrum, HeightPixels);
            string overTime = $"Latency over time at {FigureText.Whole(rate)} req/s: p99 (line) and max (circles) per interval, corrected, first measured round";
            if (LatencyOverTime(run, rate, overTime) is { } spikes) yield return ($"latency-over-time-{FigureText.Whole(rate)}", overTime, rate, spikes, HeightPixels);
        }
        foreach (var (name, title, plot) in MemoryOverTime(run)) yield return (name, title, null, plot, SmallHeightPixels);
        const string heapTitle = "Microcontroller managed heap in use (not RSS) over time, first measured round";
        if (Heap(run, heapTitle) is { } heap) yield return ("heap", heapTitle, null, heap, HeightPixels);
        const string throughputTitle = "Requests/s over time (load generator, per interval), first measured round";
        if (Throughput(run, throughputTitle) is { } throughput) yield return ("throughput", throughputTitle, null, throughput, HeightPixels);
        foreach (var claimPlot in ClaimPlots(run)) yield return claimPlot;
    }

    /// <summary>Figures over time start from zero: a line near the top must not look like a large share of nothing.</summary>
    private static void FromZero(Plot plot, double highest) => plot.Axes.SetLimitsY(0, highest * 1.08);

    /// <summary>Each contender keeps one colour in every plot: its place in the run's contender list.</summary>
    private static Color ColorOf(RunRecord run, string contender)
    {
        int index = run.Settings.Contenders.ToList().IndexOf(contender);
        return new ScottPlot.Palettes.Category10().GetColor(index < 0 ? run.Settings.Contenders.Count : index);
    }

    /// <summary>The first round ≥ 1 in which <paramref name="contender"/> has what <paramref name="has"/> asks for.</summary>
    private static ContenderSession? FirstMeasured(RunRecord run, string contender, Func<ContenderSession, bool> has) =>
        run.Sessions.Where(s => s.Contender == contender && s.Round > 0 && has(s)).OrderBy(s => s.Round).FirstOrDefault();

    private static void Style(Plot plot)
    {
        var families = SKFontManager.Default.GetFontFamilies();
        if (SansFonts.FirstOrDefault(f => families.Contains(f, StringComparer.OrdinalIgnoreCase)) is { } font) plot.Font.Set(font);
        plot.Axes.Title.Label.FontSize = 15;
        // Outside the data area: inside, it hid a contender's line in the first real run.
        plot.ShowLegend(Edge.Right);
    }
}
