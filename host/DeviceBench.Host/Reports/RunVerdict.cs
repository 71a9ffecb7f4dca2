using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>
/// The report's first answer: one line per question a reader brings (who is smallest at idle and under load, who holds
/// the most req/s, who does the most per CPU-second, whose tail is lowest at each rate), the best first with its
/// figure, then every other contender as a ratio to it ("1.65×": 1.65 times the best's figure). Medians over rounds.
/// </summary>
public static class RunVerdict
{
    public static IReadOnlyList<string> Lines(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = RunSummary.Of(run);
        var cpu = CpuSummary.Of(run);
        var lines = new List<string?>
        {
            Rank("Smallest at idle (baseline RSS)", rows.Select(r => (r.Contender, r.BaselineRssBytes?.Median)), lowerIsBetter: true, Memory),
            Rank("Smallest under load (peak RSS)", rows.Select(r => (r.Contender, r.PeakRssBytes?.Median)), lowerIsBetter: true, Memory),
            Rank("Most req/s (closed-loop maximum)", rows.Select(r => (r.Contender, r.MaxRequestsPerSecond?.Median)), lowerIsBetter: false,
                v => FigureText.Whole(v) + " req/s"),
            Rank("Most requests per CPU-second (at the maximum)", cpu.Select(c => (c.Contender, c.RequestsPerCpuSecond?.Median)), lowerIsBetter: false,
                FigureText.Whole),
        };
        for (int i = 0; i < run.Rates.Count; i++)
        {
            double rate = run.Rates[i];
            lines.Add(Rank($"Lowest p99 at {FigureText.Whole(rate)} req/s", rows.Select(r => (r.Contender, r.Rates.FirstOrDefault(x => x.Rate == rate)?.P99Micros?.Median)),
                lowerIsBetter: true, FigureText.Micros));
        }
        return [.. lines.OfType<string>()];
    }

    /// <summary>"Question: best figure; next 1.08×, …; not measured: x." Null when no contender has the figure.</summary>
    internal static string? Rank(string question, IEnumerable<(string Contender, double? Value)> figures, bool lowerIsBetter, Func<double, string> format)
    {
        var all = figures.ToList();
        var measured = all.Where(f => f.Value is > 0).Select(f => (f.Contender, Value: f.Value!.Value)).ToList();
        if (measured.Count == 0) return null;
        var ordered = lowerIsBetter ? measured.OrderBy(f => f.Value).ToList() : measured.OrderByDescending(f => f.Value).ToList();
        var best = ordered[0];
        string line = $"{question}: {best.Contender}, {format(best.Value)}";
        if (ordered.Count > 1)
            line += "; then " + string.Join(", ", ordered.Skip(1).Select(f => $"{f.Contender} {FigureText.Ratio(f.Value / best.Value)} ({format(f.Value)})"));
        var missing = all.Where(f => f.Value is not > 0).Select(f => f.Contender).ToList();
        if (missing.Count > 0) line += $"; not measured: {string.Join(", ", missing)}";
        return line + ".";
    }

    private static string Memory(double bytes) => FigureText.Mebibytes(bytes);
}
