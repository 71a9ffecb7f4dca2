using System.Globalization;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli.Bench;

/// <summary>The terminal report: one row per contender, medians with the min–max range across rounds.</summary>
public static class RunTable
{
    public static void Render(IAnsiConsole console, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var rows = RunSummary.Of(run);
        var table = new Table().Border(TableBorder.Rounded).Title($"{run.Board} ({run.Architecture}) — {run.Status.Text()}");
        table.AddColumns("contender", "baseline RSS", "peak RSS", "max req/s", "errors", "device p99", "max temp", "throttled");
        foreach (var row in rows)
        {
            table.AddRow([.. new[]
            {
                row.Contender + (row.FailedSessions > 0 ? $" ({row.FailedSessions} failed)" : ""), Mb(row.BaselineRssBytes), Mb(row.PeakRssBytes),
                Num(row.MaxRequestsPerSecond), row.Errors.ToString(CultureInfo.InvariantCulture), Us(row.DeviceP99Micros),
                row.MaxTemperatureMilliCelsius is { } t ? (t / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " °C" : "-",
                row.ThrottlingSeen ? "yes" : "no",
            }.Select(Markup.Escape)]);
        }
        console.Write(table);
        // A microcontroller's memory is heap: its own table, never the RSS columns above.
        if (rows.Any(r => r.HasHeap))
        {
            var heap = new Table().Border(TableBorder.Rounded).Title("microcontroller memory (managed heap, not RSS)");
            heap.AddColumns("contender", "baseline heap used", "peak heap used");
            foreach (var row in rows.Where(r => r.HasHeap))
                heap.AddRow([.. new[] { row.Contender, FigureText.Kilobytes(row.BaselineHeapUsedBytes), FigureText.Kilobytes(row.PeakHeapUsedBytes) }.Select(Markup.Escape)]);
            console.Write(heap);
        }
        var latency = new Table().Border(TableBorder.Rounded).Title("open-loop latency (corrected for coordinated omission)");
        latency.AddColumns("contender", "rate req/s", "p50", "p99", "p99.9");
        foreach (var row in rows)
            foreach (var rate in row.Rates)
                latency.AddRow([.. new[] { row.Contender, rate.Rate.ToString("0", CultureInfo.InvariantCulture), Us(rate.P50Micros), Us(rate.P99Micros), Us(rate.P999Micros) }
                    .Select(Markup.Escape)]);
        if (run.Rates.Count > 0) console.Write(latency);
        if (run.Reason is not null) console.MarkupLine($"[yellow]{Markup.Escape(run.Reason)}[/]");
    }

    private static string Mb(Spread? s) => s is { } v ? Range(v, x => (x / 1048576).ToString("0.0", CultureInfo.InvariantCulture)) + " MB" : "-";

    private static string Num(Spread? s) => s is { } v ? Range(v, x => x.ToString("0", CultureInfo.InvariantCulture)) : "-";

    private static string Us(Spread? s) => s is { } v ? Range(v, Micros) : "-";

    private static string Micros(double us) => us >= 10_000 ? (us / 1000).ToString("0", CultureInfo.InvariantCulture) + "ms"
        : us >= 1000 ? (us / 1000).ToString("0.0", CultureInfo.InvariantCulture) + "ms" : us.ToString("0", CultureInfo.InvariantCulture) + "us";

    private static string Range(Spread s, Func<double, string> format) =>
        s.Count > 1 && s.Min != s.Max ? $"{format(s.Median)} ({format(s.Min)}–{format(s.Max)})" : format(s.Median);
}
