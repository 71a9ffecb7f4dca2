using DeviceBench.Host.Bench;
using ScottPlot;

namespace DeviceBench.Host.Reports;

public static partial class Plots
{
    private const int SmallHeightPixels = 260;
    private const double BytesPerMebibyte = 1024 * 1024;

    /// <summary>
    /// Small multiples: one RSS plot per contender, each on its own axis from zero. On one shared axis a contender 30×
    /// the others (Kestrel against Rust on a Pi) drew the rest as flat lines at the bottom; here each shape reads, and
    /// the title carries the peak so sizes still compare. Phases are shaded, so a step shows which load caused it.
    /// </summary>
    private static IEnumerable<(string Name, string Title, Plot Plot)> MemoryOverTime(RunRecord run)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string contender in run.Settings.Contenders)
        {
            // A microcontroller's STATs carry heap, not RSS: it has its own plot (Heap), never one labelled RSS.
            if (FirstMeasured(run, contender, s => s.Stats.Any(t => t.Stat.Memory is not null)) is not { } session) continue;
            // The contender's name made file-name safe; two names that read alike after that get their place appended.
            string name = "rss-" + FileSafe().Replace(contender, "-");
            if (!names.Add(name)) names.Add(name += "-" + FigureText.Whole(names.Count));
            var withRss = session.Stats.Where(t => t.Stat.Memory is not null).ToList();
            double[] seconds = [.. withRss.Select(t => t.AtSeconds)];
            double[] mebibytes = [.. withRss.Select(t => t.Stat.Memory!.Value.RssBytes / BytesPerMebibyte)];
            double highest = mebibytes.Max();
            if (highest <= 0) continue;
            var plot = new Plot();
            ShadePhases(plot, session, highest * 1.2);
            var line = plot.Add.ScatterLine(seconds, mebibytes, ColorOf(run, contender));
            line.LineWidth = 2;
            line.LegendText = contender;
            plot.Axes.SetLimitsY(0, highest * 1.25);
            string title = $"RSS of {contender} over time, round {FigureText.Whole(session.Round)}: peak {MemoryText(highest * BytesPerMebibyte)}";
            plot.Title(title);
            plot.XLabel("time since the contender started (s)");
            plot.YLabel("RSS");
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => MemoryText(v * BytesPerMebibyte) };
            yield return (name, title, plot);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial System.Text.RegularExpressions.Regex FileSafe();

    /// <summary>A size with its unit, spelled as every report spells it (FigureText).</summary>
    private static string MemoryText(double bytes) => FigureText.Mebibytes(Spread.Of([bytes]));
}
